import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { runOverSocket } from '../support/liveClient';
import { startTestServer, ok, type GraphQLResult, type TestServer } from '../support/testServer';
import { signUpOrg } from '../support/factories';

const PUBLIC_URL = 'http://rolegraph.test';
const LISTED_ORIGIN = 'https://admin.rolegraph.test';
const CREATE_TEAM = `mutation($name: String!) { createTeam(input: { name: $name }) { id } }`;

/** A graphql-ws client opened like a browser page would: the given headers on the upgrade request, no connection params. */
function socketClient(httpUrl: string, options: { headers?: Record<string, string>; token?: string }): { client: Client; closed: Promise<number> } {
  let closedWith: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  const headers = options.headers ?? {};
  class BrowserLikeSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: BrowserLikeSocket,
    connectionParams: options.token ? { authorization: `Bearer ${options.token}` } : undefined,
    retryAttempts: 0,
    shouldRetry: () => false,
    on: { closed: (event) => closedWith((event as { code: number }).code) },
  });
  return { client, closed };
}

async function teamCount(t: TestServer, organizationId: string, name: string): Promise<number> {
  const rows = await t.server.app.dataSource.query(`SELECT 1 FROM teams WHERE organization_id = $1 AND name = $2`, [organizationId, name]);
  return rows.length;
}

describe('security headers', () => {
  let webDist: string;
  let t: TestServer;
  beforeAll(async () => {
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'rolegraph-web-'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Rolegraph</title><div id="root"></div>');
    t = await startTestServer({ PUBLIC_URL, WEB_DIST_DIR: webDist });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  it('the console cannot be framed, loads only its own scripts and sends the usual security headers', async () => {
    for (const page of ['/', '/members']) {
      const response = await fetch(`${t.url}${page}`);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("connect-src 'self' ws://rolegraph.test");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('API answers are never cached and carry the same headers', async () => {
    const api = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(api.status).toBe(200);
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    const health = await fetch(`${t.url}/healthz`);
    expect(health.headers.get('cache-control')).toBe('no-store');
  });

  it('sends HSTS only when the public address is https', async () => {
    expect((await fetch(`${t.url}/healthz`)).headers.get('strict-transport-security')).toBeNull();
    const secure = await startTestServer({ PUBLIC_URL: 'https://rolegraph.test' });
    try {
      const response = await fetch(`${secure.url}/healthz`);
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' wss://rolegraph.test");
    } finally {
      await secure.close();
    }
  });
});

describe('cookie-authenticated WebSockets check Origin', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ PUBLIC_URL, ALLOWED_ORIGINS: `${LISTED_ORIGIN}, http://localhost:5173` });
  });
  afterAll(() => t.close());

  it('refuses a socket opened by a page of another site with the session cookie: the mutation does not run', async () => {
    const org = await signUpOrg(t);
    const { client, closed } = socketClient(t.url, { headers: { cookie: `rolegraph_session=${org.owner.token}`, origin: 'https://evil.example' } });
    const result = await runOverSocket(client, CREATE_TEAM, { name: 'Hijacked' });
    expect(result.data).toBeUndefined();
    expect(await closed).toBe(4403);
    expect(await teamCount(t, org.id, 'Hijacked')).toBe(0);
    await client.dispose();
  });

  it('refuses a cookie-authenticated socket without an Origin', async () => {
    const org = await signUpOrg(t);
    const { client, closed } = socketClient(t.url, { headers: { cookie: `rolegraph_session=${org.owner.token}` } });
    await runOverSocket(client, CREATE_TEAM, { name: 'No origin' });
    expect(await closed).toBe(4403);
    expect(await teamCount(t, org.id, 'No origin')).toBe(0);
    await client.dispose();
  });

  it('accepts the session cookie from the public address and from a listed origin', async () => {
    const org = await signUpOrg(t);
    for (const [origin, name] of [
      [PUBLIC_URL, 'From the console'],
      [LISTED_ORIGIN, 'From the listed origin'],
    ] as const) {
      const { client } = socketClient(t.url, { headers: { cookie: `rolegraph_session=${org.owner.token}`, origin } });
      ok(await runOverSocket(client, CREATE_TEAM, { name }));
      expect(await teamCount(t, org.id, name)).toBe(1);
      await client.dispose();
    }
  });

  it('accepts a bearer token whatever the origin: only the cookie is sent by the browser on its own', async () => {
    const org = await signUpOrg(t);
    const { client } = socketClient(t.url, { headers: { origin: 'https://integrator.example' }, token: org.owner.token });
    ok(await runOverSocket(client, CREATE_TEAM, { name: 'By an integrator' }));
    expect(await teamCount(t, org.id, 'By an integrator')).toBe(1);
    await client.dispose();
  });
});

describe('request limits at the edge', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('refuses a document that does not parse, or has too many tokens, as a parse failure (400), never a server error', async () => {
    const tooLong = `{ ${Array.from({ length: 25_000 }, () => '__typename').join(' ')} }`;
    for (const query of ['{', tooLong]) {
      const response = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as GraphQLResult;
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    }
    const token = (await signUpOrg(t)).owner.token;
    const { client } = socketClient(t.url, { token });
    const overSocket = await runOverSocket(client, tooLong);
    expect(overSocket.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(overSocket.errors?.[0]?.message).toMatch(/20000 tokens/);
    await client.dispose();
  });
});

describe('a request body that cannot be read', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('is answered as a GraphQL error in JSON (BAD_REQUEST) with the status that fits, never an HTML page', async () => {
    const cases: { headers: Record<string, string>; body: string; status: number; message: RegExp }[] = [
      { headers: {}, body: '{"query": ', status: 400, message: /not valid JSON/ },
      { headers: {}, body: JSON.stringify({ query: '{ __typename }', variables: { x: 'a'.repeat(1_100_000) } }), status: 413, message: /larger than 1 MB/ },
      { headers: { 'content-type': 'application/json; charset=latin-9' }, body: '{"query":"{ __typename }"}', status: 415, message: /UTF-8/ },
      { headers: { 'content-encoding': 'gzip' }, body: 'not gzip at all', status: 400, message: /could not be read/ },
      { headers: { 'content-encoding': 'compress' }, body: '{"query":"{ __typename }"}', status: 415, message: /Content-Encoding/ },
    ];
    for (const { headers, body, status, message } of cases) {
      const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status, type: expect.stringMatching(/^application\/json/) });
      const answer = (await response.json()) as GraphQLResult;
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
      expect(answer.errors?.[0]?.message).toMatch(message);
    }
    // And the endpoint answers as ever after.
    const fine = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(ok((await fine.json()) as GraphQLResult)).toEqual({ __typename: 'Query' });
  });
});

describe('a persisted-query extension that does not fit', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('is BAD_REQUEST (400) saying what does not fit, never an internal error; a matching one runs', async () => {
    const post = (extensions: unknown, query?: string) =>
      fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, extensions }) });
    const cases: [unknown, RegExp][] = [
      [{ persistedQuery: { version: 1, sha256Hash: 'abc' } }, /does not match/],
      [{ persistedQuery: { version: 2, sha256Hash: 'abc' } }, /version/],
      [{ persistedQuery: 'x' }, /version/],
    ];
    for (const [extensions, message] of cases) {
      const response = await post(extensions, '{ __typename }');
      expect(response.status).toBe(400);
      const answer = (await response.json()) as GraphQLResult;
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
      expect(answer.errors?.[0]?.message).toMatch(message);
    }
    const query = '{ __typename }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    expect(ok((await (await post({ persistedQuery: { version: 1, sha256Hash } }, query)).json()) as GraphQLResult)).toEqual({ __typename: 'Query' });
  });
});

describe('with introspection off, nothing describes the schema', () => {
  let t: TestServer;
  let token: string;
  beforeAll(async () => {
    t = await startTestServer({ GRAPHQL_INTROSPECTION: 'false' });
    token = (await signUpOrg(t)).owner.token;
  });
  afterAll(() => t.close());

  const INTROSPECTION = ['{ __schema { types { name } } }', '{ __type(name: "Query") { fields { name } } }'];
  /** A misspelled document or variables, and what graphql-js would suggest. */
  const MISSPELLED: [string, Record<string, unknown>, string][] = [
    ['{ mee { role } }', {}, '"me"'],
    ['{ members(firts: 5) { edges { node { role } } } }', {}, '"first"'],
    ['mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }', { input: { email: 'a@example.test', role: 'ADMN' } }, '"ADMIN"'],
    ['mutation($input: SignInInput!) { signIn(input: $input) { token } }', { input: { email: 'a@example.test', password: 'x', pasword: 'x' } }, '"password"'],
  ];

  it('refuses __schema and __type over HTTP', async () => {
    for (const query of INTROSPECTION) {
      const result = await t.gql(query, {}, token);
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('refuses __schema and __type over the WebSocket', async () => {
    const { client } = socketClient(t.url, { token });
    for (const query of INTROSPECTION) {
      const result = await runOverSocket(client, query);
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.message).toMatch(/introspection/i);
    }
    await client.dispose();
  });

  it('suggests no field, argument or enum value over HTTP or the WebSocket', async () => {
    const { client } = socketClient(t.url, { token });
    for (const [query, variables, suggestion] of MISSPELLED) {
      for (const result of [await t.gql(query, variables, token), await runOverSocket(client, query, variables)]) {
        expect(result.errors?.length).toBeGreaterThan(0);
        for (const error of result.errors ?? []) {
          expect(error.message).not.toMatch(/did you mean/i);
          expect(error.message).not.toContain(suggestion);
          expect(error.extensions?.code).toMatch(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/);
        }
      }
    }
    await client.dispose();
  });
});

describe('with introspection on', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('still suggests what was meant, for people exploring the API', async () => {
    const result = await t.gql('{ mee { role } }');
    expect(result.errors?.[0]?.message).toMatch(/Did you mean "me"\?/);
  });
});
