import pino from 'pino';
import { ok, startTestServer, type TestServer } from '../support/testServer';
import { addMember, createResource, grant, signUpOrg, type TestOrg, type TestUser } from '../support/factories';
import { liveClient, settle, type LiveClient } from '../support/liveClient';
import { redisServerInstalled, testRedis, type TestRedis } from '../support/redisServer';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { eventually } from '../support/eventually';

/**
 * Redis carries live events only: while it is away every query and mutation
 * keeps answering, an instance starts without it, and when it returns the
 * sockets that may have missed events are closed with 4410 so their clients
 * reconnect and refetch. Each test runs a redis-server of its own and stops
 * and starts it.
 */
const DATABASE_URL = process.env.DATABASE_URL;
const describeWithRedis = redisServerInstalled() ? describe : describe.skip;
const describeWithPostgresAndRedis = DATABASE_URL && redisServerInstalled() ? describe : describe.skip;

const EVENTS_MISSED = 4410;
const NOTIFICATIONS = `subscription { notificationAdded { message } }`;

async function redisState(baseUrl: string): Promise<string> {
  const body = (await (await fetch(`${baseUrl}/readyz`)).json()) as { events: { redis?: string } };
  return body.events.redis ?? 'none';
}

function redisIsUp(baseUrl: string): Promise<true> {
  return eventually(`${baseUrl} is connected to Redis`, async () => ((await redisState(baseUrl)) === 'up' ? true : undefined));
}

describeWithRedis('one instance while its Redis is away', () => {
  let redis: TestRedis;
  let t: TestServer;
  const logs: { msg: string; level: number }[] = [];
  let org: TestOrg;
  let jo: TestUser;
  const clients: LiveClient[] = [];

  function connect(token: string): LiveClient {
    const client = liveClient(t.url, token);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    redis = await testRedis(); // not started: the server starts without it
    const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line) as { msg: string; level: number }) });
    t = await startTestServer({ REDIS_URL: redis.url }, { logger });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('starts while Redis is down, and answers queries and mutations, ready', async () => {
    org = await signUpOrg(t, 'Hana');
    jo = await addMember(t, org, 'USER', 'Jo');
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Handbook' });
    const found = ok(await t.gql(`query($id: ID!) { resource(id: $id) { name } }`, { id: corpus }, org.owner.token));
    expect(found.resource.name).toBe('Handbook');
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    const { events } = (await ready.json()) as { events: { kind: string; redis: string; queuedEvents: number } };
    expect(events).toMatchObject({ kind: 'redis', redis: 'down' });
    expect(events.queuedEvents).toBeGreaterThan(0); // the audit entries' events, waiting for the other instances
  });

  it('a mutation answers while Redis is down, and this instance’s sockets receive its events at once', async () => {
    const live = connect(jo.token);
    await live.connected();
    const notifications = live.subscribe<{ message: string }>(NOTIFICATIONS);
    await settle(100);
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Away' });
    await grant(t, org.owner.token, corpus, { userId: jo.id }, 'VIEWER');
    expect(await redisState(t.url)).toBe('down'); // the mutation returned before Redis came back
    expect((await notifications.next()).message).toBe("Hana shared Corpus 'Away' with you as Viewer.");
  });

  it('when Redis returns, its sockets are told to refetch, since they may have missed other instances’ events', async () => {
    const live = connect(jo.token);
    await live.connected();
    live.subscribe(NOTIFICATIONS);
    await redis.start();
    expect(await live.waitForClose(15_000)).toBe(EVENTS_MISSED);
    await redisIsUp(t.url);
  });

  it('logged the outage once, however often it retried, and its end once', () => {
    expect(logs.filter((l) => l.msg.startsWith('Redis still unreachable')).length).toBeGreaterThan(1); // it did retry
    expect(logs.filter((l) => l.msg.startsWith('Redis is unreachable')).length).toBe(1);
    expect(logs.filter((l) => l.msg.startsWith('Redis is reachable again')).length).toBe(1);
  });

  it('with Redis back, its own events reach its sockets once, not again through Redis', async () => {
    const live = connect(jo.token);
    await live.connected();
    const notifications = live.subscribe<{ message: string }>(NOTIFICATIONS);
    await settle(100);
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Once' });
    await grant(t, org.owner.token, corpus, { userId: jo.id }, 'VIEWER');
    await notifications.next();
    await settle(300);
    expect(notifications.received).toEqual([{ message: "Hana shared Corpus 'Once' with you as Viewer." }]);
  });

  it('when Redis goes away while it runs, a mutation still answers before Redis returns', async () => {
    await redis.stop();
    await eventually('the server notices Redis is gone', async () => ((await redisState(t.url)) === 'down' ? true : undefined));
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Gone' });
    await grant(t, org.owner.token, corpus, { userId: jo.id }, 'VIEWER');
    expect(await redisState(t.url)).toBe('down');
    await redis.start();
    await redisIsUp(t.url);
  });
});

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token account { id } } }`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token account { id } } }`;
const CREATE = `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`;
const GRANT = `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`;
const CHECK = `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed } }`;
const PASSWORD = 'correct horse battery';

describeWithPostgresAndRedis('two server processes whose Redis is away', () => {
  let redis: TestRedis;
  let a: ServerProcess;
  let b: ServerProcess;
  let ownerToken: string;
  let jo: { id: string; token: string };
  const clients: LiveClient[] = [];

  async function share(name: string): Promise<void> {
    const corpus = ok(await a.gql(CREATE, { input: { type: 'CORPUS', name } }, ownerToken)).createResource.id;
    ok(await a.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'VIEWER' } }, ownerToken));
  }

  beforeAll(async () => {
    redis = await testRedis(); // not started
    const env = { DATABASE_URL: DATABASE_URL!, REDIS_URL: redis.url };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 90_000);
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('both start while Redis is down, and serve queries and mutations', async () => {
    const owner = ok(
      await a.gql(SIGN_UP, { input: { email: `owner-${Date.now()}@example.test`, password: PASSWORD, name: 'Hana', organizationName: 'Away' } }),
    );
    ownerToken = owner.signUp.token;
    const invite = ok(await a.gql(INVITE, { input: { email: `jo-${Date.now()}@example.test`, role: 'USER' } }, ownerToken));
    const token = decodeURIComponent(/#token=(.+)$/.exec(invite.inviteMember.acceptUrl)![1]!);
    const accepted = ok(await b.gql(ACCEPT, { input: { token, name: 'Jo', password: PASSWORD } }));
    jo = { id: accepted.acceptInvitation.account.id, token: accepted.acceptInvitation.token };
    const corpus = ok(await a.gql(CREATE, { input: { type: 'CORPUS', name: 'Seen' } }, ownerToken)).createResource.id;
    ok(await a.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'VIEWER' } }, ownerToken));
    expect(ok(await b.gql(CHECK, { input: { userId: jo.id, action: 'read', resourceId: corpus } }, ownerToken)).checkPermission.allowed).toBe(true);
  });

  it('a mutation on one answers while Redis is down; when Redis returns, the other’s sockets are told to refetch and events flow again', async () => {
    const missed = liveClient(b.url, jo.token);
    clients.push(missed);
    await missed.connected();
    missed.subscribe(NOTIFICATIONS);
    await settle(100);
    await share('While away');
    expect(await redisState(a.url)).toBe('down'); // answered before Redis came back

    await redis.start();
    expect(await missed.waitForClose(15_000)).toBe(EVENTS_MISSED);
    await Promise.all([redisIsUp(a.url), redisIsUp(b.url)]);
    // Refetching shows what the socket missed.
    const stored = ok(await b.gql(`{ notifications { edges { node { message } } } }`, {}, jo.token));
    expect(stored.notifications.edges.map((e: { node: { message: string } }) => e.node.message)).toContain(
      "Hana shared Corpus 'While away' with you as Viewer.",
    );

    const live = liveClient(b.url, jo.token);
    clients.push(live);
    await live.connected();
    const notifications = live.subscribe<{ message: string }>(NOTIFICATIONS);
    await settle(200);
    await share('Back');
    expect((await notifications.next()).message).toBe("Hana shared Corpus 'Back' with you as Viewer.");
    await settle(300);
    expect(notifications.received).toHaveLength(1);
  });
});
