import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { PASSWORD, addMember, signUpOrg, tokenOf, uniqueEmail } from '../support/factories';

const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id email role status expiresAt } acceptUrl } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token account { id email name } organization { id } } }`;
const PENDING = `{ pendingInvitations { id email role status invitedBy { email } } }`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

async function invite(ownerToken: string, email = uniqueEmail(), role = 'USER') {
  return ok(await t.gql(INVITE, { input: { email, role } }, ownerToken)).inviteMember;
}

describe('inviting', () => {
  it('creates a pending invitation that expires in 7 days and returns its accept link once', async () => {
    const org = await signUpOrg(t);
    const email = uniqueEmail('jane');
    const created = await invite(org.owner.token, email, 'ADMIN');
    expect(created.invitation).toMatchObject({ email, role: 'ADMIN', status: 'PENDING' });
    const days = (Date.parse(created.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect(created.acceptUrl).toMatch(/^http:\/\/rolegraph\.test\/accept-invitation#token=rgi_/);
    const pending = ok(await t.gql(PENDING, {}, org.owner.token)).pendingInvitations;
    expect(pending).toEqual([{ id: created.invitation.id, email, role: 'ADMIN', status: 'PENDING', invitedBy: { email: org.owner.email } }]);
  });

  it('stores only the token hash, and writes the mail to the outbox without its live link', async () => {
    const org = await signUpOrg(t);
    const email = uniqueEmail();
    const created = await invite(org.owner.token, email);
    const token = tokenOf(created.acceptUrl);
    const [row] = await t.server.app.dataSource.query(`SELECT token_hash FROM invitations WHERE id = $1`, [created.invitation.id]);
    expect(row.token_hash).not.toContain(token);
    const mail = await t.server.app.dataSource.query(`SELECT recipient, body FROM outbox_emails WHERE recipient = $1`, [email]);
    expect(mail).toHaveLength(1);
    expect(mail[0].body).not.toContain(token);
  });

  it('fails with ALREADY_MEMBER for a member, whatever the email case', async () => {
    const org = await signUpOrg(t);
    const member = await addMember(t, org);
    const result = await t.gql(INVITE, { input: { email: member.email.toUpperCase(), role: 'USER' } }, org.owner.token);
    expect(errorCode(result)).toBe('ALREADY_MEMBER');
  });

  it('re-inviting revokes the previous link', async () => {
    const org = await signUpOrg(t);
    const email = uniqueEmail();
    const first = await invite(org.owner.token, email);
    const second = await invite(org.owner.token, email, 'ADMIN');
    const stale = await t.gql(ACCEPT, { input: { token: tokenOf(first.acceptUrl), name: 'Jane', password: PASSWORD } });
    expect(errorCode(stale)).toBe('BAD_USER_INPUT');
    expect(stale.errors?.[0]?.message).toMatch(/revoked/);
    const joined = ok(await t.gql(ACCEPT, { input: { token: tokenOf(second.acceptUrl), name: 'Jane', password: PASSWORD } })).acceptInvitation;
    expect(ok(await t.gql(`query($id: ID!) { member(id: $id) { role } }`, { id: joined.account.id }, org.owner.token)).member.role).toBe('ADMIN');
  });

  it('resend gives a new link and kills the old one', async () => {
    const org = await signUpOrg(t);
    const first = await invite(org.owner.token);
    const resent = ok(
      await t.gql(`mutation($id: ID!) { resendInvitation(id: $id) { acceptUrl invitation { id status } } }`, { id: first.invitation.id }, org.owner.token),
    ).resendInvitation;
    expect(resent.acceptUrl).not.toBe(first.acceptUrl);
    expect(errorCode(await t.gql(ACCEPT, { input: { token: tokenOf(first.acceptUrl), name: 'X', password: PASSWORD } }))).toBe('BAD_USER_INPUT');
    ok(await t.gql(ACCEPT, { input: { token: tokenOf(resent.acceptUrl), name: 'X', password: PASSWORD } }));
  });

  it('fails with SEAT_LIMIT when members plus pending invitations would exceed the seats, creating nothing', async () => {
    const org = await signUpOrg(t);
    ok(await t.gql(`mutation { updateBilling(input: { plan: FREE, seats: 3 }) { seats seatsUsed } }`, {}, org.owner.token));
    await addMember(t, org);
    await invite(org.owner.token);
    const result = await t.gql(INVITE, { input: { email: uniqueEmail(), role: 'USER' } }, org.owner.token);
    expect(errorCode(result)).toBe('SEAT_LIMIT');
    expect(result.errors?.[0]?.message).toMatch(/3 seats/);
    expect(ok(await t.gql(PENDING, {}, org.owner.token)).pendingInvitations).toHaveLength(1);
    const billing = ok(await t.gql(`{ billing { seats seatsUsed } }`, {}, org.owner.token)).billing;
    expect(billing).toEqual({ seats: 3, seatsUsed: 3 });
  });

  it('revoking makes the link stop working', async () => {
    const org = await signUpOrg(t);
    const created = await invite(org.owner.token);
    const revoked = ok(await t.gql(`mutation($id: ID!) { revokeInvitation(id: $id) { status } }`, { id: created.invitation.id }, org.owner.token));
    expect(revoked.revokeInvitation.status).toBe('REVOKED');
    expect(errorCode(await t.gql(ACCEPT, { input: { token: tokenOf(created.acceptUrl), name: 'X', password: PASSWORD } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(`mutation($id: ID!) { revokeInvitation(id: $id) { status } }`, { id: created.invitation.id }, org.owner.token))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('accepting', () => {
  it('creates the account and the membership, and signs the new member in', async () => {
    const org = await signUpOrg(t);
    const email = uniqueEmail('kim');
    const created = await invite(org.owner.token, email);
    const session = ok(await t.gql(ACCEPT, { input: { token: tokenOf(created.acceptUrl), name: 'Kim', password: PASSWORD } })).acceptInvitation;
    expect(session.account).toMatchObject({ email, name: 'Kim' });
    expect(session.organization.id).toBe(org.id);
    expect(ok(await t.gql(`{ me { role organization { id } } }`, {}, session.token)).me).toEqual({ role: 'USER', organization: { id: org.id } });
  });

  it('works once only', async () => {
    const org = await signUpOrg(t);
    const created = await invite(org.owner.token);
    ok(await t.gql(ACCEPT, { input: { token: tokenOf(created.acceptUrl), name: 'X', password: PASSWORD } }));
    const again = await t.gql(ACCEPT, { input: { token: tokenOf(created.acceptUrl), name: 'Y', password: PASSWORD } });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toMatch(/already been used/);
  });

  it('refuses an expired invitation', async () => {
    const org = await signUpOrg(t);
    const created = await invite(org.owner.token);
    await t.server.app.dataSource.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [created.invitation.id]);
    const result = await t.gql(ACCEPT, { input: { token: tokenOf(created.acceptUrl), name: 'X', password: PASSWORD } });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/expired/);
  });

  it('refuses a short password or missing name and leaves the invitation pending', async () => {
    const org = await signUpOrg(t);
    const created = await invite(org.owner.token);
    const token = tokenOf(created.acceptUrl);
    expect(errorCode(await t.gql(ACCEPT, { input: { token, name: 'X', password: 'too short' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(ACCEPT, { input: { token, name: ' ', password: PASSWORD } }))).toBe('BAD_USER_INPUT');
    expect(ok(await t.gql(PENDING, {}, org.owner.token)).pendingInvitations).toHaveLength(1);
    ok(await t.gql(ACCEPT, { input: { token, name: 'X', password: PASSWORD } }));
  });

  it('answers NOT_FOUND for a token that was never issued', async () => {
    expect(errorCode(await t.gql(ACCEPT, { input: { token: 'rgi_forged', name: 'X', password: PASSWORD } }))).toBe('NOT_FOUND');
  });

  it('for an existing account: needs that account signed in, and adds the membership', async () => {
    const home = await signUpOrg(t, 'existing');
    const org = await signUpOrg(t);
    const created = await invite(org.owner.token, home.owner.email, 'ADMIN');
    const token = tokenOf(created.acceptUrl);
    const anonymous = await t.gql(ACCEPT, { input: { token } });
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.errors?.[0]?.message).toMatch(/sign in as/);
    const someoneElse = await signUpOrg(t, 'else');
    expect(errorCode(await t.gql(ACCEPT, { input: { token } }, someoneElse.owner.token))).toBe('FORBIDDEN');
    const session = ok(await t.gql(ACCEPT, { input: { token } }, home.owner.token)).acceptInvitation;
    expect(session.account.id).toBe(home.owner.id);
    expect(session.organization.id).toBe(org.id);
  });
});

describe('previewing an invitation by its link', () => {
  const PREVIEW = `query($token: String!) { invitationPreview(token: $token) { organizationName invitedByName email role expiresAt } }`;

  it('shows anyone holding the link the organization, the inviter, the email and the role — and nothing without a valid token', async () => {
    const org = await signUpOrg(t, 'preview-owner', 'Preview Labs');
    const email = uniqueEmail('kim');
    const created = await invite(org.owner.token, email, 'ADMIN');
    const preview = ok(await t.gql(PREVIEW, { token: tokenOf(created.acceptUrl) })).invitationPreview;
    expect(preview).toEqual({ organizationName: 'Preview Labs', invitedByName: org.owner.name, email, role: 'ADMIN', expiresAt: created.invitation.expiresAt });
    expect(errorCode(await t.gql(PREVIEW, { token: 'rgi_not-a-real-token' }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(PREVIEW, { token: '' }))).toBe('NOT_FOUND');
  });

  it('refuses a link that was revoked or used, as accepting does', async () => {
    const org = await signUpOrg(t);
    const revoked = await invite(org.owner.token);
    ok(await t.gql(`mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, { id: revoked.invitation.id }, org.owner.token));
    const afterRevoke = await t.gql(PREVIEW, { token: tokenOf(revoked.acceptUrl) });
    expect(errorCode(afterRevoke)).toBe('BAD_USER_INPUT');
    expect(afterRevoke.errors?.[0]?.message).toMatch(/revoked/);

    const used = await invite(org.owner.token);
    ok(await t.gql(ACCEPT, { input: { token: tokenOf(used.acceptUrl), name: 'Kim', password: PASSWORD } }));
    const afterUse = await t.gql(PREVIEW, { token: tokenOf(used.acceptUrl) });
    expect(errorCode(afterUse)).toBe('BAD_USER_INPUT');
    expect(afterUse.errors?.[0]?.message).toMatch(/already been used/);
  });
});
