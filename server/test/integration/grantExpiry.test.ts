import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { check, createApiKey, createResource, createTeam, signUpSpecCast, type TestOrg, type TestUser } from '../support/factories';
import { eventually } from '../support/eventually';
import { liveClient, settle } from '../support/liveClient';

const GRANT = `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id level expiresAt } }`;
const SHARED = `query($id: ID!) { resource(id: $id) { sharedWith { level expiresAt user { id } team { id } } } }`;
const AUDIT = `query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 50) { edges { node { action actor { type id } before targetId } } } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { kind message data } } } }`;
const CHANGES = `subscription { accessChanges { kind userId resourceId before after } }`;

let t: TestServer;
let org: TestOrg;
let ravi: TestUser;
let jo: TestUser;
let kim: TestUser;
beforeAll(async () => {
  // The sweeper runs every second here (60 s by default).
  t = await startTestServer({ ACCESS_SWEEP_SECONDS: '1' });
  ({ org, ravi, jo, kim } = await signUpSpecCast(t));
});
afterAll(() => t.close());

async function notificationsOf(user: TestUser): Promise<{ kind: string; message: string; data: Record<string, unknown> }[]> {
  return ok(await t.gql(NOTIFICATIONS, {}, user.token)).notifications.edges.map((e: any) => e.node);
}

describe('a grant with an end date', () => {
  it('is refused with an end date in the past, now, or beyond ten years; nothing is written', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Refused ends' });
    for (const expiresAt of [new Date(Date.now() - 60_000).toISOString(), new Date(Date.now() + 11 * 366 * 24 * 3600 * 1000).toISOString()]) {
      const refused = await t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'VIEWER', expiresAt } }, ravi.token);
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toMatch(/end date/);
    }
    expect(errorCode(await t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'VIEWER', expiresAt: 'soon' } }, ravi.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(ok(await t.gql(SHARED, { id: corpus }, ravi.token)).resource.sharedWith).toEqual([]);
  });

  it('shows its end on the grant and in sharedWith; granting again without one removes the end', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Ends shown' });
    const end = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    const given = ok(
      await t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'VIEWER', expiresAt: end.toISOString() } }, ravi.token),
    );
    expect(new Date(given.grantAccess.expiresAt).getTime()).toBe(end.getTime());
    expect(ok(await t.gql(SHARED, { id: corpus }, ravi.token)).resource.sharedWith).toEqual([
      { level: 'VIEWER', expiresAt: given.grantAccess.expiresAt, user: { id: jo.id }, team: null },
    ]);
    const again = ok(await t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'VIEWER' } }, ravi.token)).grantAccess;
    expect(again).toEqual({ id: given.grantAccess.id, level: 'VIEWER', expiresAt: null });
  });

  it('gives nothing from its end on, then the sweeper removes it: grant.expired by SYSTEM, a notification, and the grant gone', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Short lived' });
    const end = Date.now() + 1500;
    ok(await t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'EDITOR', expiresAt: new Date(end).toISOString() } }, ravi.token));
    expect(await check(t, org.owner.token, jo.id, 'editDocuments', corpus)).toEqual({ allowed: true, level: 'EDITOR' });
    // Checks through the boundary: an allow only for a check sent before the end.
    let deniedAfterEnd = 0;
    while (Date.now() < end + 500) {
      const sentAt = Date.now();
      const answer = await check(t, org.owner.token, jo.id, 'read', corpus);
      if (answer.allowed) expect(sentAt).toBeLessThan(end);
      else if (sentAt > end) deniedAfterEnd++;
    }
    expect(deniedAfterEnd).toBeGreaterThan(0);
    const entry = await eventually('grant.expired in the audit log', async () => {
      const edges = ok(await t.gql(AUDIT, { filter: { action: 'grant.expired', targetId: corpus } }, org.owner.token)).auditLog.edges;
      return edges[0]?.node;
    });
    expect(entry.actor).toEqual({ type: 'SYSTEM', id: null });
    expect(entry.before).toMatchObject({ subjectType: 'USER', subjectId: jo.id, level: 'EDITOR' });
    expect(ok(await t.gql(SHARED, { id: corpus }, ravi.token)).resource.sharedWith).toEqual([]);
    const notes = await notificationsOf(jo);
    expect(notes.find((n) => n.kind === 'ACCESS_EXPIRED' && n.data.resourceId === corpus)?.message).toBe(
      "Your Editor access to Corpus 'Short lived' has ended.",
    );
    expect(await check(t, org.owner.token, jo.id, 'read', corpus)).toEqual({ allowed: false, level: 'NONE' });
  });

  it('ends in the accessChanges stream when the sweeper removes it: a client following the stream learns the level is gone', async () => {
    const key = await createApiKey(t, org.owner.token, 'mirror', { permissions: 'READ' });
    const live = liveClient(t.url, key);
    try {
      await live.connected();
      const stream = live.subscribe<Record<string, unknown>>(CHANGES);
      await settle(300);
      const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Streamed end' });
      ok(
        await t.gql(
          GRANT,
          { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'EDITOR', expiresAt: new Date(Date.now() + 1000).toISOString() } },
          ravi.token,
        ),
      );
      expect(await stream.next((c) => c.userId === jo.id && c.resourceId === corpus)).toMatchObject({ before: 'NONE', after: 'EDITOR' });
      const ended = await stream.next((c) => c.userId === jo.id && c.resourceId === corpus && c.after === 'NONE');
      expect(ended).toEqual({ kind: 'LEVEL_CHANGED', userId: jo.id, resourceId: corpus, before: 'EDITOR', after: 'NONE' });
      expect(ok(await t.gql(SHARED, { id: corpus }, ravi.token)).resource.sharedWith).toEqual([]);
    } finally {
      await live.dispose();
    }
  });

  it('a team grant that ends tells every member of the team, and the team’s page (directoryChanged) follows', async () => {
    const team = await createTeam(t, ravi.token, 'Expiring team', [{ id: jo.id }, { id: kim.id }]);
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Team ends' });
    const live = liveClient(t.url, jo.token);
    try {
      await live.connected();
      const directory = live.subscribe<{ change: string; teamId: string | null }>(`subscription { directoryChanged { change teamId } }`);
      await settle(300);
      ok(
        await t.gql(
          GRANT,
          { input: { resourceId: corpus, subject: { teamId: team }, level: 'VIEWER', expiresAt: new Date(Date.now() + 1000).toISOString() } },
          ravi.token,
        ),
      );
      for (const member of [jo, kim]) {
        const note = await eventually('the expiry notification', async () =>
          (await notificationsOf(member)).find((n) => n.kind === 'ACCESS_EXPIRED' && n.data.resourceId === corpus),
        );
        expect(note.message).toBe("Your Viewer access to Corpus 'Team ends' through team Expiring team has ended.");
      }
      // Granted, then ended by the sweeper.
      await directory.next((e) => e.teamId === team && directory.received.filter((r) => r.change === 'TEAM_GRANTS_CHANGED').length === 2);
    } finally {
      await live.dispose();
    }
  });

  it('reminds the grantee once, within 24 hours of the end, offering a renewal', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Reminded' });
    const far = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Not yet' });
    const end = new Date(Date.now() + 3 * 3600 * 1000);
    ok(await t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: kim.id }, level: 'VIEWER', expiresAt: end.toISOString() } }, ravi.token));
    ok(
      await t.gql(
        GRANT,
        { input: { resourceId: far, subject: { userId: kim.id }, level: 'VIEWER', expiresAt: new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString() } },
        ravi.token,
      ),
    );
    const reminder = await eventually('the reminder', async () =>
      (await notificationsOf(kim)).find((n) => n.kind === 'ACCESS_EXPIRING' && n.data.resourceId === corpus),
    );
    expect(reminder.message).toMatch(/^Your Viewer access to Corpus 'Reminded' ends .* UTC\. Ask to renew it if you still need it\.$/);
    expect(reminder.data).toMatchObject({ renewable: true, level: 'VIEWER', expiresAt: end.toISOString() });
    // Several more sweeps: still one reminder, and none for the grant ending in three days.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const all = (await notificationsOf(kim)).filter((n) => n.kind === 'ACCESS_EXPIRING');
    expect(all.filter((n) => n.data.resourceId === corpus)).toHaveLength(1);
    expect(all.filter((n) => n.data.resourceId === far)).toHaveLength(0);
  });
});
