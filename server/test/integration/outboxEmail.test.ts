import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { startTestServer, ok, type TestServer } from '../support/testServer';
import { PASSWORD, signUpOrg, tokenOf, uniqueEmail } from '../support/factories';

const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } acceptUrl } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { account { id } } }`;
const REMOVED = '[one-time link removed after delivery]';

/** A logger that keeps every line it writes, to read what reached the log. */
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

async function invite(t: TestServer, ownerToken: string, email: string): Promise<{ acceptUrl: string; token: string }> {
  const { acceptUrl } = ok(await t.gql(INVITE, { input: { email, role: 'USER' } }, ownerToken)).inviteMember;
  return { acceptUrl, token: tokenOf(acceptUrl) };
}

async function storedMail(t: TestServer, email: string): Promise<{ body: string; sent_at: Date | null }> {
  const rows = await t.server.app.dataSource.query(`SELECT body, sent_at FROM outbox_emails WHERE recipient = $1`, [email]);
  expect(rows).toHaveLength(1);
  return rows[0];
}

describe('invitation mail without SMTP', () => {
  const log = capturedLog();
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({}, { logger: log.logger });
  });
  afterAll(() => t.close());

  it('is stored without its live accept link, and the link (from the response) still works', async () => {
    const org = await signUpOrg(t);
    const email = uniqueEmail('invitee');
    const { token } = await invite(t, org.owner.token, email);
    const mail = await storedMail(t, email);
    expect(mail.body).not.toContain(token);
    expect(mail.body).toContain(`Accept the invitation: ${REMOVED}`);
    expect(mail.body).toMatch(/expires in 7 days/);
    ok(await t.gql(ACCEPT, { input: { token, name: 'Ivy', password: PASSWORD } }));
  });

  it('is noted in the log without its link', async () => {
    const org = await signUpOrg(t);
    const email = uniqueEmail('invitee');
    const { token } = await invite(t, org.owner.token, email);
    expect(log.text()).toContain(email);
    expect(log.text()).toMatch(/mail not sent: no SMTP configured/);
    expect(log.text()).not.toContain(token);
  });
});

describe('invitation mail without SMTP, with MAIL_LOG_LINKS on (a person running Rolegraph on their machine)', () => {
  const log = capturedLog();
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ MAIL_LOG_LINKS: 'true' }, { logger: log.logger });
  });
  afterAll(() => t.close());

  it('writes the mail with its link to the log, and still stores it without', async () => {
    const org = await signUpOrg(t);
    const email = uniqueEmail('invitee');
    const { acceptUrl, token } = await invite(t, org.owner.token, email);
    expect(log.text()).toContain(acceptUrl);
    expect((await storedMail(t, email)).body).not.toContain(token);
  });
});

describe('invitation mail by SMTP', () => {
  /** Each message the SMTP server accepted, by recipient, decoded from quoted-printable. */
  const received = new Map<string, string>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce-')) callback(new Error('550 no such mailbox'));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const text = Buffer.concat(chunks)
          .toString()
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        for (const to of session.envelope.rcptTo) received.set(to.address, text);
        callback();
      });
    },
  });
  let t: TestServer;
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    t = await startTestServer({ SMTP_URL: `smtp://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  it('delivers the accept link in the mail, and stores the mail as sent without it', async () => {
    const org = await signUpOrg(t);
    const email = uniqueEmail('invitee');
    const { acceptUrl, token } = await invite(t, org.owner.token, email);
    expect(received.get(email)).toContain(acceptUrl);
    const mail = await storedMail(t, email);
    expect(mail.sent_at).not.toBeNull();
    expect(mail.body).not.toContain(token);
    expect(mail.body).toContain(REMOVED);
  });

  it('keeps no link after a failed delivery either (the inviter has it from the response)', async () => {
    const org = await signUpOrg(t);
    const email = uniqueEmail('bounce-invitee');
    const { token } = await invite(t, org.owner.token, email);
    expect(received.has(email)).toBe(false);
    const mail = await storedMail(t, email);
    expect(mail.sent_at).toBeNull();
    expect(mail.body).not.toContain(token);
  });
});
