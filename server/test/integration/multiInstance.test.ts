import { ok } from '../support/testServer';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { liveClient, settle } from '../support/liveClient';
import { redisServerInstalled, testRedis, type TestRedis } from '../support/redisServer';
import { replayAccessChanges } from '../support/accessReplay';

/**
 * Two server processes sharing one PostgreSQL (and, for live events, one
 * Redis): a check right after a revoke is denied on every instance (docs/consistency.md), and live events cross instances. They need a database
 * server (DATABASE_URL) and, for the live part, REDIS_URL — both set by
 * `.ci/run`; with the embedded database (one process by nature) they do not run.
 */
const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;
const describeWithServer = DATABASE_URL ? describe : describe.skip;
const itWithRedis = REDIS_URL ? it : it.skip;

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token account { id } } }`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token account { id } } }`;
const CREATE = `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`;
const GRANT = `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`;
const REVOKE = `mutation($input: RevokeAccessInput!) { revokeAccess(input: $input) }`;
const CHECK = `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed level } }`;
const PASSWORD = 'correct horse battery';

describeWithServer('two server processes', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let ownerToken: string;
  let jo: { id: string; token: string };

  beforeAll(async () => {
    const env = { DATABASE_URL: DATABASE_URL!, REDIS_URL: REDIS_URL ?? '' };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    const email = `owner-${Date.now()}@example.test`;
    const owner = ok(await a.gql(SIGN_UP, { input: { email, password: PASSWORD, name: 'Hana', organizationName: 'Two' } }));
    ownerToken = owner.signUp.token;
    const invite = ok(await a.gql(INVITE, { input: { email: `jo-${Date.now()}@example.test`, role: 'USER' } }, ownerToken));
    const token = decodeURIComponent(/#token=(.+)$/.exec(invite.inviteMember.acceptUrl)![1]!);
    const accepted = ok(await b.gql(ACCEPT, { input: { token, name: 'Jo', password: PASSWORD } }));
    jo = { id: accepted.acceptInvitation.account.id, token: accepted.acceptInvitation.token };
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('once a revoke returns on one, no check on the other answers with the old access', async () => {
    for (let round = 0; round < 20; round++) {
      const corpus = ok(await a.gql(CREATE, { input: { type: 'CORPUS', name: `c${round}` } }, ownerToken)).createResource.id;
      ok(await a.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'EDITOR' } }, ownerToken));
      // Instance B has the grant in its cache before the revoke.
      expect(ok(await b.gql(CHECK, { input: { userId: jo.id, action: 'editDocuments', resourceId: corpus } }, ownerToken)).checkPermission.allowed).toBe(true);
      ok(await a.gql(REVOKE, { input: { resourceId: corpus, subject: { userId: jo.id } } }, ownerToken));
      const after = ok(await b.gql(CHECK, { input: { userId: jo.id, action: 'read', resourceId: corpus } }, ownerToken)).checkPermission;
      expect(after).toEqual({ allowed: false, level: 'NONE' });
    }
  });

  it('a grant ending in a second: checks hammered on both instances through its end never allow after it', async () => {
    const corpus = ok(await a.gql(CREATE, { input: { type: 'CORPUS', name: 'Ends soon' } }, ownerToken)).createResource.id;
    const end = Date.now() + 1200;
    ok(await a.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'EDITOR', expiresAt: new Date(end).toISOString() } }, ownerToken));
    const answers: { sentAt: number; allowed: boolean }[] = [];
    // Four callers at once, two per instance, from before the end until well after it.
    await Promise.all(
      [a, b, a, b].map(async (instance) => {
        while (Date.now() < end + 800) {
          const sentAt = Date.now();
          const answer = ok(await instance.gql(CHECK, { input: { userId: jo.id, action: 'read', resourceId: corpus } }, ownerToken)).checkPermission;
          answers.push({ sentAt, allowed: answer.allowed });
        }
      }),
    );
    const allowedLate = answers.filter((x) => x.allowed && x.sentAt >= end);
    expect(allowedLate).toEqual([]);
    expect(answers.some((x) => x.allowed)).toBe(true);
    expect(answers.filter((x) => !x.allowed && x.sentAt > end).length).toBeGreaterThan(0);
  });

  it('AT_LEAST the revision a revoke returned on one instance never answers with the old access on the other', async () => {
    const CHECK_AT = `query($input: CheckPermissionInput!, $c: ConsistencyInput) { checkPermission(input: $input, consistency: $c) { allowed level } }`;
    for (let round = 0; round < 20; round++) {
      const corpus = ok(await a.gql(CREATE, { input: { type: 'CORPUS', name: `t${round}` } }, ownerToken)).createResource.id;
      ok(await a.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'EDITOR' } }, ownerToken));
      const input = { userId: jo.id, action: 'read', resourceId: corpus };
      // Instance B holds the grant in memory before the revoke.
      expect(ok(await b.gql(CHECK_AT, { input }, ownerToken)).checkPermission.allowed).toBe(true);
      const revoked = await a.gql(REVOKE, { input: { resourceId: corpus, subject: { userId: jo.id } } }, ownerToken);
      ok(revoked);
      const c = { mode: 'AT_LEAST', atLeast: revoked.extensions!.accessRevision };
      expect(ok(await b.gql(CHECK_AT, { input, c }, ownerToken)).checkPermission).toEqual({ allowed: false, level: 'NONE' });
    }
  });

  itWithRedis('a mutation on one instance reaches a subscriber on the other, through Redis', async () => {
    const live = liveClient(b.url, jo.token);
    try {
      await live.connected();
      const notifications = live.subscribe<{ message: string }>(`subscription { notificationAdded { message } }`);
      await settle(200);
      const corpus = ok(await a.gql(CREATE, { input: { type: 'CORPUS', name: 'Across' } }, ownerToken)).createResource.id;
      ok(await a.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'VIEWER' } }, ownerToken));
      expect((await notifications.next()).message).toBe("Hana shared Corpus 'Across' with you as Viewer.");
    } finally {
      await live.dispose();
    }
  });
});

const describeWithServerAndRedis = DATABASE_URL && redisServerInstalled() ? describe : describe.skip;

describeWithServerAndRedis('the access change stream across two server processes over Redis', () => {
  let redis: TestRedis;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    redis = await testRedis();
    await redis.start();
    const env = { DATABASE_URL: DATABASE_URL!, REDIS_URL: redis.url };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('a replay written on both and followed on either, moving between them at each disconnect, folds into the final state', async () => {
    const report = await replayAccessChanges({ writers: [a, b], streams: [b.url, a.url], organizations: 3, steps: 60, disconnectEvery: 20, seed: 2026 });
    expect(report.changesSeen).toBeGreaterThan(20);
  }, 180_000);
});
