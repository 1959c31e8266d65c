import { ok, startTestServer, type TestServer } from '../support/testServer';
import { addMember, createApiKey, createResource, grant, revoke, signUpOrg } from '../support/factories';
import { liveClient, settle } from '../support/liveClient';
import { replayAccessChanges } from '../support/accessReplay';
import { LOG_ROWS_PER_STATEMENT, pruneAccessChangeLog } from '../../src/changeStream/accessChangeLog';
import { importIntoOrganization } from '../../src/bulkImport/importOrganization';
import { validateImport } from '../../src/bulkImport/validateImport';

/** The accessChanges stream (docs/consistency.md), on one instance; across two over Redis in multiInstance.test.ts. */
const SUBSCRIBE = `subscription($after: String) { accessChanges(after: $after) { kind userId resourceId before after revision endOfRevision } }`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** An integrator's stream (an API key with permissions: READ), subscribed from now; dispose of `live` when done. */
async function integratorStream(ownerToken: string) {
  const live = liveClient(t.url, await createApiKey(t, ownerToken, 'svc', { permissions: 'READ' }));
  await live.connected();
  const stream = live.subscribe<Record<string, unknown>>(SUBSCRIBE);
  await settle(300);
  return { live, stream };
}

describe('accessChanges', () => {
  it('a replay of random changes on several organizations, folded over the starting state, ends in the final state — across disconnects', async () => {
    const report = await replayAccessChanges({ writers: [t], streams: [t.url], organizations: 3, steps: 60, disconnectEvery: 20, seed: 1764 });
    expect(report.changesSeen).toBeGreaterThan(20);
    expect(report.reconnects).toBeGreaterThanOrEqual(6);
  }, 180_000);

  it('sends the evaluator’s levels, one revision at a time, resumable after its last revision', async () => {
    const org = await signUpOrg(t);
    const jo = await addMember(t, org, 'USER', 'jo');
    const { live, stream } = await integratorStream(org.owner.token);
    try {
      const project = await createResource(t, org.owner.token, { type: 'PROJECT', name: 'P' });
      const assistant = await createResource(t, org.owner.token, { type: 'ASSISTANT', name: 'A', parentId: project, status: 'LIVE', visibility: 'PRIVATE' });
      await grant(t, org.owner.token, project, { userId: jo.id }, 'MEMBER');
      const onAssistant = await stream.next((c) => c.userId === jo.id && c.resourceId === assistant);
      // Inherited from the project: the evaluator's answer, not the grant row.
      expect(onAssistant).toMatchObject({ kind: 'LEVEL_CHANGED', before: 'NONE', after: 'MEMBER' });
      const sameRevision = stream.received.filter((c) => c.revision === onAssistant.revision);
      expect(
        sameRevision
          .filter((c) => c.kind === 'LEVEL_CHANGED')
          .map((c) => c.resourceId)
          .sort(),
      ).toEqual([assistant, project].sort());
      expect(sameRevision.filter((c) => c.endOfRevision)).toHaveLength(1);
      expect(sameRevision.at(-1)!.endOfRevision).toBe(true);

      await revoke(t, org.owner.token, project, { userId: jo.id });
      const revoked = await stream.next((c) => c.resourceId === project && c.after === 'NONE');
      // Resuming after the grant's revision sends the revoke again, and nothing before it.
      const resumed = live.subscribe<Record<string, unknown>>(SUBSCRIBE, { after: onAssistant.revision });
      await resumed.next((c) => c.endOfRevision === true);
      const changes = resumed.received.filter((c) => c.kind === 'LEVEL_CHANGED');
      expect(changes.every((c) => c.revision === revoked.revision)).toBe(true);
      expect(changes).toHaveLength(2);
    } finally {
      await live.dispose();
    }
  });

  it('a change that moves more levels than one statement logs (a promotion to Owner) is one revision, each level once, in order', async () => {
    const org = await signUpOrg(t);
    const corpora = LOG_ROWS_PER_STATEMENT + 1;
    const app = t.server.app;
    await importIntoOrganization(
      { dataSource: app.dataSource, events: app.events, logger: app.logger, secrets: app.secrets },
      org.id,
      validateImport({
        members: [
          { key: 'lead', email: `lead-${org.id}@example.test`, name: 'Lead', role: 'ADMIN' },
          { key: 'ana', email: `ana-${org.id}@example.test`, name: 'Ana' },
        ],
        teams: [],
        resources: Array.from({ length: corpora }, (_, i) => ({ key: `c${i}`, type: 'CORPUS', name: `Corpus ${i}`, owner: 'lead' })),
        grants: [],
      }),
    );
    const users = ok(await t.gql(`{ members(role: USER) { edges { node { id email } } } }`, {}, org.owner.token)).members.edges;
    const ana = users.find((e: { node: { email: string } }) => e.node.email.startsWith('ana-')).node as { id: string };
    const { live, stream } = await integratorStream(org.owner.token);
    try {
      await t.gql(
        `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`,
        { input: { userId: ana.id, role: 'OWNER' } },
        org.owner.token,
      );
      const end = await stream.next((c) => c.userId === ana.id && c.endOfRevision === true, 60_000);
      const promotion = stream.received.filter((c) => c.revision === end.revision);
      expect(promotion).toHaveLength(corpora);
      expect(promotion.every((c) => c.userId === ana.id && c.before === 'NONE' && c.after === 'ADMIN')).toBe(true);
      expect(new Set(promotion.map((c) => c.resourceId)).size).toBe(corpora);
      expect(promotion.filter((c) => c.endOfRevision)).toEqual([end]);
    } finally {
      await live.dispose();
    }
  }, 120_000);

  it('a member who does not manage members sees only their own levels; an admin sees everyone’s', async () => {
    const org = await signUpOrg(t);
    const jo = await addMember(t, org, 'USER', 'jo');
    const kim = await addMember(t, org, 'USER', 'kim');
    const ravi = await addMember(t, org, 'ADMIN', 'ravi');
    const joLive = liveClient(t.url, jo.token);
    const raviLive = liveClient(t.url, ravi.token);
    try {
      await Promise.all([joLive.connected(), raviLive.connected()]);
      const joStream = joLive.subscribe<Record<string, unknown>>(SUBSCRIBE);
      const raviStream = raviLive.subscribe<Record<string, unknown>>(SUBSCRIBE);
      await settle(300);
      const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'C' });
      await grant(t, org.owner.token, corpus, { userId: kim.id }, 'VIEWER');
      await grant(t, org.owner.token, corpus, { userId: jo.id }, 'EDITOR');
      await joStream.next((c) => c.resourceId === corpus && c.after === 'EDITOR');
      await raviStream.next((c) => c.userId === kim.id && c.after === 'VIEWER');
      expect(joStream.received.filter((c) => c.kind === 'LEVEL_CHANGED').every((c) => c.userId === jo.id)).toBe(true);
    } finally {
      await Promise.all([joLive.dispose(), raviLive.dispose()]);
    }
  });

  it('an `after` past the retention gets one RESYNC_REQUIRED and the stream ends', async () => {
    const org = await signUpOrg(t);
    const key = await createApiKey(t, org.owner.token, 'svc', { permissions: 'READ' });
    const old = (await t.gql(`{ me { account { id } } }`, {}, org.owner.token)).extensions!.accessRevision!;
    await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Later' });
    // As the hourly pruning does once the rows after `old` are older than the retention.
    await t.server.app.dataSource.query(`UPDATE organizations SET access_log_from = access_revision WHERE id = $1`, [org.id]);
    const live = liveClient(t.url, key);
    try {
      await live.connected();
      const stream = live.subscribe<Record<string, unknown>>(SUBSCRIBE, { after: old });
      expect(await stream.next()).toMatchObject({ kind: 'RESYNC_REQUIRED', userId: null, resourceId: null });
      await settle(300);
      expect(stream.received).toHaveLength(1);
    } finally {
      await live.dispose();
    }
  });

  it('a subscriber whose changes stop is told when it has caught up with the revision', async () => {
    const org = await signUpOrg(t);
    const jo = await addMember(t, org, 'USER', 'jo');
    const kim = await addMember(t, org, 'USER', 'kim');
    const live = liveClient(t.url, jo.token);
    try {
      await live.connected();
      const stream = live.subscribe<Record<string, unknown>>(SUBSCRIBE);
      await settle(300);
      const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Not for Jo' });
      await grant(t, org.owner.token, corpus, { userId: kim.id }, 'VIEWER');
      const granted = (await t.gql(`{ me { account { id } } }`, {}, org.owner.token)).extensions!.accessRevision!;
      const caughtUp = await stream.next((c) => c.kind === 'CAUGHT_UP' && c.revision === granted);
      expect(caughtUp).toMatchObject({ userId: null, resourceId: null, endOfRevision: true });
      expect(stream.received.filter((c) => c.kind === 'LEVEL_CHANGED')).toEqual([]);
    } finally {
      await live.dispose();
    }
  });

  it('a bad `after` is refused', async () => {
    const org = await signUpOrg(t);
    const key = await createApiKey(t, org.owner.token, 'svc', { permissions: 'READ' });
    const old = (await t.gql(`{ me { account { id } } }`, {}, org.owner.token)).extensions!.accessRevision!;
    const live = liveClient(t.url, key);
    try {
      await live.connected();

      for (const after of ['garbage', `${org.id}:99999999`, old.replace(org.id, '00000000-0000-4000-8000-000000000000')]) {
        const bad = live.subscribe<Record<string, unknown>>(SUBSCRIBE, { after });
        await settle(200);
        expect(bad.received).toHaveLength(0);
        expect(JSON.stringify(bad.errors)).toContain('BAD_USER_INPUT');
      }
    } finally {
      await live.dispose();
    }
  });

  it('pruning drops rows past the retention and moves where the log starts', async () => {
    const org = await signUpOrg(t);
    const jo = await addMember(t, org, 'USER', 'jo');
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Old' });
    await grant(t, org.owner.token, corpus, { userId: jo.id }, 'VIEWER');
    const db = t.server.app.dataSource;
    const [{ last }] = await db.query(`SELECT max(revision)::text AS last FROM access_level_changes WHERE organization_id = $1`, [org.id]);
    await db.query(`UPDATE access_level_changes SET created_at = now() - interval '9 days' WHERE organization_id = $1`, [org.id]);
    await pruneAccessChangeLog((sql, params) => db.query(sql, params), t.server.app.logger);
    expect(await db.query(`SELECT 1 FROM access_level_changes WHERE organization_id = $1`, [org.id])).toHaveLength(0);
    const [{ access_log_from }] = await db.query(`SELECT access_log_from::text FROM organizations WHERE id = $1`, [org.id]);
    expect(access_log_from).toBe(last);
  });

  it('an API key without permissions: READ is refused', async () => {
    const org = await signUpOrg(t);
    const key = await createApiKey(t, org.owner.token, 'dir', { directory: 'READ' });
    const live = liveClient(t.url, key);
    try {
      await live.connected();
      const stream = live.subscribe<Record<string, unknown>>(SUBSCRIBE);
      await settle(300);
      expect(JSON.stringify(stream.errors)).toContain('FORBIDDEN');
    } finally {
      await live.dispose();
    }
  });
});
