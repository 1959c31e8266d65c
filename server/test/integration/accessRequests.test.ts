import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { addMember, check, createResource, signUpSpecCast, type TestOrg, type TestUser } from '../support/factories';
import { liveClient, settle } from '../support/liveClient';
import { lapseAccessRequests } from '../../src/accessRequests/lapseAccessRequests';
import { MAX_PENDING_PER_MEMBER } from '../../src/accessRequests/accessRequestCommands';

const REQUEST = `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id status message } }`;
const APPROVE = `mutation($input: ApproveAccessRequestInput!) { approveAccessRequest(input: $input) { id status grantedLevel grantedExpiresAt } }`;
const DENY = `mutation($input: DenyAccessRequestInput!) { denyAccessRequest(input: $input) { id status answerReason } }`;
const CANCEL = `mutation($id: ID!) { cancelAccessRequest(id: $id) { id status } }`;
const LIST = `query($list: AccessRequestList, $status: AccessRequestStatus, $first: Int, $after: String) {
  accessRequests(list: $list, status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id status level reason resourceId resource { id name } requester { id } viewerCanAnswer viewerCanCancel } }
  }
}`;
const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { kind message data } } } }`;
const AUDIT = `query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 50) { edges { node { action actor { id } targetId } } } }`;
const SHARED = `query($id: ID!) { resource(id: $id) { sharedWith { level expiresAt user { id } } } }`;

let t: TestServer;
let org: TestOrg;
let ravi: TestUser;
let jo: TestUser;
let kim: TestUser;
beforeAll(async () => {
  t = await startTestServer();
  ({ org, ravi, jo, kim } = await signUpSpecCast(t));
});
afterAll(() => t.close());

async function notificationsOf(user: TestUser): Promise<{ kind: string; message: string; data: Record<string, unknown> }[]> {
  return ok(await t.gql(NOTIFICATIONS, {}, user.token)).notifications.edges.map((e: any) => e.node);
}

async function listOf(user: TestUser, variables: Record<string, unknown> = {}): Promise<any> {
  return ok(await t.gql(LIST, variables, user.token)).accessRequests;
}

describe('asking for access', () => {
  it('answers the same for a hidden resource as for one that does not exist, and names neither', async () => {
    const hidden = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Secret plans' });
    const missing = '00000000-0000-4000-8000-00000000beef';
    const a = ok(await t.gql(REQUEST, { input: { resourceId: hidden, level: 'VIEWER', reason: 'audit' } }, jo.token)).requestAccess;
    const b = ok(await t.gql(REQUEST, { input: { resourceId: missing, level: 'VIEWER', reason: 'audit' } }, jo.token)).requestAccess;
    expect({ ...a, id: 'x' }).toEqual({ ...b, id: 'x' });
    expect(a.status).toBe('PENDING');
    expect(JSON.stringify(a)).not.toContain('Secret');
    // In the requester's own list both look alike: no resource, only the id they gave.
    const mine = (await listOf(jo, { list: 'MINE' })).edges.map((e: any) => e.node);
    const [ofHidden, ofMissing] = [mine.find((r: any) => r.id === a.id), mine.find((r: any) => r.id === b.id)];
    expect(ofHidden).toMatchObject({ resource: null, resourceId: hidden, viewerCanAnswer: false, viewerCanCancel: true });
    expect(ofMissing).toMatchObject({ resource: null, resourceId: missing, viewerCanAnswer: false, viewerCanCancel: true });
    // Only the approvers of the real one hear of it, with its name.
    const note = (await notificationsOf(ravi)).find((n) => n.kind === 'ACCESS_REQUESTED' && n.data.accessRequestId === a.id);
    expect(note?.message).toBe("Jo asks for Viewer access to Corpus 'Secret plans': “audit”");
  });

  it('keeps one pending request per member and resource, also when asked twice at once', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Once only' });
    const answers = await Promise.all([0, 1, 2, 3].map(() => t.gql(REQUEST, { input: { resourceId: corpus, level: 'EDITOR' } }, kim.token)));
    const ids = new Set(answers.map((answer) => ok(answer).requestAccess.id));
    expect(ids.size).toBe(1);
    const pending = (await listOf(kim, { list: 'MINE', status: 'PENDING' })).edges.filter((e: any) => e.node.resourceId === corpus);
    expect(pending).toHaveLength(1);
  });

  it('keeps the requests of one person in two organizations apart: asked in one for an id of the other, it can still be asked where it exists', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Asked twice over' });
    const pat = await addMember(t, org, 'USER', 'pat');
    ok(await t.gql(`mutation { createOrganization(input: { name: "Pat's side project" }) { organization { id } } }`, {}, pat.token));
    const elsewhere = ok(await t.gql(REQUEST, { input: { resourceId: corpus, level: 'VIEWER', reason: 'from elsewhere' } }, pat.token)).requestAccess;
    ok(await t.gql(`mutation($id: ID!) { switchOrganization(organizationId: $id) { organization { id } } }`, { id: org.id }, pat.token));
    const here = ok(await t.gql(REQUEST, { input: { resourceId: corpus, level: 'VIEWER', reason: 'from here' } }, pat.token)).requestAccess;
    expect(here.id).not.toBe(elsewhere.id);
    const mine = (await listOf(pat, { list: 'MINE', status: 'PENDING' })).edges.map((e: any) => e.node);
    expect(mine).toEqual([expect.objectContaining({ id: here.id, reason: 'from here', resourceId: corpus })]);
    const inbox = (await listOf(ravi, { list: 'TO_ANSWER', status: 'PENDING' })).edges.map((e: any) => e.node.id);
    expect(inbox).toContain(here.id);
    expect(inbox).not.toContain(elsewhere.id);
    expect((await notificationsOf(ravi)).some((n) => n.kind === 'ACCESS_REQUESTED' && n.data.accessRequestId === here.id)).toBe(true);
  });

  it('refuses bad input with a clear code: a non-id, a too long reason, a level already held or not grantable on a visible resource', async () => {
    const project = await createResource(t, ravi.token, { type: 'PROJECT', name: 'Levels asked' });
    expect(errorCode(await t.gql(REQUEST, { input: { resourceId: 'not-an-id', level: 'VIEWER' } }, jo.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(REQUEST, { input: { resourceId: project, level: 'MEMBER', reason: 'x'.repeat(1001) } }, jo.token))).toBe('BAD_USER_INPUT');
    const shared = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Already mine' });
    ok(
      await t.gql(
        `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`,
        { input: { resourceId: shared, subject: { userId: jo.id }, level: 'EDITOR' } },
        ravi.token,
      ),
    );
    const held = await t.gql(REQUEST, { input: { resourceId: shared, level: 'VIEWER' } }, jo.token);
    expect(errorCode(held)).toBe('BAD_USER_INPUT');
    expect(held.errors?.[0]?.message).toMatch(/already have Editor/);
  });

  it('bounds the pending requests one member may have, whatever the ids', async () => {
    const busy = await addMember(t, org, 'USER', 'Busy');
    for (let i = 0; i < MAX_PENDING_PER_MEMBER; i++) {
      ok(await t.gql(REQUEST, { input: { resourceId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, level: 'VIEWER' } }, busy.token));
    }
    const refused = await t.gql(REQUEST, { input: { resourceId: '00000000-0000-4000-8000-999999999999', level: 'VIEWER' } }, busy.token);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect((await listOf(busy, { list: 'MINE', first: 1 })).totalCount).toBe(MAX_PENDING_PER_MEMBER);
  });

  it('renews access that ends within 24 hours: asked for at the same level, approved with a new end', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Ending soon' });
    const soon = new Date(Date.now() + 3600_000).toISOString();
    ok(
      await t.gql(
        `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`,
        { input: { resourceId: corpus, subject: { userId: kim.id }, level: 'EDITOR', expiresAt: soon } },
        ravi.token,
      ),
    );
    const renewal = ok(await t.gql(REQUEST, { input: { resourceId: corpus, level: 'EDITOR', reason: 'still needed' } }, kim.token)).requestAccess;
    const later = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
    ok(await t.gql(APPROVE, { input: { id: renewal.id, expiresAt: later } }, ravi.token));
    expect(ok(await t.gql(SHARED, { id: corpus }, ravi.token)).resource.sharedWith).toEqual([{ level: 'EDITOR', expiresAt: later, user: { id: kim.id } }]);
  });
});

describe('answering', () => {
  it('an approver approves with a level and an end: the requester gets the grant and is notified; all audited', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Approved' });
    const requested = ok(await t.gql(REQUEST, { input: { resourceId: corpus, level: 'EDITOR', reason: 'quarterly review' } }, jo.token)).requestAccess;
    const inbox = (await listOf(ravi, { list: 'TO_ANSWER', status: 'PENDING' })).edges.map((e: any) => e.node);
    expect(inbox.find((r: any) => r.id === requested.id)).toMatchObject({
      resource: { id: corpus, name: 'Approved' },
      requester: { id: jo.id },
      viewerCanAnswer: true,
      viewerCanCancel: false,
    });
    const end = new Date(Date.now() + 24 * 3600 * 1000);
    const approved = ok(await t.gql(APPROVE, { input: { id: requested.id, level: 'VIEWER', expiresAt: end.toISOString() } }, ravi.token)).approveAccessRequest;
    expect(approved).toMatchObject({ status: 'APPROVED', grantedLevel: 'VIEWER' });
    expect(new Date(approved.grantedExpiresAt).getTime()).toBe(end.getTime());
    expect(await check(t, org.owner.token, jo.id, 'read', corpus)).toEqual({ allowed: true, level: 'VIEWER' });
    const shared = ok(await t.gql(SHARED, { id: corpus }, ravi.token)).resource.sharedWith;
    expect(shared).toEqual([{ level: 'VIEWER', expiresAt: end.toISOString(), user: { id: jo.id } }]);
    const note = (await notificationsOf(jo)).find((n) => n.kind === 'ACCESS_REQUEST_ANSWERED' && n.data.accessRequestId === requested.id);
    expect(note?.message).toMatch(/^Ravi approved your request: you have Viewer access to Corpus 'Approved' until .* UTC\.$/);
    // Answered once: a second answer is refused, nothing changes.
    expect(errorCode(await t.gql(DENY, { input: { id: requested.id } }, ravi.token))).toBe('BAD_USER_INPUT');
    const actions = ok(await t.gql(AUDIT, { filter: { action: 'accessRequest.' } }, org.owner.token))
      .auditLog.edges.map((e: any) => e.node)
      .filter((n: any) => n.targetId === requested.id)
      .map((n: any) => n.action);
    expect(actions.sort()).toEqual(['accessRequest.approved', 'accessRequest.created']);
  });

  it('two approvers answering at once: one wins, the other is told', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Raced' });
    const requested = ok(await t.gql(REQUEST, { input: { resourceId: corpus, level: 'VIEWER' } }, kim.token)).requestAccess;
    const [a, b] = await Promise.all([
      t.gql(APPROVE, { input: { id: requested.id } }, ravi.token),
      t.gql(DENY, { input: { id: requested.id, reason: 'no' } }, org.owner.token),
    ]);
    const codes = [a, b].map((r) => (r.errors?.length ? errorCode(r) : 'OK')).sort();
    expect(codes).toEqual(['BAD_USER_INPUT', 'OK']);
  });

  it('a denial tells the requester with the reason, without naming a resource they may not see', async () => {
    const hidden = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Not for you' });
    const requested = ok(await t.gql(REQUEST, { input: { resourceId: hidden, level: 'VIEWER' } }, kim.token)).requestAccess;
    const denied = ok(await t.gql(DENY, { input: { id: requested.id, reason: 'contractors only' } }, ravi.token)).denyAccessRequest;
    expect(denied).toMatchObject({ status: 'DENIED', answerReason: 'contractors only' });
    const note = (await notificationsOf(kim)).find((n) => n.data.accessRequestId === requested.id);
    expect(note?.message).toBe('Ravi denied your request for Viewer access: “contractors only”');
    expect(await check(t, org.owner.token, kim.id, 'read', hidden)).toEqual({ allowed: false, level: 'NONE' });
  });

  it('nobody else may answer or cancel: the requester cannot approve their own, others are told it does not exist', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Guarded' });
    const requested = ok(await t.gql(REQUEST, { input: { resourceId: corpus, level: 'VIEWER' } }, jo.token)).requestAccess;
    expect(errorCode(await t.gql(APPROVE, { input: { id: requested.id } }, jo.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(APPROVE, { input: { id: requested.id } }, kim.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(CANCEL, { id: requested.id }, kim.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(CANCEL, { id: requested.id }, ravi.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(APPROVE, { input: { id: 'nope' } }, ravi.token))).toBe('NOT_FOUND');
    expect((await listOf(kim, { list: 'ALL' })).edges.some((e: any) => e.node.id === requested.id)).toBe(false);
    expect(ok(await t.gql(CANCEL, { id: requested.id }, jo.token)).cancelAccessRequest.status).toBe('CANCELLED');
    expect(errorCode(await t.gql(APPROVE, { input: { id: requested.id } }, ravi.token))).toBe('BAD_USER_INPUT');
    // Once cancelled, a new request may be made.
    expect(ok(await t.gql(REQUEST, { input: { resourceId: corpus, level: 'VIEWER' } }, jo.token)).requestAccess.id).not.toBe(requested.id);
  });

  it('lapses after 14 days without an answer (the sweeper), audited, the requester told', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Old ask' });
    const requested = ok(await t.gql(REQUEST, { input: { resourceId: corpus, level: 'VIEWER' } }, kim.token)).requestAccess;
    await t.server.app.dataSource.query(`UPDATE access_requests SET created_at = now() - interval '15 days' WHERE id = $1`, [requested.id]);
    const app = t.server.app;
    expect(await lapseAccessRequests({ dataSource: app.dataSource, events: app.events, logger: app.logger })).toBeGreaterThanOrEqual(1);
    const mine = (await listOf(kim, { list: 'MINE' })).edges.map((e: any) => e.node);
    expect(mine.find((r: any) => r.id === requested.id)?.status).toBe('LAPSED');
    expect((await notificationsOf(kim)).some((n) => n.data.accessRequestId === requested.id && n.data.status === 'LAPSED')).toBe(true);
  });

  it('the inbox holds the requests for what the viewer may share: not their own, nor one for a resource since deleted', async () => {
    const shared = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Inbox shared' });
    const gone = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Inbox gone' });
    const forShared = ok(await t.gql(REQUEST, { input: { resourceId: shared, level: 'VIEWER' } }, kim.token)).requestAccess.id;
    const forGone = ok(await t.gql(REQUEST, { input: { resourceId: gone, level: 'VIEWER' } }, kim.token)).requestAccess.id;
    ok(await t.gql(`mutation($id: ID!) { deleteResource(id: $id) }`, { id: gone }, ravi.token));
    const ids = async (user: TestUser, list: string, status: string | null = null): Promise<string[]> =>
      (await listOf(user, { list, status, first: 100 })).edges.map((e: any) => e.node.id);
    for (const approver of [ravi, org.owner]) {
      expect(await ids(approver, 'TO_ANSWER')).toContain(forShared);
      expect(await ids(approver, 'TO_ANSWER', 'PENDING')).toContain(forShared);
      expect(await ids(approver, 'TO_ANSWER', 'APPROVED')).not.toContain(forShared);
      expect(await ids(approver, 'TO_ANSWER')).not.toContain(forGone);
    }
    expect(await ids(jo, 'TO_ANSWER')).not.toContain(forShared);
    expect(await ids(kim, 'TO_ANSWER')).not.toContain(forShared);
    expect(await ids(kim, 'MINE')).toEqual(expect.arrayContaining([forShared, forGone]));
    expect(await ids(kim, 'ALL')).toEqual(expect.arrayContaining([forShared, forGone]));
  });

  it('pages the inbox with a typed cursor and refuses a tampered one', async () => {
    const newcomer = await addMember(t, org, 'USER', 'Lee');
    for (let i = 0; i < 3; i++) {
      const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: `Paged ${i}` });
      ok(await t.gql(REQUEST, { input: { resourceId: corpus, level: 'VIEWER' } }, newcomer.token));
    }
    const first = await listOf(newcomer, { list: 'MINE', first: 2 });
    expect(first.totalCount).toBe(3);
    expect(first.edges).toHaveLength(2);
    const second = await listOf(newcomer, { list: 'MINE', first: 2, after: first.pageInfo.endCursor });
    expect(second.edges).toHaveLength(1);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(errorCode(await t.gql(LIST, { after: Buffer.from('["x","y"]').toString('base64url') }, newcomer.token))).toBe('BAD_USER_INPUT');
  });
});

describe('live', () => {
  it('approvers hear of a request at once', async () => {
    const live = liveClient(t.url, ravi.token);
    try {
      await live.connected();
      const notifications = live.subscribe<{ kind: string; message: string }>(`subscription { notificationAdded { kind message } }`);
      await settle(200);
      const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Live ask' });
      ok(await t.gql(REQUEST, { input: { resourceId: corpus, level: 'VIEWER' } }, kim.token));
      expect(await notifications.next()).toEqual({ kind: 'ACCESS_REQUESTED', message: "Kim asks for Viewer access to Corpus 'Live ask'." });
    } finally {
      await live.dispose();
    }
  });
});
