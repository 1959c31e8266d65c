import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { PASSWORD, addMember, signUpOrg, tokenOf, uniqueEmail } from '../support/factories';
import { liveClient, runOverSocket } from '../support/liveClient';

const LOG = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id action outcome actor { type id label } targetType targetId targetLabel before after requestId } }
    pageInfo { hasNextPage endCursor }
  }
}`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records every membership change with actor, target, before and after', async () => {
    const org = await signUpOrg(t);
    const user = await addMember(t, org, 'USER', 'audited');
    ok(
      await t.gql(
        `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`,
        { input: { userId: user.id, role: 'ADMIN' } },
        org.owner.token,
      ),
    );
    ok(await t.gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId } }`, { input: { userId: user.id } }, org.owner.token));
    const actions = ok(await t.gql(LOG, {}, org.owner.token)).auditLog.edges.map((e: { node: { action: string } }) => e.node.action);
    expect(actions).toEqual(['member.removed', 'member.role_changed', 'invitation.accepted', 'invitation.created', 'organization.created']);
    const roleChange = ok(await t.gql(LOG, { filter: { action: 'member.role_changed' } }, org.owner.token)).auditLog.edges[0].node;
    expect(roleChange).toMatchObject({
      outcome: 'SUCCESS',
      actor: { type: 'USER', id: org.owner.id, label: org.owner.email },
      targetType: 'MEMBER',
      targetId: user.id,
      targetLabel: user.email,
      before: { role: 'USER' },
      after: { role: 'ADMIN' },
    });
  });

  it('uses the request id the client sent', async () => {
    const org = await signUpOrg(t);
    ok(await t.gql(`mutation { updateBilling(input: { plan: TEAM, seats: 30 }) { seats } }`, {}, org.owner.token, { 'x-request-id': 'req-abc-123' }));
    const entry = ok(await t.gql(LOG, { filter: { action: 'billing.updated' } }, org.owner.token)).auditLog.edges[0].node;
    expect(entry.requestId).toBe('req-abc-123');
    expect(entry.before).toEqual({ plan: 'TEAM', seats: 25 });
    expect(entry.after).toEqual({ plan: 'TEAM', seats: 30 });
  });

  it('records refused mutations as DENIED', async () => {
    const org = await signUpOrg(t);
    const user = await addMember(t, org, 'USER');
    expect(
      errorCode(
        await t.gql(
          `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`,
          { input: { email: uniqueEmail(), role: 'USER' } },
          user.token,
        ),
      ),
    ).toBe('FORBIDDEN');
    const denied = ok(await t.gql(LOG, { filter: { outcome: 'DENIED' } }, org.owner.token)).auditLog.edges;
    expect(denied).toHaveLength(1);
    expect(denied[0].node).toMatchObject({ action: 'mutation.inviteMember', actor: { id: user.id }, outcome: 'DENIED', after: { code: 'FORBIDDEN' } });
  });

  it('records a mutation refused over the WebSocket as one refused over HTTP', async () => {
    const org = await signUpOrg(t);
    const user = await addMember(t, org, 'USER');
    const live = liveClient(t.url, user.token);
    try {
      await live.connected();
      const refused = await runOverSocket(live.client, `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`, {
        input: { email: uniqueEmail(), role: 'USER' },
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await live.dispose();
    }
    const denied = ok(await t.gql(LOG, { filter: { outcome: 'DENIED' } }, org.owner.token)).auditLog.edges;
    expect(denied.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ action: 'mutation.inviteMember', actor: expect.objectContaining({ id: user.id }), outcome: 'DENIED' }),
    ]);
  });

  it('filters by action prefix, actor and target, and pages with cursors', async () => {
    const org = await signUpOrg(t);
    const a = await addMember(t, org, 'USER', 'a');
    await addMember(t, org, 'USER', 'b');
    const memberEntries = ok(await t.gql(LOG, { filter: { action: 'invitation.' } }, org.owner.token)).auditLog;
    expect(memberEntries.totalCount).toBe(4);
    const byActor = ok(await t.gql(LOG, { filter: { actorId: a.id } }, org.owner.token)).auditLog;
    expect(byActor.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(['invitation.accepted']);
    const byTarget = ok(await t.gql(LOG, { filter: { targetId: a.id } }, org.owner.token)).auditLog;
    expect(byTarget.totalCount).toBe(1);
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: any = ok(await t.gql(LOG, { first: 2, after }, org.owner.token)).auditLog;
      ids.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect([...ids].sort((x, y) => Number(y) - Number(x))).toEqual(ids);
  });

  it('is readable by owners and admins, not by users, and only for their organization', async () => {
    const org = await signUpOrg(t);
    const admin = await addMember(t, org, 'ADMIN');
    const user = await addMember(t, org, 'USER');
    ok(await t.gql(LOG, {}, admin.token));
    expect(errorCode(await t.gql(LOG, {}, user.token))).toBe('FORBIDDEN');
    const other = await signUpOrg(t);
    const theirs = ok(await t.gql(LOG, {}, other.owner.token)).auditLog;
    expect(theirs.totalCount).toBe(1);
  });

  it('cannot be edited, even directly in the database', async () => {
    const org = await signUpOrg(t);
    await expect(t.server.app.dataSource.query(`UPDATE audit_entries SET action = 'x' WHERE organization_id = $1`, [org.id])).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(t.server.app.dataSource.query(`DELETE FROM audit_entries WHERE organization_id = $1`, [org.id])).rejects.toThrow(/cannot be changed/);
  });

  it('never contains a password, token or key', async () => {
    const org = await signUpOrg(t);
    const email = uniqueEmail();
    const invited = ok(
      await t.gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`, { input: { email, role: 'USER' } }, org.owner.token),
    );
    const token = tokenOf(invited.inviteMember.acceptUrl);
    const session = ok(
      await t.gql(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }`, {
        input: { token, name: 'N', password: PASSWORD },
      }),
    );
    const key = ok(await t.gql(`mutation { createApiKey(input: { name: "k", scopes: { audit: READ } }) { secret } }`, {}, org.owner.token));
    const all = JSON.stringify(await t.server.app.dataSource.query(`SELECT * FROM audit_entries WHERE organization_id = $1`, [org.id]));
    for (const secret of [PASSWORD, token, session.acceptInvitation.token, key.createApiKey.secret, org.owner.token]) {
      expect(all).not.toContain(secret);
    }
  });
});
