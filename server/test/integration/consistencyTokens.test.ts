import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { addMember, createApiKey, createResource, grant, signUpOrg, type TestOrg, type TestUser } from '../support/factories';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { liveClient, runOverSocket } from '../support/liveClient';

/**
 * Revision tokens (docs/consistency.md): every response says the access
 * revision it was answered at, a mutation the one it committed, and decision
 * queries take `consistency` (FULL, AT_LEAST a token, MINIMIZE_LATENCY).
 */
const CHECK = `query($input: CheckPermissionInput!, $consistency: ConsistencyInput) {
  checkPermission(input: $input, consistency: $consistency) { allowed level revision }
}`;
const REVOKE = `mutation($input: RevokeAccessInput!) { revokeAccess(input: $input) }`;
const GRANT = `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`;

function revisionOf(token: string | undefined): bigint {
  const match = /^[0-9a-f-]{36}:(\d+)$/.exec(token ?? '');
  if (!match) throw new Error(`not a revision token: ${token}`);
  return BigInt(match[1]!);
}

describe('revision tokens', () => {
  let t: TestServer;
  let org: TestOrg;
  let jo: TestUser;
  let key: string;
  beforeAll(async () => {
    t = await startTestServer();
    org = await signUpOrg(t);
    jo = await addMember(t, org, 'USER', 'jo');
    key = await createApiKey(t, org.owner.token, 'svc', { permissions: 'READ' });
  });
  afterAll(() => t.close());

  it('every response of a member carries the organization’s revision; a mutation carries the one it committed', async () => {
    const before = await t.gql(`{ me { account { id } } }`, {}, jo.token);
    expect(before.extensions?.accessRevision).toMatch(new RegExp(`^${org.id}:\\d+$`));
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Tokens' });
    const granted = await t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'VIEWER' } }, org.owner.token);
    ok(granted);
    expect(revisionOf(granted.extensions?.accessRevision)).toBeGreaterThan(revisionOf(before.extensions?.accessRevision));
    // The next response anyone gets is at least that revision.
    const after = await t.gql(CHECK, { input: { userId: jo.id, action: 'read', resourceId: corpus } }, key);
    expect(ok(after).checkPermission).toEqual({ allowed: true, level: 'VIEWER', revision: after.extensions?.accessRevision });
    expect(revisionOf(after.extensions?.accessRevision)).toBeGreaterThanOrEqual(revisionOf(granted.extensions?.accessRevision));
  });

  it('a query sent over the WebSocket carries the revision as over HTTP', async () => {
    const overHttp = await t.gql(`{ me { account { id } } }`, {}, jo.token);
    const live = liveClient(t.url, jo.token);
    try {
      await live.connected();
      const result = await runOverSocket(live.client, '{ me { account { id } } }');
      expect(result.extensions?.accessRevision).toBe(overHttp.extensions?.accessRevision);
    } finally {
      await live.dispose();
    }
  });

  it('an anonymous response carries none', async () => {
    const anonymous = await t.gql(`{ permissionMatrix { roles } }`);
    expect(anonymous.extensions?.accessRevision).toBeUndefined();
  });

  it('AT_LEAST the revision a revoke returned never answers with the revoked access', async () => {
    for (let round = 0; round < 5; round++) {
      const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: `r${round}` });
      await grant(t, org.owner.token, corpus, { userId: jo.id }, 'EDITOR');
      const input = { userId: jo.id, action: 'read', resourceId: corpus };
      const allowed = await t.gql(CHECK, { input }, key);
      expect(ok(allowed).checkPermission.allowed).toBe(true);
      const revoked = await t.gql(REVOKE, { input: { resourceId: corpus, subject: { userId: jo.id } } }, org.owner.token);
      const atLeast = revoked.extensions!.accessRevision!;
      const answer = ok(await t.gql(CHECK, { input, consistency: { mode: 'AT_LEAST', atLeast } }, key)).checkPermission;
      expect(answer.allowed).toBe(false);
      expect(revisionOf(answer.revision)).toBeGreaterThanOrEqual(revisionOf(atLeast));
    }
  });

  it('every decision query takes consistency and says the revision it used', async () => {
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'All five' });
    const token = (await t.gql(`{ me { account { id } } }`, {}, key)).extensions!.accessRevision!;
    const consistency = { mode: 'AT_LEAST', atLeast: token };
    const result = await t.gql(
      `query($u: ID!, $r: ID!, $c: ConsistencyInput) {
        checkPermissions(inputs: [{ userId: $u, action: "read", resourceId: $r }], consistency: $c) { allowed revision }
        explainAccess(userId: $u, resourceId: $r, consistency: $c) { level revision }
        accessibleResources(userId: $u, type: CORPUS, action: "read", consistency: $c) { totalCount }
        resourceAccess(resourceId: $r, consistency: $c) { level revision }
      }`,
      { u: org.owner.id, r: corpus, c: consistency },
      key,
    );
    const data = ok(result);
    const used = result.extensions!.accessRevision!;
    expect(revisionOf(used)).toBeGreaterThanOrEqual(revisionOf(token));
    expect(data.checkPermissions[0]).toEqual({ allowed: true, revision: used });
    expect(data.explainAccess).toEqual({ level: 'OWNER', revision: used });
    expect(data.accessibleResources.totalCount).toBeGreaterThan(0);
    expect(data.resourceAccess.every((entry: { revision: string }) => entry.revision === used)).toBe(true);
  });

  it('refuses a token that is malformed, of another organization, not yet committed, or in the wrong mode — changing nothing', async () => {
    const other = await signUpOrg(t, 'other', 'Other');
    const otherToken = (await t.gql(`{ me { account { id } } }`, {}, other.owner.token)).extensions!.accessRevision!;
    const mine = (await t.gql(`{ me { account { id } } }`, {}, key)).extensions!.accessRevision!;
    const input = { userId: jo.id, action: 'users.manage' };
    const refused = [
      { mode: 'AT_LEAST', atLeast: 'garbage' },
      { mode: 'AT_LEAST', atLeast: `${org.id}:-1` },
      { mode: 'AT_LEAST', atLeast: `${org.id}:99999999999999999999` },
      { mode: 'AT_LEAST', atLeast: `${org.id}:12\u0000` },
      { mode: 'AT_LEAST', atLeast: otherToken },
      { mode: 'AT_LEAST', atLeast: `${org.id}:${revisionOf(mine) + 1000n}` },
      { mode: 'AT_LEAST' },
      { mode: 'FULL', atLeast: mine },
    ];
    for (const consistency of refused) {
      const answer = await t.gql(CHECK, { input, consistency }, key);
      expect([JSON.stringify(consistency), errorCode(answer)]).toEqual([JSON.stringify(consistency), 'BAD_USER_INPUT']);
    }
    // Nothing moved, and the server still answers.
    const after = await t.gql(CHECK, { input, consistency: { mode: 'AT_LEAST', atLeast: mine } }, key);
    expect(ok(after).checkPermission.allowed).toBe(false);
    expect(after.extensions?.accessRevision).toBe(mine);
  });
});

const DATABASE_URL = process.env.DATABASE_URL;
const describeWithPostgres = DATABASE_URL ? describe : describe.skip;

describeWithPostgres('answers from memory while the database does not answer', () => {
  let proxy: TcpProxy;
  let t: TestServer;
  beforeAll(async () => {
    const url = new URL(DATABASE_URL!);
    proxy = await startTcpProxy(Number(url.port || 5432), url.hostname);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    t = await startTestServer({ DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    proxy.restore();
    await t?.close();
    await proxy?.close();
  });

  it('AT_LEAST a revision the server already holds is answered with no database; other requests still wait for it', async () => {
    const org = await signUpOrg(t);
    const jo = await addMember(t, org, 'USER', 'jo');
    const key = await createApiKey(t, org.owner.token, 'svc', { permissions: 'READ' });
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Offline' });
    const granted = await t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'VIEWER' } }, org.owner.token);
    const atLeast = granted.extensions!.accessRevision!;
    const input = { userId: jo.id, action: 'read', resourceId: corpus };
    // The key is checked, and the snapshot brought to that revision, while the database answers.
    expect(ok(await t.gql(CHECK, { input, consistency: { mode: 'AT_LEAST', atLeast } }, key)).checkPermission.allowed).toBe(true);

    proxy.stall();
    const answer = await t.gql(CHECK, { input, consistency: { mode: 'AT_LEAST', atLeast } }, key);
    expect(ok(answer).checkPermission).toEqual({ allowed: true, level: 'VIEWER', revision: atLeast });
    const fast = await t.gql(CHECK, { input, consistency: { mode: 'MINIMIZE_LATENCY' } }, key);
    expect(ok(fast).checkPermission.allowed).toBe(true);
    // Any other request still needs the database (not answered from memory).
    const other = t.gql(`{ me { account { id } } }`, {}, key);
    const raced = await Promise.race([other.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 1_000))]);
    expect(raced).toBe('waiting');
    proxy.restore();
    await other;
  }, 60_000);
});
