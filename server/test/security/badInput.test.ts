import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationTypeNode,
} from 'graphql';
import { buildRolegraphSchema } from '../../src/graphql/schema';
import { encodeCursor, type CursorList } from '../../src/graphql/pagination';
import { errorCode, ok, startTestServer, type TestServer } from '../support/testServer';
import { addMember, createResource, PASSWORD, signUpOrg, tokenOf, uniqueEmail, type TestOrg } from '../support/factories';
import { liveClient, runOverSocket } from '../support/liveClient';

/*
 * Bad input gets a clear code and changes nothing: NUL characters anywhere,
 * tampered and foreign cursors in every list, the same invitation accepted
 * and the same email signed up at once, and every argument of every root
 * field of the schema fuzzed with hostile values of its type.
 */

let t: TestServer;
let org: TestOrg;
let schema: GraphQLSchema;
beforeAll(async () => {
  t = await startTestServer({ SIGN_IN_MAX_FAILURES_PER_ADDRESS: '100000', SIGN_UP_MAX_PER_ADDRESS: '100000' });
  org = await signUpOrg(t, 'Hostile', 'Fuzzed');
  schema = await buildRolegraphSchema();
});
afterAll(() => t.close());

async function countRows(table: string): Promise<number> {
  const [row] = await t.server.app.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

async function post(
  query: string,
  variables: Record<string, unknown>,
  token?: string | null,
): Promise<{ status: number; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } }> {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('the NUL character', () => {
  const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`;

  it('is refused in an anonymous sign-up or sign-in, and nothing is created', async () => {
    const accounts = await countRows('accounts');
    for (const input of [
      { email: `nul\u0000${uniqueEmail()}`, password: PASSWORD, name: 'Nul', organizationName: 'Nul' },
      { email: uniqueEmail(), password: `pass\u0000word-long`, name: 'Nul', organizationName: 'Nul' },
      { email: uniqueEmail(), password: PASSWORD, name: 'N\u0000ul', organizationName: 'Nul' },
    ]) {
      const result = await post(SIGN_UP, { input });
      expect(result.status).toBe(200);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const signIn = await post(`mutation($input: SignInInput!) { signIn(input: $input) { token } }`, {
      input: { email: `${org.owner.email}\u0000`, password: PASSWORD },
    });
    expect(signIn.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countRows('accounts')).toBe(accounts);
  });

  it('is refused deep in JSON attributes and in the document itself', async () => {
    const resources = await countRows('resources');
    const nested = await post(
      `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      { input: { type: 'PROJECT', name: 'ok', attributes: { a: [{ b: 'x\u0000' }] } } },
      org.owner.token,
    );
    expect(nested.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Twice: the second time Apollo hands over the document it parsed and cached the first time.
    for (let attempt = 0; attempt < 2; attempt++) {
      const literal = await post(`mutation { createResource(input: { type: PROJECT, name: "a\\u0000b" }) { id } }`, {}, org.owner.token);
      expect(literal.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await countRows('resources')).toBe(resources);
  });

  it('is refused over the WebSocket too', async () => {
    const live = liveClient(t.url, org.owner.token);
    try {
      await live.connected();
      const result = await runOverSocket(live.client, `query($s: String) { members(search: $s) { totalCount } }`, { s: 'x\u0000' });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await live.dispose();
    }
  });
});

describe('JSON nested thousands deep', () => {
  const CREATE = `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`;
  /** A few kilobytes of `[[[…]]]`: written out by hand, as a hostile client would send it. */
  const deepList = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('is refused in a resource’s attributes, as created and as edited: BAD_USER_INPUT, nothing written', async () => {
    const id = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Nested' });
    const resources = await countRows('resources');
    const audit = await countRows('audit_entries');
    for (const depth of [100, 4_000]) {
      const bodies = [
        `{"query":${JSON.stringify(CREATE)},"variables":{"input":{"type":"CORPUS","name":"deep","attributes":{"x":${deepList(depth)}}}}}`,
        `{"query":"mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id } }","variables":{"input":{"id":"${id}","attributes":{"x":${deepList(depth)}}}}}`,
      ];
      for (const body of bodies) {
        const response = await fetch(`${t.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${org.owner.token}` },
          body,
        });
        const answer = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
        expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(answer.errors?.[0]?.message).toMatch(/nest at most/);
      }
    }
    // Written inline in the document, as deep: refused the same way.
    const inline = await post(
      `mutation { createResource(input: { type: CORPUS, name: "deep", attributes: { x: ${deepList(300)} } }) { id } }`,
      {},
      org.owner.token,
    );
    expect(inline.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countRows('resources')).toBe(resources);
    expect(await countRows('audit_entries')).toBe(audit);
    // Attributes nested as deep as a real one may be are kept.
    let attributes: unknown = 'leaf';
    for (let i = 0; i < 20; i++) attributes = { level: attributes };
    ok(await t.gql(CREATE, { input: { type: 'CORPUS', name: 'Reasonably nested', attributes: { doc: attributes } } }, org.owner.token));
  });

  it('is refused over the WebSocket too', async () => {
    const live = liveClient(t.url, org.owner.token);
    try {
      await live.connected();
      let attributes: unknown = [];
      for (let i = 0; i < 2_000; i++) attributes = [attributes];
      const result = await runOverSocket(live.client, CREATE, { input: { type: 'CORPUS', name: 'deep', attributes: { x: attributes } } });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await live.dispose();
    }
  });
});

describe('text that displays as something else', () => {
  const CREATE_RESOURCE = `mutation($input: CreateResourceInput!) { createResource(input: $input) { id name description } }`;
  const CREATE_TEAM = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id name } }`;
  const fieldOf = (result: Awaited<ReturnType<typeof post>>) => (result.body.errors?.[0]?.extensions as { field?: string } | undefined)?.field;

  it('is refused in a sign-up: a name that reads backwards, a line break, a control character in the email; nothing is created', async () => {
    const accounts = await countRows('accounts');
    const organizations = await countRows('organizations');
    for (const [input, field] of [
      [{ email: uniqueEmail(), password: PASSWORD, name: 'Mia \u202Enimda', organizationName: 'Fine' }, 'name'],
      [{ email: uniqueEmail(), password: PASSWORD, name: 'Mia', organizationName: 'Acme\nSupport' }, 'organizationName'],
      [{ email: `mia\u2066${uniqueEmail()}`, password: PASSWORD, name: 'Mia', organizationName: 'Fine' }, 'email'],
      [{ email: uniqueEmail(), password: PASSWORD, name: 'Mia\u001b[2J', organizationName: 'Fine' }, 'name'],
    ] as const) {
      const result = await post(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, { input });
      expect({ code: result.body.errors?.[0]?.extensions?.code, field: fieldOf(result) }).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    expect(await countRows('accounts')).toBe(accounts);
    expect(await countRows('organizations')).toBe(organizations);
  });

  it('is refused in team and resource names and descriptions; names in any script, and descriptions of several lines, are kept', async () => {
    const teams = await countRows('teams');
    const resources = await countRows('resources');
    const refusedTeam = await post(CREATE_TEAM, { input: { name: 'Data\u2067 Platform' } }, org.owner.token);
    expect({ code: refusedTeam.body.errors?.[0]?.extensions?.code, field: fieldOf(refusedTeam) }).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    for (const [input, field] of [
      [{ type: 'PROJECT', name: 'Forecasts\nQ3' }, 'name'],
      [{ type: 'PROJECT', name: 'Forecasts', description: 'Reads \u202Ebackwards' }, 'description'],
    ] as const) {
      const result = await post(CREATE_RESOURCE, { input }, org.owner.token);
      expect({ code: result.body.errors?.[0]?.extensions?.code, field: fieldOf(result) }).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    expect(await countRows('teams')).toBe(teams);
    expect(await countRows('resources')).toBe(resources);

    const kept = ok<{ createResource: { id: string; name: string; description: string } }>(
      await t.gql(CREATE_RESOURCE, { input: { type: 'PROJECT', name: 'توقعات 👩\u200D💻', description: 'First line\nSecond line' } }, org.owner.token),
    );
    expect(kept.createResource).toMatchObject({ name: 'توقعات 👩\u200D💻', description: 'First line\nSecond line' });
    const renamed = await post(
      `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { name } }`,
      { input: { id: kept.createResource.id, name: 'gnp.exe\u202E' } },
      org.owner.token,
    );
    expect(renamed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const [row] = await t.server.app.dataSource.query(`SELECT name FROM resources WHERE id = $1`, [kept.createResource.id]);
    expect(row.name).toBe('توقعات 👩\u200D💻');
  });

  it('is refused in the reason of an access request', async () => {
    const resourceId = await createResource(t, org.owner.token, { type: 'PROJECT', name: 'Asked for' });
    const member = await addMember(t, org, 'USER', 'asker');
    const requests = await countRows('access_requests');
    const result = await post(
      `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { message } }`,
      { input: { resourceId, level: 'MEMBER', reason: 'urgent\u202E' } },
      member.token,
    );
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countRows('access_requests')).toBe(requests);
  });
});

describe('tampered and foreign cursors', () => {
  const LISTS: { name: string; list: CursorList; query: string }[] = [
    { name: 'members', list: 'members', query: `query($after: String) { members(after: $after) { totalCount } }` },
    { name: 'teams', list: 'teams', query: `query($after: String) { teams(after: $after) { totalCount } }` },
    { name: 'resources', list: 'resources', query: `query($after: String) { resources(after: $after) { totalCount } }` },
    { name: 'resourcesOfFormerMembers', list: 'resources', query: `query($after: String) { resourcesOfFormerMembers(after: $after) { totalCount } }` },
    {
      name: 'accessibleResources',
      list: 'resources',
      query: `query($after: String, $u: ID!) { accessibleResources(userId: $u, type: PROJECT, action: "read", after: $after) { totalCount } }`,
    },
    { name: 'auditLog', list: 'audit', query: `query($after: String) { auditLog(after: $after) { totalCount } }` },
    { name: 'notifications', list: 'notifications', query: `query($after: String) { notifications(after: $after) { totalCount } }` },
    { name: 'accessRequests', list: 'accessRequests', query: `query($after: String) { accessRequests(after: $after) { totalCount } }` },
  ];
  /** Sort keys a client never received, sealed by this server for the list (as if its key had leaked): its checks still hold. */
  const HOSTILE_KEYS: unknown[][] = [
    [1, 2],
    ['x'],
    ['name', 'not-a-uuid'],
    ['2026-01-01T00:00:00Z', 'not-a-uuid'],
    ['1e400'],
    ["'; DROP TABLE accounts; --"],
    ['x'.repeat(5000), '00000000-0000-4000-8000-000000000000'],
  ];
  const sealed = (list: CursorList, keys: unknown) => t.server.app.cursors.seal(JSON.stringify(keys), list);
  const tampered = (list: CursorList): string[] => {
    const real = encodeCursor(t.server.app.cursors, list, ['a', '00000000-0000-4000-8000-000000000000']);
    const flipped = Buffer.from(real, 'base64url');
    flipped[flipped.length - 1] ^= 1;
    return [
      'not a cursor',
      '%%%',
      // The cursors of earlier versions, base64url of JSON, and what a client could forge from one.
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from(JSON.stringify(['a', '00000000-0000-4000-8000-000000000000'])).toString('base64url'),
      flipped.toString('base64url'),
      encodeCursor(t.server.app.cursors, list === 'teams' ? 'members' : 'teams', ['a', '00000000-0000-4000-8000-000000000000']),
      ...HOSTILE_KEYS.map((keys) => sealed(list, keys)),
      'A'.repeat(10_000),
    ];
  };

  it('every list answers a tampered cursor with BAD_USER_INPUT, never an internal error', async () => {
    const codes = new Set<string>();
    for (const list of LISTS) {
      for (const after of tampered(list.list)) {
        const result = await post(list.query, { after, u: org.owner.id }, org.owner.token);
        expect(result.status).toBeLessThan(500);
        const code = result.body.errors?.[0]?.extensions?.code;
        codes.add(`${list.name} ${after.slice(0, 30)}: ${code}`);
      }
    }
    expect([...codes].filter((c) => !c.endsWith(': BAD_USER_INPUT'))).toEqual([]);
  });

  it('a cursor of another organization pages this list or is refused, never more', async () => {
    const other = await signUpOrg(t, 'Other', 'Other org');
    await createResource(t, other.owner.token, { type: 'PROJECT', name: 'Zebra' });
    const foreignKeys = [
      ['zebra', '00000000-0000-4000-8000-000000000000'],
      ['not a date', '00000000-0000-4000-8000-000000000000'],
      ['2030-01-01T00:00:00.000Z', other.owner.id],
      ['99999999'],
    ];
    for (const list of LISTS) {
      for (const keys of foreignKeys) {
        const result = await post(list.query, { after: sealed(list.list, keys), u: org.owner.id }, org.owner.token);
        expect(result.status).toBeLessThan(500);
        const code = result.body.errors?.[0]?.extensions?.code;
        if (code) expect(code).toBe('BAD_USER_INPUT');
        expect(JSON.stringify(result.body)).not.toContain('Zebra');
      }
    }
  });
});

describe('two requests at once', () => {
  it('one invitation accepted five times at once: one membership, four clear refusals', async () => {
    const email = uniqueEmail('twice');
    const invited = ok(
      await t.gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`, { input: { email, role: 'USER' } }, org.owner.token),
    );
    const token = tokenOf(invited.inviteMember.acceptUrl);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.gql(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }`, {
          input: { token, name: 'Twice', password: PASSWORD },
        }),
      ),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code)).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
    const [{ n }] = await t.server.app.dataSource.query(`SELECT count(*)::int AS n FROM accounts WHERE email_normalized = $1`, [email.toLowerCase()]);
    expect(n).toBe(1);
  });

  it('one email signed up five times at once: one account, four clear refusals', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        t.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
          input: { email, password: PASSWORD, name: 'Race', organizationName: `Race ${i}` },
        }),
      ),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(new Set(results.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
    const [{ n }] = await t.server.app.dataSource.query(`SELECT count(*)::int AS n FROM accounts WHERE email_normalized = $1`, [email.toLowerCase()]);
    expect(n).toBe(1);
    const [{ orgs }] = await t.server.app.dataSource.query(`SELECT count(*)::int AS orgs FROM organizations WHERE name LIKE 'Race %'`);
    expect(orgs).toBe(1);
  });

  it('the same team created twice at once: one team, a clear refusal', async () => {
    const name = `Twins ${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => t.gql(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, { input: { name } }, org.owner.token)),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    for (const r of results.filter((x) => x.errors)) expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});

// ---- every argument of every root field, fuzzed ------------------------------

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x'.repeat(70_000),
  '🙂'.repeat(500),
  "'; DROP TABLE accounts; --",
  '%',
  '_',
  '\\',
  '{"a":1}',
  '../../etc/passwd',
  '00000000-0000-4000-8000-000000000000',
];

function hostileValue(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const required = isNonNullType(type);
  const inner = isNonNullType(type) ? type.ofType : type;
  const value = valueOf(inner, depth);
  return required ? value : fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
}

function valueOf(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isListType(type)) return fc.array(hostileValue(type.ofType, depth + 1), { maxLength: depth > 1 ? 1 : 4 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.value as string));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, depth > 3 ? fc.constant(null) : hostileValue(f.type, depth + 1)])));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)));
      case 'Float':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'Boolean':
        return fc.boolean();
      case 'JSONObject':
        return fc.oneof(
          fc.object({ maxDepth: 3 }),
          fc.constant({ connectionId: '\u0000' }),
          fc.constant({ corpusIds: [1, 2] }),
          fc.constant({ big: 'x'.repeat(40_000) }),
        );
      default:
        return fc.oneof(fc.string({ maxLength: 40 }), fc.uuid(), fc.constantFrom(...HOSTILE_STRINGS));
    }
  }
  throw new Error(`no hostile values for ${String(type)}`);
}

/** Operations that would end the fuzzing session itself. */
const SKIPPED = new Set(['signOut', 'leaveOrganization', 'signOutEverywhere']);

function fuzzedFields(kind: 'query' | 'mutation'): GraphQLField<unknown, unknown>[] {
  return Object.values(schema.getRootType(kind as OperationTypeNode)!.getFields()).filter((f) => f.args.length > 0 && !SKIPPED.has(f.name));
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
  return `${kind}(${variables}) { ${field.name}(${args}) ${selection} }`;
}

describe('every argument of every root field, fuzzed with hostile values of its type', () => {
  for (const kind of ['query', 'mutation'] as const) {
    it(`${kind}: no answer is an internal error or a 5xx`, async () => {
      const failures: string[] = [];
      for (const field of fuzzedFields(kind)) {
        const operation = operationFor(kind, field);
        const variables = fc.record(Object.fromEntries(field.args.map((a) => [a.name, hostileValue(a.type)])));
        for (const sample of fc.sample(variables, { numRuns: 12, seed: 20261125 })) {
          for (const token of [org.owner.token, null]) {
            const result = await post(operation, sample as Record<string, unknown>, token);
            const codes = (result.body.errors ?? []).map((e) => e.extensions?.code);
            if (result.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR') || codes.includes(undefined)) {
              failures.push(`${field.name} ${JSON.stringify(sample).slice(0, 200)} -> ${result.status} ${JSON.stringify(result.body).slice(0, 300)}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    }, 600_000);
  }
});
