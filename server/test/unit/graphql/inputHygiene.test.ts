import { parse } from 'graphql';
import { MAX_INPUT_DEPTH, refusedInput, refusedLiteral } from '../../../src/graphql/inputHygiene';

const unstorableLiteralPath = (document: Parameters<typeof refusedLiteral>[0]) => refusedLiteral(document)?.path ?? null;

const unstorableTextPath = (value: unknown) => {
  const refused = refusedInput(value);
  return refused && (expect(refused.problem).toBe('UNSTORABLE_TEXT'), refused.path);
};

describe('refusedInput: text that cannot be stored', () => {
  it('is null for values whose every string and key can be stored', () => {
    expect(unstorableTextPath({ query: '{ a }', variables: { inputs: [{ userId: 'u', action: 'read' }], n: 1, ok: true, none: null } })).toBeNull();
    expect(unstorableTextPath([])).toBeNull();
    expect(unstorableTextPath(undefined)).toBeNull();
    expect(unstorableTextPath('emoji 😀 and accents é')).toBeNull();
  });

  it.each([
    ['a string', 'a\u0000b', '(value)'],
    ['a nested value', { variables: { input: { name: 'x\u0000' } } }, 'variables.input.name'],
    ['an item of a list', { variables: { inputs: [{ userId: 'u' }, { userId: 'u', action: 'r\u0000' }] } }, 'variables.inputs[1].action'],
    ['a list at the top', ['ok', ['fine', '\u0000']], '[1][1]'],
    ['a key', { variables: { 'bad\u0000key': 1 } }, 'variables.bad\u0000key'],
    ['a lone surrogate', { variables: { name: 'half \uD800 of a pair' } }, 'variables.name'],
    ['the first of several', { a: '\u0000', b: '\u0000' }, 'a'],
  ])('names the path to %s', (_, value, path) => {
    expect(unstorableTextPath(value)).toBe(path);
  });

  it('looks only at the value’s own keys', () => {
    const inherited = Object.create({ bad: '\u0000' }) as Record<string, unknown>;
    inherited.good = 'fine';
    expect(unstorableTextPath(inherited)).toBeNull();
  });
});

describe('refusedInput: nesting', () => {
  const nested = (depth: number, leaf: unknown = 'x'): unknown => {
    let value = leaf;
    for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
    return value;
  };

  it(`takes values nested ${MAX_INPUT_DEPTH} deep, and names the path to the first one deeper`, () => {
    expect(refusedInput(nested(MAX_INPUT_DEPTH))).toBeNull();
    const refused = refusedInput({ variables: nested(MAX_INPUT_DEPTH) });
    expect(refused?.problem).toBe('TOO_DEEP');
    // The body is the first level: the list or object that would be the 65th is named, 63 steps into the variables.
    expect(refused?.path).toMatch(/^variables(\.a|\[0\])+$/);
    expect(refused?.path.match(/\.a|\[0\]/g)).toHaveLength(MAX_INPUT_DEPTH - 1);
    // Scalars at the limit are fine: only another object or list goes past it.
    expect(refusedInput(nested(MAX_INPUT_DEPTH - 1, 7))).toBeNull();
  });

  it('refuses thousands of levels without exhausting the stack', () => {
    expect(refusedInput({ variables: { input: { attributes: nested(100_000) } } })?.problem).toBe('TOO_DEEP');
  });
});

describe('refusedLiteral', () => {
  it('names the literal, and the same document asked again gets the same answer', () => {
    const bad = parse('mutation {\n  createResource(input: { type: PROJECT, name: "a\\u0000b" }) { id }\n}');
    expect(unstorableLiteralPath(bad)).toBe('the literal at line 2');
    expect(unstorableLiteralPath(bad)).toBe('the literal at line 2');
    const good = parse('{ members(search: "ada") { totalCount } }');
    expect(unstorableLiteralPath(good)).toBeNull();
    expect(unstorableLiteralPath(good)).toBeNull();
  });

  it(`refuses a list or object literal nested past ${MAX_INPUT_DEPTH}, and takes one at the limit`, () => {
    const inline = (depth: number) =>
      parse(`mutation { createResource(input: { type: CORPUS, name: "x", attributes: { x: ${'['.repeat(depth)}${']'.repeat(depth)} } }) { id } }`);
    // The input object and the attributes object are two levels already.
    expect(refusedLiteral(inline(MAX_INPUT_DEPTH - 2))).toBeNull();
    expect(refusedLiteral(inline(MAX_INPUT_DEPTH - 1))).toEqual({ problem: 'TOO_DEEP', path: 'the literal at line 1' });
    expect(refusedLiteral(inline(500))?.problem).toBe('TOO_DEEP');
  });

  it('judges each parsed document on its own, whatever it was asked before', () => {
    const text = '{ members(search: "x\\u0000") { totalCount } }';
    expect(unstorableLiteralPath(parse(text))).toBe('the literal at line 1');
    expect(unstorableLiteralPath(parse('{ members(search: "x") { totalCount } }'))).toBeNull();
    expect(unstorableLiteralPath(parse(text))).toBe('the literal at line 1');
  });
});
