import { spawnSync } from 'node:child_process';
import pino from 'pino';
import { BUILT_SERVER, freePort } from '@rolegraph/test-support';
import { TEST_SECRET_KEY } from '../support/testSecretKey';
import { startTestServer, ok, type TestServer } from '../support/testServer';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { PASSWORD, createApiKey, signUpOrg, type TestOrg } from '../support/factories';
import { eventually } from '../support/eventually';
import { liveClient, runOverSocket } from '../support/liveClient';

/**
 * While PostgreSQL is down the server says so: GraphQL answers 503 with
 * Retry-After and SERVICE_UNAVAILABLE (not an internal error), SCIM a SCIM
 * 503, single sign-on its error page's UNAVAILABLE, a live socket is
 * closed with 1013 (Try Again Later) when it connects or runs an operation, the log
 * has a warning without a stack; nothing a refused mutation asked
 * for is made; once the database is back the same requests answer. The
 * database sits behind a TCP proxy the test turns away.
 */
const DATABASE_URL = process.env.DATABASE_URL;
const describeWithPostgres = DATABASE_URL ? describe : describe.skip;

const PROJECTS = `{ resources(type: PROJECT, first: 10) { edges { node { name } } } }`;
const CREATE = `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`;

async function post(t: TestServer, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

describeWithPostgres('while PostgreSQL is down', () => {
  let proxy: TcpProxy;
  let t: TestServer;
  let org: TestOrg;
  let scimKey: string;
  const logs: { level: number; msg: string; err?: { stack?: string } }[] = [];

  beforeAll(async () => {
    const url = new URL(DATABASE_URL!);
    proxy = await startTcpProxy(Number(url.port || 5432), url.hostname);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as (typeof logs)[number]) });
    t = await startTestServer({ DATABASE_URL: url.toString() }, { logger });
    org = await signUpOrg(t, 'Hana');
    scimKey = await createApiKey(t, org.owner.token, 'Okta', { provisioning: 'WRITE' });
  });
  afterAll(async () => {
    proxy?.restore();
    await t?.close();
    await proxy?.close();
  });

  it('GraphQL and SCIM answer 503 with Retry-After, a socket closes with 1013; nothing is made; then they answer again', async () => {
    const connectedBefore = liveClient(t.url, org.owner.token);
    await connectedBefore.connected();
    logs.length = 0;
    proxy.refuse();

    const read = await post(t, org.owner.token, PROJECTS);
    expect(read).toEqual({
      status: 503,
      retryAfter: '5',
      body: {
        errors: [
          {
            message: 'The database cannot be reached right now. Try again in a few seconds.',
            extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 },
          },
        ],
      },
    });
    const write = await post(t, org.owner.token, CREATE, { input: { type: 'PROJECT', name: 'Made during the outage' } });
    expect(write.status).toBe(503);
    expect(write.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');

    // Signing in needs no credential, so it fails in its resolver: nothing answered, the same 503.
    const signIn = await post(t, '', `mutation($input: SignInInput!) { signIn(input: $input) { token } }`, {
      input: { email: org.owner.email, password: PASSWORD },
    });
    expect(signIn).toMatchObject({ status: 503, retryAfter: '5', body: { data: null, errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] } });

    const scim = await fetch(`${t.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${scimKey}` } });
    expect(scim.status).toBe(503);
    expect(scim.headers.get('retry-after')).toBe('5');
    expect(await scim.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '503',
      detail: 'The database cannot be reached right now. Try again in a few seconds.',
    });

    // Single sign-on sends the browser to the page that says so, not to "the identity provider could not be reached".
    const sso = await fetch(`${t.url}/auth/sso/start?email=${encodeURIComponent('kim@example.com')}`, { redirect: 'manual' });
    expect(sso.status).toBe(303);
    expect(sso.headers.get('location')).toBe('/sso-error?reason=UNAVAILABLE');

    // A live socket is closed with "Try Again Later", which graphql-ws clients retry (4500 they would not).
    const live = liveClient(t.url, org.owner.token);
    live.connected().catch(() => undefined);
    expect(await live.waitForClose()).toBe(1013);
    await live.dispose();
    // A socket connected before: its next operation authenticates again, finds the database away, and the socket closes the same way.
    const during = await runOverSocket(connectedBefore.client, `{ me { account { id } } }`);
    expect(during.closeCode).toBe(1013);
    await connectedBefore.dispose();

    // An outage is a warning with the driver's message, not an unexpected error with a stack.
    expect(logs.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
    const warnings = logs.filter((l) => l.msg === 'the database cannot be reached');
    expect(warnings.length).toBeGreaterThanOrEqual(7);
    expect(warnings.every((l) => !l.err?.stack)).toBe(true);

    proxy.restore();
    const back = await eventually('GraphQL answers again', async () => {
      const answer = await post(t, org.owner.token, PROJECTS);
      return answer.status === 200 ? answer : undefined;
    });
    expect(ok(back.body as never)).toEqual({ resources: { edges: [] } });
    expect((await fetch(`${t.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${scimKey}` } })).status).toBe(200);
    const again = liveClient(t.url, org.owner.token);
    await again.connected();
    await again.dispose();
  });
});

describe('starting while PostgreSQL cannot be reached', () => {
  it('exits with one line saying where it looked for the database, without the password', async () => {
    const port = await freePort(); // nothing listens there
    const started = spawnSync(process.execPath, [BUILT_SERVER], {
      env: {
        ...process.env,
        DATABASE_URL: `postgres://app:s3cret-pw@127.0.0.1:${port}/rolegraph`,
        ROLEGRAPH_SECRET_KEY: TEST_SECRET_KEY,
        PORT: '0',
        REDIS_URL: '',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr.trim()).toBe(
      `Cannot reach PostgreSQL at postgres://app:[redacted]@127.0.0.1:${port}/rolegraph (connect ECONNREFUSED 127.0.0.1:${port}): is it running, and is DATABASE_URL right?`,
    );
    expect(started.stdout + started.stderr).not.toContain('s3cret-pw');
  });
});
