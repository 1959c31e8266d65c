import 'reflect-metadata';
import fs from 'node:fs';
import { isObjectType, isInterfaceType, isInputObjectType, isEnumType, type GraphQLSchema, type GraphQLNamedType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildRolegraphSchema } from '../../src/graphql/schema';
import { PUBLIC_FIELDS } from '../../src/graphql/publicFields';
import { TYPE_AREAS } from '../../src/graphql/fieldAreas';
import { SCHEMA_FILE, printRolegraphSchema } from '../../src/graphql/schemaFile';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildRolegraphSchema();
});

function ownTypes(): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
}

describe('the GraphQL contract', () => {
  it('schema.graphql is up to date (run `pnpm schema` after changing the API)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(printRolegraphSchema(schema));
  });

  it('describes every type, field, argument, input field and enum value', () => {
    const missing: string[] = [];
    for (const type of ownTypes()) {
      if (['String', 'Boolean', 'Int', 'Float', 'ID'].includes(type.name)) continue;
      // The root types are described by their fields.
      if (!type.description && !['Query', 'Mutation', 'Subscription'].includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });

  it('guards every field with @Authorized, an API key area, or a place on the explicit public list', () => {
    const storage = getMetadataStorage();
    const guarded = (target: Function, name: string) => storage.authorizedFields.some((a) => a.target === target && a.fieldName === name);
    const rootHandlers = [...storage.queries, ...storage.mutations, ...storage.subscriptions];
    const unguarded: string[] = [];
    for (const type of ownTypes()) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        let isGuarded: boolean;
        if (['Query', 'Mutation', 'Subscription'].includes(type.name)) {
          const handler = rootHandlers.find((h) => h.schemaName === field.name);
          isGuarded = handler !== undefined && guarded(handler.target, handler.methodName);
        } else {
          const resolver = storage.fieldResolvers.find((r) => r.schemaName === field.name && r.getObjectType?.()?.name === objectTypeClassName(type.name));
          const objectType = storage.objectTypes.find((o) => o.name === type.name);
          const property = objectType?.fields?.find((f) => f.schemaName === field.name);
          isGuarded =
            (resolver !== undefined && guarded(resolver.target, resolver.methodName)) || (property !== undefined && guarded(property.target, property.name));
        }
        if (!isGuarded) unguarded.push(`${type.name}.${field.name}`);
      }
    }
    // Fields of a type with an API key area are reached only through guarded fields, and API keys need the area.
    const open = unguarded.filter((f) => TYPE_AREAS[f.split('.')[0]!] === undefined);
    const listed = Object.entries(PUBLIC_FIELDS).flatMap(([type, { fields }]) => fields.map((f) => `${type}.${f}`));
    expect(open.filter((f) => !listed.includes(f)).sort()).toEqual([]);
    expect(listed.filter((f) => !open.includes(f)).sort()).toEqual([]);
  });

  function objectTypeClassName(schemaName: string): string {
    return getMetadataStorage().objectTypes.find((o) => o.name === schemaName)?.target.name ?? schemaName;
  }
});
