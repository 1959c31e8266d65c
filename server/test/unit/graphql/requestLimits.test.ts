import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  Kind,
  parse,
  validate,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import { measureDocument, REQUEST_LIMITS, requestLimits } from '../../../src/graphql/requestLimits';
import { SCHEMA_FILE } from '../../../src/graphql/schemaFile';

let schema: GraphQLSchema;
beforeAll(() => {
  schema = buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
});

const refused = (document: DocumentNode) => validate(schema, document, requestLimits({ introspection: true }).validationRules).map((e) => e.message);

describe('depth and cost measure the fields asked for, not how the document is organised', () => {
  const inline = parse(`query {
    resources(first: 50) { edges { node { id name owner { id name isMember } sharedWith { id user { id name } team { id name } } } } }
  }`);
  const fragments = parse(`query {
    resources(first: 50) { edges { node { id name ...People } } }
  }
  fragment People on Resource { ...Owner sharedWith { id user { id name } team { id name } } }
  fragment Owner on Resource { owner { id name isMember } }`);

  it('named fragments, even nested, cost exactly what the same fields cost inline, and are no deeper', () => {
    expect(measureDocument(schema, fragments)).toEqual(measureDocument(schema, inline));
  });

  it('a field asked for again (by the page and by a component’s fragment) costs once, as it is answered once; an alias is another field', () => {
    const twice = parse(`query {
      resources(first: 50) { edges { node { id name owner { id name isMember } ...People ...People } } }
    }
    fragment People on Resource { id owner { id name isMember } sharedWith { id user { id name } team { id name } } }`);
    expect(measureDocument(schema, twice).cost).toBe(measureDocument(schema, inline).cost);
    const aliased = parse(
      `query { resources(first: 50) { edges { node { id name other: name owner { id name isMember } sharedWith { id user { id name } team { id name } } } } } }`,
    );
    expect(measureDocument(schema, aliased).cost).toBeGreaterThan(measureDocument(schema, inline).cost);
  });

  it('weighs fields as graphql-armor does: 1 a scalar, 2 an object, 1.5× per level, × a literal first', () => {
    // resources(first: 50): 50 × (2 + 1.5 × edges), edges: 2 + 1.5 × node, node: 2 + 1.5 × id.
    expect(measureDocument(schema, parse(`query { resources(first: 50) { edges { node { id } } } }`)).cost).toBe(50 * (2 + 1.5 * (2 + 1.5 * (2 + 1.5 * 1))));
  });

  it('still refuses what is too deep or too costly, fragments or not', () => {
    const deep = `resources { edges { node { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } }`;
    expect(refused(parse(`query { ${deep} }`))).toEqual([expect.stringMatching(/depth limit of 10 exceeded/)]);
    expect(refused(parse(`query { ...Deep } fragment Deep on Query { ${deep} }`))).toEqual([expect.stringMatching(/depth limit of 10 exceeded/)]);
    const wide = `resources(first: 100) { edges { node { ...Wide } } } fragment Wide on Resource { sharedWith { user { id name email } team { id name } } owner { id name email } viewerAbilities { action allowed reason } }`;
    const aliased = Array.from({ length: 6 }, (_, i) => `r${i}: ${wide.split(' fragment ')[0]}`).join(' ');
    expect(refused(parse(`query { ${aliased} } fragment ${wide.split(' fragment ')[1]}`))).toEqual([expect.stringMatching(/Cost limit of 20000 exceeded/)]);
  });

  it('refuses a fragment bomb quickly, without working out its whole cost', () => {
    const levels = 8;
    const fragmentsOf = Array.from(
      { length: levels },
      (_, i) =>
        `fragment F${i} on Resource { ${Array.from({ length: 20 }, (_, j) => `a${j}: parent { ${i + 1 < levels ? `...F${i + 1}` : 'id'} }`).join(' ')} }`,
    ).join(' ');
    const bomb = parse(`query { resources(first: 100) { edges { node { ...F0 } } } } ${fragmentsOf}`);
    const started = performance.now();
    expect(refused(bomb)).toEqual(expect.arrayContaining([expect.stringMatching(/Cost limit of 20000 exceeded/)]));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

/** Every `graphql(\`…\`)` document of the web app's sources. */
function webDocuments(): DefinitionNode[] {
  const root = path.resolve(__dirname, '../../../../web/src');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'generated') walk(full);
      } else if (/\.tsx?$/.test(entry.name)) files.push(full);
    }
  };
  walk(root);
  return files.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/graphql\(`([\s\S]*?)`\)/g)].flatMap((m) => parse(m[1] as string).definitions));
}

/** The document as Apollo Client sends it: `__typename` in every selection but the operation's own. */
function withTypenames(document: DocumentNode): DocumentNode {
  const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
  return visit(document, {
    SelectionSet(node, _key, parent) {
      if (parent && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION) return undefined;
      if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
      return { ...node, selections: [...node.selections, typename] };
    },
  });
}

describe('the web app’s operations', () => {
  const definitions = webDocuments();
  const fragments = new Map(
    definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const operations = definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);

  /** An operation with the fragments it spreads, directly or not. */
  function documentOf(operation: DefinitionNode): DocumentNode {
    const needed = new Map<string, FragmentDefinitionNode>();
    const collect = (node: DefinitionNode) =>
      visit(node, {
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (fragment && !needed.has(spread.name.value)) {
            needed.set(spread.name.value, fragment);
            collect(fragment);
          }
        },
      });
    collect(operation);
    return { kind: Kind.DOCUMENT, definitions: [operation, ...needed.values()] };
  }

  it('are found', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(fragments.has('ResourceAbilities')).toBe(true);
  });

  it('each fits the request limits as Apollo Client sends it, with a quarter of the cost to spare', () => {
    const tooMuch: string[] = [];
    for (const operation of operations) {
      const document = withTypenames(documentOf(operation));
      const name = operation.kind === Kind.OPERATION_DEFINITION ? (operation.name?.value ?? '(anonymous)') : '';
      const errors = refused(document);
      const { cost } = measureDocument(schema, document);
      if (errors.length || cost > REQUEST_LIMITS.maxCost * 0.75) tooMuch.push(`${name}: cost ${Math.round(cost)} ${errors.join('; ')}`);
    }
    expect(tooMuch).toEqual([]);
  });
});
