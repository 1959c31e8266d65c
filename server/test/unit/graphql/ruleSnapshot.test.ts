import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildRolegraphSchema } from '../../../src/graphql/schema';
import { describeRule, type AccessRule } from '../../../src/graphql/accessRules';
import { PUBLIC_FIELDS } from '../../../src/graphql/publicFields';
import { areaOf, IDENTITY_FIELDS, TYPE_AREAS } from '../../../src/graphql/fieldAreas';

/**
 * Who reaches what: every field of the schema with the rules that guard it,
 * the API key area it needs, or the reason it is public. The list is committed
 * (whoReachesWhat.txt) and this test fails on any difference, so a change to
 * who may reach a field shows up in review as a change to that file, made in
 * the same commit. Regenerate with `UPDATE_RULES=1 npx jest ruleSnapshot`.
 */
const SNAPSHOT = path.join(__dirname, 'whoReachesWhat.txt');

function rulesOf(schemaTypeName: string, fieldName: string): AccessRule[] | undefined {
  const storage = getMetadataStorage();
  const authorized = (target: Function, name: string) =>
    storage.authorizedFields.find((a) => a.target === target && a.fieldName === name)?.roles as AccessRule[] | undefined;
  if (['Query', 'Mutation', 'Subscription'].includes(schemaTypeName)) {
    const handler = [...storage.queries, ...storage.mutations, ...storage.subscriptions].find((h) => h.schemaName === fieldName);
    return handler ? authorized(handler.target, handler.methodName) : undefined;
  }
  const className = storage.objectTypes.find((o) => o.name === schemaTypeName)?.target.name ?? schemaTypeName;
  const resolver = storage.fieldResolvers.find((r) => r.schemaName === fieldName && r.getObjectType?.()?.name === className);
  if (resolver) {
    const rules = authorized(resolver.target, resolver.methodName);
    if (rules) return rules;
  }
  const property = storage.objectTypes.find((o) => o.name === schemaTypeName)?.fields?.find((f) => f.schemaName === fieldName);
  return property ? authorized(property.target, property.name) : undefined;
}

function whoReachesWhat(schema: GraphQLSchema): string {
  const lines: string[] = [];
  const types = Object.values(schema.getTypeMap())
    .filter((t) => isObjectType(t) && !t.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    if (!isObjectType(type)) continue;
    lines.push(type.name);
    for (const field of Object.keys(type.getFields()).sort()) {
      const parts: string[] = [];
      const rules = rulesOf(type.name, field);
      if (rules) parts.push(rules.map(describeRule).join(' OR '));
      const area = areaOf(type.name, field);
      if (area) parts.push(`API key needs ${area}: READ`);
      else if (TYPE_AREAS[type.name] && IDENTITY_FIELDS.includes(field))
        parts.push('identity: any caller who reached the object, API keys of any area included');
      const open = PUBLIC_FIELDS[type.name];
      if (open?.fields.includes(field)) parts.push(`public: ${open.reason}`);
      lines.push(`  ${field}: ${parts.join('; ') || 'UNGUARDED'}`);
    }
  }
  return lines.join('\n') + '\n';
}

describe('who reaches what', () => {
  it('matches the reviewed list of every field’s rules (update whoReachesWhat.txt in the same commit)', async () => {
    const current = whoReachesWhat(await buildRolegraphSchema());
    if (process.env.UPDATE_RULES === '1') fs.writeFileSync(SNAPSHOT, current);
    expect(current).not.toContain('UNGUARDED');
    expect(current).toBe(fs.readFileSync(SNAPSHOT, 'utf8'));
  });
});

describe('fields resolved as plain properties', () => {
  // type-graphql gives a field marked simple (or on a type with simpleResolvers)
  // no resolver of its own, so its @Authorized rules and middlewares would
  // silently never run: such fields must carry none.
  it('carry no rules or middlewares', async () => {
    await buildRolegraphSchema();
    const storage = getMetadataStorage();
    const simpleTypes = storage.objectTypes.filter((type) => type.simpleResolvers || type.fields?.some((field) => field.simple));
    expect(simpleTypes.map((type) => type.name)).toContain('Decision');
    for (const type of simpleTypes) {
      for (const field of type.fields ?? []) {
        if (!(field.simple ?? type.simpleResolvers)) continue;
        const ruled = storage.authorizedFields.some((a) => a.target === field.target && a.fieldName === field.name);
        expect({ field: `${type.name}.${field.name}`, ruled, middlewares: field.middlewares?.length ?? 0 }).toEqual({
          field: `${type.name}.${field.name}`,
          ruled: false,
          middlewares: 0,
        });
      }
    }
  });
});
