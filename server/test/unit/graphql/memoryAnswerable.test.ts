import { answerableFromMemory } from '../../../src/graphql/memoryAnswerable';

const CHECK = `query($c: ConsistencyInput) { checkPermission(input: { userId: "u", action: "read" }, consistency: $c) { allowed } }`;

describe('which requests a remembered credential may answer', () => {
  it('a decision query asking AT_LEAST or MINIMIZE_LATENCY, by literal or variable', () => {
    expect(answerableFromMemory({ query: CHECK, variables: { c: { mode: 'AT_LEAST', atLeast: 'x' } } })).toBe(true);
    expect(answerableFromMemory({ query: CHECK, variables: { c: { mode: 'MINIMIZE_LATENCY' } } })).toBe(true);
    expect(answerableFromMemory({ query: `{ explainAccess(userId: "u", resourceId: "r", consistency: { mode: MINIMIZE_LATENCY }) { level } }` })).toBe(true);
    expect(
      answerableFromMemory({
        query: `query($m: ConsistencyMode!) { a: checkPermission(input: { userId: "u", action: "read" }, consistency: { mode: $m }) { allowed } }`,
        variables: { m: 'AT_LEAST' },
      }),
    ).toBe(true);
  });

  it.each([
    ['FULL', { query: CHECK, variables: { c: { mode: 'FULL' } } }],
    ['no consistency', { query: `{ checkPermission(input: { userId: "u", action: "read" }) { allowed } }` }],
    [
      'a decision beside another field',
      {
        query: `query($c: ConsistencyInput) { me { name } checkPermission(input: { userId: "u", action: "read" }, consistency: $c) { allowed } }`,
        variables: { c: { mode: 'AT_LEAST' } },
      },
    ],
    ['a mutation', { query: `mutation { signOut }` }],
    ['a fragment at the root', { query: `query { ...F } fragment F on Query { me { name } }` }],
    [
      'a directive on the field',
      { query: `{ checkPermission(input: { userId: "u", action: "read" }, consistency: { mode: AT_LEAST }) @include(if: true) { allowed } }` },
    ],
    ['two operations without a name chosen', { query: `${CHECK} query B { me { name } }`, variables: { c: { mode: 'AT_LEAST' } } }],
    [
      'the other of two operations',
      {
        query: `query A { checkPermission(input: { userId: "u", action: "read" }, consistency: { mode: AT_LEAST }) { allowed } } query B { me { name } }`,
        operationName: 'B',
      },
    ],
    ['what does not parse', { query: '{ checkPermission(' }],
    ['no query', { variables: {} }],
    ['not an object', 'query'],
    [
      'a huge document',
      { query: `{ ${'checkPermission(input: { userId: "u", action: "read" }, consistency: { mode: AT_LEAST }) { allowed } '.repeat(200)} }` },
    ],
  ])('not %s', (_, body) => {
    expect(answerableFromMemory(body)).toBe(false);
  });

  it('decides each request by its own variables, whatever the same document answered before', () => {
    const modes = ['FULL', 'AT_LEAST', 'FULL', 'MINIMIZE_LATENCY', 'FULL'];
    expect(modes.map((mode) => answerableFromMemory({ query: CHECK, variables: { c: { mode } } }))).toEqual([false, true, false, true, false]);
  });

  it('answers the same after more documents than it remembers', () => {
    const document = (i: number) =>
      `query Q${i}($c: ConsistencyInput) { checkPermission(input: { userId: "u", action: "read" }, consistency: $c) { allowed } }`;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 600; i++) {
        expect(answerableFromMemory({ query: document(i), variables: { c: { mode: 'AT_LEAST' } } })).toBe(true);
        expect(answerableFromMemory({ query: document(i), operationName: `Q${i + 1}`, variables: { c: { mode: 'AT_LEAST' } } })).toBe(false);
      }
    }
  });
});
