import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { PASSWORD, createApiKey, signUpOrg, tokenOf, uniqueEmail, type TestOrg } from '../support/factories';
import { eventually } from '../support/eventually';
import { liveClient, runOverSocket } from '../support/liveClient';
import { claimDomainDirectly, verifyClaimsDirectly } from '../support/ssoDomainClaims';

const ME = `{ me { account { id email } } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token } }`;
const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`;
const REQUEST = `mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`;
const RESET = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { token account { id } organization { id } } }`;
const SESSIONS = `{ mySessions { id createdAt expiresAt current organization { id } } }`;
const END = `mutation($id: ID!) { endSession(id: $id) }`;
const EVERYWHERE = `mutation { signOutEverywhere }`;
const NEW_PASSWORD = 'a brand new passphrase';

/** A logger that keeps every line, to read the reset links a mail without SMTP writes there (MAIL_LOG_LINKS). */
function capturedLog(): { logger: pino.Logger; text(): string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), text: () => lines.join('') };
}

const log = capturedLog();
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ MAIL_LOG_LINKS: 'true', SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '3' }, { logger: log.logger });
});
afterAll(() => t.close());

async function signIn(email: string, password = PASSWORD): Promise<string> {
  return ok(await t.gql(SIGN_IN, { input: { email, password } })).signIn.token;
}

async function signsIn(email: string, password: string): Promise<boolean> {
  return !(await t.gql(SIGN_IN, { input: { email, password } })).errors;
}

async function isSignedIn(token: string): Promise<boolean> {
  const result = await t.gql(ME, {}, token);
  if (result.errors) expect(errorCode(result)).toBe('UNAUTHENTICATED');
  return !result.errors;
}

/** The reset tokens mailed to an address so far, oldest first (read from the log: the stored mail keeps no link). */
function resetTokensFor(email: string): string[] {
  return log
    .text()
    .split('\n')
    .filter((line) => line.includes(email) && line.includes('/reset-password#token='))
    .map((line) => decodeURIComponent(/#token=(rgr_[A-Za-z0-9_-]+)/.exec(line)![1]!));
}

async function mailReset(email: string): Promise<string> {
  expect(ok(await t.gql(REQUEST, { input: { email } })).requestPasswordReset).toBe(true);
  const tokens = resetTokensFor(email);
  expect(tokens.length).toBeGreaterThan(0);
  return tokens[tokens.length - 1]!;
}

async function promote(org: TestOrg, userId: string): Promise<void> {
  ok(await t.gql(`mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`, { input: { userId, role: 'OWNER' } }, org.owner.token));
}

describe('changePassword', () => {
  it('needs the current password; a wrong one or a short new one changes nothing', async () => {
    const org = await signUpOrg(t);
    const other = await signIn(org.owner.email);
    const wrong = await t.gql(CHANGE, { input: { currentPassword: 'not the password', newPassword: NEW_PASSWORD } }, org.owner.token);
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0]?.message).toMatch(/current password is not right/);
    expect(wrong.errors?.[0]?.extensions?.field).toBe('currentPassword');
    const short = await t.gql(CHANGE, { input: { currentPassword: PASSWORD, newPassword: 'short' } }, org.owner.token);
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    // The field the web app shows the message under: the input's own name for it.
    expect(short.errors?.[0]?.extensions?.field).toBe('newPassword');
    expect(await isSignedIn(other)).toBe(true);
    expect(await signsIn(org.owner.email, PASSWORD)).toBe(true);
    expect(await signsIn(org.owner.email, NEW_PASSWORD)).toBe(false);
  });

  it('replaces the password and ends every other session at once; this one stays', async () => {
    const org = await signUpOrg(t);
    const other = await signIn(org.owner.email);
    expect(ok(await t.gql(CHANGE, { input: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } }, org.owner.token)).changePassword).toBe(true);
    expect(await isSignedIn(org.owner.token)).toBe(true);
    expect(errorCode(await t.gql(ME, {}, other))).toBe('UNAUTHENTICATED');
    expect(await signsIn(org.owner.email, PASSWORD)).toBe(false);
    expect(await signsIn(org.owner.email, NEW_PASSWORD)).toBe(true);
  });

  it('counts wrong current passwords against the sign-in limit', async () => {
    const org = await signUpOrg(t);
    for (let i = 0; i < 3; i++) {
      expect(errorCode(await t.gql(CHANGE, { input: { currentPassword: `wrong ${i}`, newPassword: NEW_PASSWORD } }, org.owner.token))).toBe('BAD_USER_INPUT');
    }
    const limited = await t.gql(CHANGE, { input: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } }, org.owner.token);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    await t.server.app.dataSource.query(`DELETE FROM sign_in_failures WHERE key = $1`, [`account:${org.owner.email}`]);
    expect(await signsIn(org.owner.email, PASSWORD)).toBe(true);
  });

  it('is for signed-in people only: not anonymous callers, not API keys', async () => {
    const org = await signUpOrg(t);
    const input = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD };
    expect(errorCode(await t.gql(CHANGE, { input }))).toBe('UNAUTHENTICATED');
    const key = await createApiKey(t, org.owner.token, 'k', { directory: 'WRITE' });
    expect(errorCode(await t.gql(CHANGE, { input }, key))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(SESSIONS, {}, key))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(EVERYWHERE, {}, key))).toBe('FORBIDDEN');
    expect(await signsIn(org.owner.email, PASSWORD)).toBe(true);
  });
});

describe('forgotten password', () => {
  it('answers the same whether or not an account has the email, and mails only a real account', async () => {
    const org = await signUpOrg(t);
    const nobody = uniqueEmail('nobody');
    const known = await t.gql(REQUEST, { input: { email: org.owner.email } });
    const unknown = await t.gql(REQUEST, { input: { email: nobody } });
    expect(unknown).toEqual(known);
    expect(resetTokensFor(nobody)).toEqual([]);
    expect(await t.server.app.dataSource.query(`SELECT 1 FROM outbox_emails WHERE recipient = $1`, [nobody])).toHaveLength(0);
  });

  it('mails a single-use link; the stored mail keeps no token and the database only its hash', async () => {
    const org = await signUpOrg(t);
    const token = await mailReset(org.owner.email);
    const [mail] = await t.server.app.dataSource.query(`SELECT body FROM outbox_emails WHERE recipient = $1`, [org.owner.email]);
    expect(mail.body).not.toContain(token);
    expect(mail.body).toMatch(/expires in 60 minutes/);
    const rows = await t.server.app.dataSource.query(`SELECT token_hash FROM password_resets WHERE account_id = $1`, [org.owner.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
  });

  it('resets the password with the link, ends every session, opens a new one; the link then fails', async () => {
    const org = await signUpOrg(t);
    const other = await signIn(org.owner.email);
    const token = await mailReset(org.owner.email);
    const session = ok(await t.gql(RESET, { input: { token, newPassword: NEW_PASSWORD } })).resetPassword;
    expect(session.account.id).toBe(org.owner.id);
    expect(session.organization.id).toBe(org.id);
    expect(await isSignedIn(session.token)).toBe(true);
    expect(await isSignedIn(org.owner.token)).toBe(false);
    expect(await isSignedIn(other)).toBe(false);
    expect(await signsIn(org.owner.email, PASSWORD)).toBe(false);
    expect(await signsIn(org.owner.email, NEW_PASSWORD)).toBe(true);

    const again = await t.gql(RESET, { input: { token, newPassword: 'yet another passphrase' } });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toMatch(/used, has expired/);
    expect(await signsIn(org.owner.email, NEW_PASSWORD)).toBe(true);
  });

  it('where single sign-on is enforced on a verified domain: a member is mailed how to sign in, not a link (while it was pending, a link), and an earlier link is refused; an owner resets, audited', async () => {
    const db = t.server.app.dataSource;
    const org = await signUpOrg(t);
    const domain = `enforced-${randomUUID().slice(0, 8)}.test`;
    const join = async (email: string, role: 'USER' | 'ADMIN'): Promise<{ id: string; email: string }> => {
      const { acceptUrl } = ok(
        await t.gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`, { input: { email, role } }, org.owner.token),
      ).inviteMember;
      const accepted = ok(
        await t.gql(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { account { id } } }`, {
          input: { token: tokenOf(acceptUrl), name: email.split('@')[0], password: PASSWORD },
        }),
      ).acceptInvitation;
      return { id: accepted.account.id, email };
    };
    const member = await join(`pat@${domain}`, 'USER');
    const owner = await join(`olga@${domain}`, 'ADMIN');
    await promote(org, owner.id);
    // What configureSso and verifySsoDomain write with enforce on (saving one asks a live provider's discovery: sso.test.ts goes that way).
    await db.query(`INSERT INTO sso_connections (organization_id, issuer, client_id, enforce) VALUES ($1, 'https://idp.invalid', 'rolegraph', true)`, [org.id]);
    // Claimed but not proven yet: enforcement binds nobody, so the member is mailed a link as usual.
    await claimDomainDirectly(db, org.id, domain);
    const earlier = await mailReset(member.email);
    // Proven (verifySsoDomain, once it finds the DNS record): the claim becomes a verified domain.
    await verifyClaimsDirectly(db, org.id);
    try {
      const refused = await t.gql(RESET, { input: { token: earlier, newPassword: NEW_PASSWORD } });
      expect(errorCode(refused)).toBe('FORBIDDEN');
      expect(refused.errors?.[0]?.message).toMatch(/single sign-on/);
      expect(await signsIn(member.email, NEW_PASSWORD)).toBe(false);
      // Asked again: the same answer to the caller, a mail saying how to sign in, no new link.
      expect(ok(await t.gql(REQUEST, { input: { email: member.email } })).requestPasswordReset).toBe(true);
      expect(resetTokensFor(member.email)).toEqual([earlier]);
      const [mail] = await db.query(`SELECT body FROM outbox_emails WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1`, [member.email]);
      expect(mail.body).toMatch(/signs in with single sign-on/);
      // An owner keeps the password (break-glass): the reset lets them in, audited in the organization.
      const session = ok(await t.gql(RESET, { input: { token: await mailReset(owner.email), newPassword: NEW_PASSWORD } })).resetPassword;
      expect(await isSignedIn(session.token)).toBe(true);
      const audit = ok(await t.gql(`{ auditLog(first: 20) { edges { node { action actor { id } after } } } }`, {}, session.token)).auditLog.edges;
      expect(audit.map((e: any) => e.node)).toContainEqual(
        expect.objectContaining({
          action: 'sso.break_glass_sign_in',
          actor: expect.objectContaining({ id: owner.id }),
          after: expect.objectContaining({ method: 'password reset link' }),
        }),
      );
    } finally {
      await db.query(`DELETE FROM sso_connections WHERE organization_id = $1`, [org.id]);
    }
    // The refused link was never used: with enforcement gone it works.
    ok(await t.gql(RESET, { input: { token: earlier, newPassword: NEW_PASSWORD } }));
    expect(await signsIn(member.email, NEW_PASSWORD)).toBe(true);
  });

  it('refuses an expired link and changes nothing', async () => {
    const org = await signUpOrg(t);
    const token = await mailReset(org.owner.email);
    await t.server.app.dataSource.query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE account_id = $1`, [org.owner.id]);
    expect(errorCode(await t.gql(RESET, { input: { token, newPassword: NEW_PASSWORD } }))).toBe('BAD_USER_INPUT');
    expect(await isSignedIn(org.owner.token)).toBe(true);
    expect(await signsIn(org.owner.email, PASSWORD)).toBe(true);
  });

  it('a newer link replaces the older one', async () => {
    const org = await signUpOrg(t);
    const first = await mailReset(org.owner.email);
    const second = await mailReset(org.owner.email);
    expect(second).not.toBe(first);
    expect(errorCode(await t.gql(RESET, { input: { token: first, newPassword: NEW_PASSWORD } }))).toBe('BAD_USER_INPUT');
    ok(await t.gql(RESET, { input: { token: second, newPassword: NEW_PASSWORD } }));
  });

  it('refuses forged tokens, other kinds of token and a short password with a clear error, changing nothing', async () => {
    const org = await signUpOrg(t);
    const token = await mailReset(org.owner.email);
    for (const forged of ['', 'rgr_forged-token-of-the-right-shape-0000000000000', org.owner.token, `${token}x`, 'rgr_\u0000', 'x'.repeat(5000)]) {
      const result = await t.gql(RESET, { input: { token: forged, newPassword: NEW_PASSWORD } });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
    }
    const short = await t.gql(RESET, { input: { token, newPassword: 'short' } });
    expect({ code: errorCode(short), field: short.errors?.[0]?.extensions?.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    expect(await isSignedIn(org.owner.token)).toBe(true);
    // The link survived the refusals.
    ok(await t.gql(RESET, { input: { token, newPassword: NEW_PASSWORD } }));
  });

  it('lets only one of two simultaneous uses of a link succeed', async () => {
    const org = await signUpOrg(t);
    const token = await mailReset(org.owner.email);
    const results = await Promise.all([
      t.gql(RESET, { input: { token, newPassword: 'first simultaneous one' } }),
      t.gql(RESET, { input: { token, newPassword: 'second simultaneous one' } }),
    ]);
    expect(results.map((r) => (r.errors ? errorCode(r) : 'OK')).sort()).toEqual(['BAD_USER_INPUT', 'OK']);
    const winner = results.findIndex((r) => !r.errors);
    expect(await signsIn(org.owner.email, winner === 0 ? 'first simultaneous one' : 'second simultaneous one')).toBe(true);
  });

  it('is rate-limited per email, the same for an unknown email as for a known one', async () => {
    const org = await signUpOrg(t);
    const nobody = uniqueEmail('nobody');
    for (const email of [org.owner.email, nobody]) {
      for (let i = 0; i < 3; i++) ok(await t.gql(REQUEST, { input: { email } }));
      expect(errorCode(await t.gql(REQUEST, { input: { email } }))).toBe('RATE_LIMITED');
    }
    expect(resetTokensFor(org.owner.email)).toHaveLength(3);
  });

  it('refuses an empty or oversized email with BAD_USER_INPUT', async () => {
    expect(errorCode(await t.gql(REQUEST, { input: { email: '   ' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(REQUEST, { input: { email: `${'a'.repeat(400)}@example.test` } }))).toBe('BAD_USER_INPUT');
  });
});

describe('my sessions', () => {
  it('lists my sessions with the current one marked, and nobody else’s', async () => {
    const org = await signUpOrg(t);
    const stranger = await signUpOrg(t);
    const second = await signIn(org.owner.email);
    const sessions = ok(await t.gql(SESSIONS, {}, org.owner.token)).mySessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(sessions.every((s: { organization: { id: string } }) => s.organization.id === org.id)).toBe(true);
    const fromSecond = ok(await t.gql(SESSIONS, {}, second)).mySessions;
    expect(fromSecond.find((s: { current: boolean }) => s.current).id).not.toBe(sessions.find((s: { current: boolean }) => s.current).id);
    expect(ok(await t.gql(SESSIONS, {}, stranger.owner.token)).mySessions).toHaveLength(1);
    expect(errorCode(await t.gql(SESSIONS))).toBe('UNAUTHENTICATED');
  });

  it('says where each session was opened: the browser that signed in and its address, a hostile User-Agent kept to one readable line', async () => {
    const org = await signUpOrg(t);
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0';
    const signInWith = async (userAgent: string) =>
      ok(await t.gql(SIGN_IN, { input: { email: org.owner.email, password: PASSWORD } }, undefined, { 'user-agent': userAgent })).signIn.token as string;
    const fromFirefox = await signInWith(firefox);
    // A tab and a C1 control (NEL) as raw header bytes, and far too long.
    await signInWith(`Evil\tbrowser\u0085${'x'.repeat(2000)}`);
    const ORIGINS = `{ mySessions { current userAgent clientAddress } }`;
    const sessions: { current: boolean; userAgent: string | null; clientAddress: string | null }[] = ok(await t.gql(ORIGINS, {}, fromFirefox)).mySessions;
    expect(sessions).toHaveLength(3);
    expect(sessions.find((s) => s.current)!.userAgent).toBe(firefox);
    expect(sessions[0]!.userAgent).toBe(`Evil browser ${'x'.repeat(499)}`);
    expect(sessions[0]!.userAgent).toHaveLength(512);
    // The sign-up's own session too; every one from this machine's address.
    expect(sessions[2]!.userAgent).toEqual(expect.any(String));
    expect(sessions.every((s) => /127\.0\.0\.1$/.test(s.clientAddress ?? ''))).toBe(true);
  });

  it('over a WebSocket too: a session signed in there says the browser of the socket’s upgrade request', async () => {
    const org = await signUpOrg(t);
    const safari = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';
    const socket = liveClient(t.url, org.owner.token, { headers: { 'user-agent': safari } });
    try {
      await socket.connected();
      const signedIn = await runOverSocket(socket.client, SIGN_IN, { input: { email: org.owner.email, password: PASSWORD } });
      const token = (signedIn.data as { signIn: { token: string } }).signIn.token;
      const sessions = ok(await t.gql(`{ mySessions { current userAgent } }`, {}, token)).mySessions;
      expect(sessions.find((s: { current: boolean }) => s.current).userAgent).toBe(safari);
    } finally {
      await socket.client.dispose();
    }
  });

  it('says when each session was last used, written again at most once a minute', async () => {
    const org = await signUpOrg(t);
    const second = await signIn(org.owner.email);
    const LAST_USED = `{ mySessions { current createdAt lastUsedAt } }`;
    const [newest] = ok(await t.gql(LAST_USED, {}, second)).mySessions;
    expect(Date.parse(newest.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(newest.createdAt) - 1000);
    // Used two hours ago, last: the next request records now.
    await t.server.app.dataSource.query(`UPDATE sessions SET last_used_at = now() - interval '2 hours' WHERE account_id = $1`, [org.owner.id]);
    const before = Date.now();
    // Recorded beside the request, not before it.
    const sessions = await eventually('the session’s use recorded', async () => {
      const listed: { current: boolean; lastUsedAt: string }[] = ok(await t.gql(LAST_USED, {}, second)).mySessions;
      return Date.parse(listed.find((s) => s.current)!.lastUsedAt) >= before - 1000 ? listed : undefined;
    });
    // The other one, not used since, still reads two hours ago.
    expect(Date.parse(sessions.find((s) => !s.current)!.lastUsedAt)).toBeLessThan(before - 3_600_000);
    // Within the minute, a request writes nothing.
    await t.server.app.dataSource.query(`UPDATE sessions SET last_used_at = now() - interval '30 seconds' WHERE account_id = $1`, [org.owner.id]);
    ok(await t.gql(LAST_USED, {}, second));
    await new Promise((resolve) => setTimeout(resolve, 500)); // time for a write, had one been made beside that request
    const recorded = ok(await t.gql(LAST_USED, {}, second)).mySessions.find((s: { current: boolean }) => s.current).lastUsedAt;
    expect(Date.parse(recorded)).toBeLessThan(Date.now() - 20_000);
  });

  it('ends one session at once; another account’s session is not found and stays', async () => {
    const org = await signUpOrg(t);
    const stranger = await signUpOrg(t);
    const second = await signIn(org.owner.email);
    const secondId = ok(await t.gql(SESSIONS, {}, second)).mySessions.find((s: { current: boolean }) => s.current).id;
    const strangerId = ok(await t.gql(SESSIONS, {}, stranger.owner.token)).mySessions[0].id;
    expect(errorCode(await t.gql(END, { id: strangerId }, org.owner.token))).toBe('NOT_FOUND');
    expect(await isSignedIn(stranger.owner.token)).toBe(true);
    expect(errorCode(await t.gql(END, { id: 'not-an-id' }, org.owner.token))).toBe('NOT_FOUND');
    expect(ok(await t.gql(END, { id: secondId }, org.owner.token)).endSession).toBe(true);
    expect(await isSignedIn(second)).toBe(false);
    expect(await isSignedIn(org.owner.token)).toBe(true);
    expect(errorCode(await t.gql(END, { id: secondId }, org.owner.token))).toBe('NOT_FOUND');
  });

  it('signs out everywhere: every session ends, this one included; other accounts keep theirs', async () => {
    const org = await signUpOrg(t);
    const stranger = await signUpOrg(t);
    const second = await signIn(org.owner.email);
    expect(ok(await t.gql(EVERYWHERE, {}, org.owner.token)).signOutEverywhere).toBe(true);
    expect(await isSignedIn(org.owner.token)).toBe(false);
    expect(await isSignedIn(second)).toBe(false);
    expect(await isSignedIn(stranger.owner.token)).toBe(true);
  });
});
