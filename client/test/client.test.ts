import { addMember, createResource, grant, ok, signUpOrg, startServerProcess, type ServerProcess, type TestOrg, type TestUser } from '@rolegraph/test-support';
import { LocalMirror, RolegraphClient, RolegraphError, isAtLeast } from '../src';

/**
 * The client against a real server: the built one, as its own process, on an
 * in-memory embedded database (or DATABASE_URL's PostgreSQL).
 */
let server: ServerProcess;
let org: TestOrg;
let jo: TestUser;
let kim: TestUser;
let key: string;

beforeAll(async () => {
  server = await startServerProcess({
    env: { ROLEGRAPH_DATA_DIR: 'memory://', DATABASE_URL: process.env.DATABASE_URL ?? '', SIGN_UP_MAX_PER_ADDRESS: '1000', LOG_LEVEL: 'warn' },
  });
  org = await signUpOrg(server, 'hana', 'Client');
  jo = await addMember(server, org, 'USER', 'jo');
  kim = await addMember(server, org, 'USER', 'kim');
  key = ok(await server.gql(`mutation { createApiKey(input: { name: "service", scopes: { permissions: READ } }) { secret } }`, {}, org.owner.token))
    .createApiKey.secret;
}, 90_000);
afterAll(() => server?.stop());

/** The owner's mutation, returning the revision token it committed. */
async function asOwner(query: string, variables: Record<string, unknown>): Promise<string> {
  const result = await server.gql(query, variables, org.owner.token);
  ok(result);
  return result.extensions!.accessRevision!;
}
const REVOKE = `mutation($input: RevokeAccessInput!) { revokeAccess(input: $input) }`;
const GRANT = `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`;

describe('RolegraphClient', () => {
  it('checks, explains and lists, typed, and remembers the most recent revision it saw', async () => {
    const client = new RolegraphClient({ url: server.url, apiKey: key });
    expect(client.revision).toBeNull();
    const corpus = await createResource(server, org.owner.token, { type: 'CORPUS', name: 'Handbook' });
    await grant(server, org.owner.token, corpus, { userId: jo.id }, 'VIEWER');
    const decision = await client.check({ userId: jo.id, action: 'read', resourceId: corpus });
    expect(decision).toMatchObject({ allowed: true, level: 'VIEWER', denial: null, userId: jo.id, resourceId: corpus });
    expect(client.revision).toBe(decision.revision);

    const [edit, read] = await client.checkMany([
      { userId: jo.id, action: 'update', resourceId: corpus },
      { userId: kim.id, action: 'read', resourceId: corpus },
    ]);
    expect(edit).toMatchObject({ allowed: false, denial: { kind: 'INSUFFICIENT_LEVEL', requiredLevel: 'ADMIN' } });
    expect(read).toMatchObject({ allowed: false, level: 'NONE' });

    const explanation = await client.explain(jo.id, corpus);
    expect(explanation.level).toBe('VIEWER');
    expect(explanation.reasons.map((r) => r.source)).toEqual(['DIRECT_GRANT']);
    const page = await client.accessibleResources(jo.id, 'CORPUS', 'read');
    expect(page.resources.map((r) => r.id)).toContain(corpus);
    const who = await client.resourceAccess(corpus);
    expect(who.map((e) => e.userId).sort()).toEqual([jo.id, org.owner.id].sort());
  });

  it('never answers from before a revision it was handed: AT_LEAST the token of a revoke', async () => {
    const client = new RolegraphClient({ url: server.url, apiKey: key });
    const corpus = await createResource(server, org.owner.token, { type: 'CORPUS', name: 'Revoked' });
    await grant(server, org.owner.token, corpus, { userId: jo.id }, 'EDITOR');
    expect((await client.check({ userId: jo.id, action: 'read', resourceId: corpus })).allowed).toBe(true);
    const revoked = await asOwner(REVOKE, { input: { resourceId: corpus, subject: { userId: jo.id } } });
    client.observeRevision(revoked);
    const after = await client.check({ userId: jo.id, action: 'read', resourceId: corpus });
    expect(after.allowed).toBe(false);
    expect(isAtLeast(after.revision, revoked)).toBe(true);
  });

  it('turns an error into a RolegraphError with its code', async () => {
    const client = new RolegraphClient({ url: server.url, apiKey: key });
    await expect(client.check({ userId: jo.id, action: 'read', resourceId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      name: 'RolegraphError',
      code: 'NOT_FOUND',
    });
    await expect(client.check({ userId: jo.id, action: 'read' }, { mode: 'AT_LEAST', atLeast: 'tampered' })).rejects.toBeInstanceOf(RolegraphError);
    const stranger = new RolegraphClient({ url: server.url, apiKey: 'rg_key_not-a-key' });
    await expect(stranger.check({ userId: jo.id, action: 'read' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('LocalMirror', () => {
  it('answers the watched users’ checks in process, exactly as the server does, and follows every change', async () => {
    const client = new RolegraphClient({ url: server.url, apiKey: key });
    const project = await createResource(server, org.owner.token, { type: 'PROJECT', name: 'Mirrored' });
    const assistant = await createResource(server, org.owner.token, {
      type: 'ASSISTANT',
      name: 'Helper',
      parentId: project,
      status: 'LIVE',
      visibility: 'PRIVATE',
    });
    await grant(server, org.owner.token, project, { userId: jo.id }, 'MEMBER');
    const mirror = await LocalMirror.start(client, { users: [jo.id, kim.id] });
    try {
      expect(await mirror.check({ userId: jo.id, action: 'chat', resourceId: assistant })).toMatchObject({
        allowed: true,
        level: 'MEMBER',
        answeredBy: 'MIRROR',
      });
      expect(await mirror.check({ userId: kim.id, action: 'chat', resourceId: assistant })).toMatchObject({ allowed: false, answeredBy: 'MIRROR' });

      // A grant made elsewhere, the token handed over: the mirror waits for the stream to bring it.
      const granted = await asOwner(GRANT, { input: { resourceId: project, subject: { userId: kim.id }, level: 'ADMIN' } });
      const kimNow = await mirror.check({ userId: kim.id, action: 'update', resourceId: assistant }, granted);
      expect(kimNow).toMatchObject({ allowed: true, level: 'ADMIN', answeredBy: 'MIRROR' });
      expect(isAtLeast(kimNow.revision, granted)).toBe(true);

      // A revoke: never allowed again once its token is asked for.
      const revoked = await asOwner(REVOKE, { input: { resourceId: project, subject: { userId: jo.id } } });
      expect(await mirror.check({ userId: jo.id, action: 'chat', resourceId: assistant }, revoked)).toMatchObject({
        allowed: false,
        level: 'NONE',
        answeredBy: 'MIRROR',
      });

      // A resource created after the mirror started is known from the stream.
      const later = await createResource(server, org.owner.token, { type: 'CORPUS', name: 'Later' });
      const shared = await asOwner(GRANT, { input: { resourceId: later, subject: { userId: jo.id }, level: 'VIEWER' } });
      expect(await mirror.check({ userId: jo.id, action: 'read', resourceId: later }, shared)).toMatchObject({ allowed: true, answeredBy: 'MIRROR' });

      // A resource neither watched user has any level on: denied in process.
      const hidden = await createResource(server, org.owner.token, { type: 'CORPUS', name: 'Hidden' });
      expect(await mirror.check({ userId: kim.id, action: 'read', resourceId: hidden }, await client.currentRevision())).toMatchObject({
        allowed: false,
        level: 'NONE',
        answeredBy: 'MIRROR',
      });

      // What the level alone does not decide, and users it does not watch, go to the server.
      expect((await mirror.check({ userId: kim.id, action: 'manageAccess', resourceId: assistant })).answeredBy).toBe('SERVER');
      expect((await mirror.check({ userId: org.owner.id, action: 'chat', resourceId: assistant })).answeredBy).toBe('SERVER');
      expect((await mirror.check({ userId: jo.id, action: 'users.manage' })).answeredBy).toBe('SERVER');

      // Every answer of the mirror equals the server's.
      const resources = [project, assistant, later, hidden];
      for (const userId of [jo.id, kim.id]) {
        for (const resourceId of resources) {
          for (const action of ['read', 'update', 'delete']) {
            const local = await mirror.check({ userId, action, resourceId });
            const remote = await client.check({ userId, action, resourceId }, { mode: 'FULL' });
            expect([userId, resourceId, action, local.allowed, local.level]).toEqual([userId, resourceId, action, remote.allowed, remote.level]);
          }
        }
      }
    } finally {
      await mirror.close();
    }
  });

  it('falls back to the server when it cannot reach the revision in time', async () => {
    const client = new RolegraphClient({ url: server.url, apiKey: key });
    const corpus = await createResource(server, org.owner.token, { type: 'CORPUS', name: 'Slow' });
    const mirror = await LocalMirror.start(client, { users: [jo.id], waitMs: 0 });
    try {
      await mirror.close(); // the stream stops: the mirror stays where it was
      const granted = await asOwner(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'VIEWER' } });
      expect(await mirror.check({ userId: jo.id, action: 'read', resourceId: corpus }, granted)).toMatchObject({ allowed: true, answeredBy: 'SERVER' });
    } finally {
      await mirror.close();
    }
  });
});
