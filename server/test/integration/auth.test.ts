import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { PASSWORD, signUpOrg, uniqueEmail, addMember } from '../support/factories';

const ME = `{ me { account { id email } organization { id name } role capabilities organizations { organization { id } role } } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token account { id } organization { id } } }`;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token account { id } organization { id } } }`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '3', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '1000' });
});
afterAll(() => t.close());

describe('sign-up', () => {
  it('creates an account and an organization whose first member is its owner', async () => {
    const org = await signUpOrg(t, 'hana', 'Hana Labs');
    const me = ok(await t.gql(ME, {}, org.owner.token)).me;
    expect(me.organization).toEqual({ id: org.id, name: 'Hana Labs' });
    expect(me.role).toBe('OWNER');
    expect(me.capabilities).toEqual(expect.arrayContaining(['llmConfig.manage', 'billing.manage', 'users.manage']));
  });

  it('refuses a short password with a clear error and creates nothing', async () => {
    const email = uniqueEmail();
    const result = await t.gql(SIGN_UP, { input: { email, password: 'short', name: 'X', organizationName: 'Y' } });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/at least 10 characters/);
    expect(errorCode(await t.gql(SIGN_IN, { input: { email, password: 'short' } }))).toBe('UNAUTHENTICATED');
    const rows = await t.server.app.dataSource.query(`SELECT 1 FROM accounts WHERE email_normalized = $1`, [email]);
    expect(rows).toHaveLength(0);
  });

  it('refuses an invalid email and a blank organization name', async () => {
    expect(errorCode(await t.gql(SIGN_UP, { input: { email: 'not-an-email', password: PASSWORD, name: 'X', organizationName: 'Y' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(SIGN_UP, { input: { email: uniqueEmail(), password: PASSWORD, name: 'X', organizationName: '  ' } }))).toBe('BAD_USER_INPUT');
  });

  it('treats emails case-insensitively: the same address cannot sign up twice', async () => {
    const org = await signUpOrg(t);
    const result = await t.gql(SIGN_UP, { input: { email: org.owner.email.toUpperCase(), password: PASSWORD, name: 'X', organizationName: 'Y' } });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    ok(await t.gql(SIGN_IN, { input: { email: org.owner.email.toUpperCase(), password: PASSWORD } }));
  });

  it('stores passwords as argon2id hashes and session tokens only as hashes', async () => {
    const org = await signUpOrg(t);
    const [account] = await t.server.app.dataSource.query(`SELECT password_hash FROM accounts WHERE id = $1`, [org.owner.id]);
    expect(account.password_hash).toMatch(/^\$argon2id\$/);
    const sessions = await t.server.app.dataSource.query(`SELECT token_hash FROM sessions WHERE account_id = $1`, [org.owner.id]);
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) expect(s.token_hash).not.toContain(org.owner.token);
  });
});

describe('sign-in and sessions', () => {
  it('answers UNAUTHENTICATED without a credential or with an unknown one', async () => {
    expect(errorCode(await t.gql(ME))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(ME, {}, 'rgs_not-a-real-token'))).toBe('UNAUTHENTICATED');
  });

  it('signs in with the right password and refuses a wrong one without saying which part was wrong', async () => {
    const org = await signUpOrg(t);
    const session = ok(await t.gql(SIGN_IN, { input: { email: org.owner.email, password: PASSWORD } })).signIn;
    expect(session.organization.id).toBe(org.id);
    const wrong = await t.gql(SIGN_IN, { input: { email: org.owner.email, password: 'wrong password!' } });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    const unknown = await t.gql(SIGN_IN, { input: { email: uniqueEmail(), password: 'wrong password!' } });
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
  });

  it('rate-limits failed sign-ins per account, even with the right password afterwards', async () => {
    const org = await signUpOrg(t);
    for (let i = 0; i < 3; i++) {
      expect(errorCode(await t.gql(SIGN_IN, { input: { email: org.owner.email, password: 'wrong password!' } }))).toBe('UNAUTHENTICATED');
    }
    const limited = await t.gql(SIGN_IN, { input: { email: org.owner.email, password: PASSWORD } });
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // Another account from the same address is not affected by this account's limit.
    const other = await signUpOrg(t);
    ok(await t.gql(SIGN_IN, { input: { email: other.owner.email, password: PASSWORD } }));
  });

  it('ends a session at once on sign-out', async () => {
    const org = await signUpOrg(t);
    const { token } = ok(await t.gql(SIGN_IN, { input: { email: org.owner.email, password: PASSWORD } })).signIn;
    ok(await t.gql(ME, {}, token));
    expect(ok(await t.gql(`mutation { signOut }`, {}, token)).signOut).toBe(true);
    expect(errorCode(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
    // Other sessions of the account go on.
    ok(await t.gql(ME, {}, org.owner.token));
  });

  it('gives the web app an httpOnly SameSite cookie that authenticates later requests', async () => {
    const org = await signUpOrg(t);
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SIGN_IN, variables: { input: { email: org.owner.email, password: PASSWORD } } }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/rolegraph_session=rgs_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0] ?? '' },
      body: JSON.stringify({ query: ME }),
    });
    expect(((await me.json()) as { data: { me: { account: { id: string } } } }).data.me.account.id).toBe(org.owner.id);
  });

  it('expired sessions are refused', async () => {
    const org = await signUpOrg(t);
    const { token } = ok(await t.gql(SIGN_IN, { input: { email: org.owner.email, password: PASSWORD } })).signIn;
    await t.server.app.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE account_id = $1`, [org.owner.id]);
    expect(errorCode(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
  });
});

describe('several organizations', () => {
  it('lets one account belong to two organizations, sign in to either and switch', async () => {
    const first = await signUpOrg(t, 'owner-a', 'First');
    const second = await signUpOrg(t, 'owner-b', 'Second');
    // The owner of First is invited to Second and accepts while signed in.
    const invited = ok(
      await t.gql(
        `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`,
        { input: { email: first.owner.email, role: 'ADMIN' } },
        second.owner.token,
      ),
    );
    const token = decodeURIComponent(/#token=(.+)$/.exec(invited.inviteMember.acceptUrl)![1]!);
    const accepted = ok(
      await t.gql(
        `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token organization { id } } }`,
        { input: { token } },
        first.owner.token,
      ),
    );
    expect(accepted.acceptInvitation.organization.id).toBe(second.id);

    const me = ok(await t.gql(ME, {}, first.owner.token)).me;
    expect(me.organizations.map((o: { organization: { id: string }; role: string }) => [o.organization.id, o.role])).toEqual([
      [first.id, 'OWNER'],
      [second.id, 'ADMIN'],
    ]);
    const inSecond = ok(await t.gql(SIGN_IN, { input: { email: first.owner.email, password: PASSWORD, organizationId: second.id } })).signIn;
    expect(ok(await t.gql(ME, {}, inSecond.token)).me.role).toBe('ADMIN');

    const switched = ok(
      await t.gql(`mutation($id: ID!) { switchOrganization(organizationId: $id) { organization { id } role } }`, { id: second.id }, first.owner.token),
    );
    expect(switched.switchOrganization).toEqual({ organization: { id: second.id }, role: 'ADMIN' });
    expect(ok(await t.gql(ME, {}, first.owner.token)).me.organization.id).toBe(second.id);
  });

  it('cannot sign in to or switch to an organization the account does not belong to', async () => {
    const mine = await signUpOrg(t);
    const other = await signUpOrg(t);
    expect(errorCode(await t.gql(SIGN_IN, { input: { email: mine.owner.email, password: PASSWORD, organizationId: other.id } }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(`mutation($id: ID!) { switchOrganization(organizationId: $id) { role } }`, { id: other.id }, mine.owner.token))).toBe(
      'NOT_FOUND',
    );
  });

  it('a member who left keeps their account but loses access to the organization', async () => {
    const org = await signUpOrg(t);
    const user = await addMember(t, org, 'USER', 'leaver');
    ok(await t.gql(`mutation { leaveOrganization }`, {}, user.token));
    const me = ok(await t.gql(ME, {}, user.token)).me;
    expect(me.organization).toBeNull();
    expect(me.role).toBeNull();
    expect(errorCode(await t.gql(`{ members { totalCount } }`, {}, user.token))).toBe('FORBIDDEN');
  });
});
