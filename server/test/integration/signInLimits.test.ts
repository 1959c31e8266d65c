import { randomInt } from 'node:crypto';
import { startDnsServer, type TestDnsServer } from '@rolegraph/test-support';
import { startTestServer, ok, errorCode, type GraphQLResult, type TestServer } from '../support/testServer';
import { PASSWORD, uniqueEmail } from '../support/factories';
import { liveClient, runOverSocket } from '../support/liveClient';
import { claimDomainDirectly } from '../support/ssoDomainClaims';

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token } }`;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token account { id } } }`;
const PER_ACCOUNT = 5;
const PER_ADDRESS = 10;
const SIGN_UPS_PER_ADDRESS = 3;

/**
 * Sign-in and sign-up limits under concurrency. The server trusts
 * X-Forwarded-For here, so each test comes from its own client address and
 * no test (on a shared PostgreSQL database) sees another's counts.
 */
let t: TestServer;
let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer();
  t = await startTestServer({
    DNS_SERVERS: dns.address,
    TRUST_PROXY: 'true',
    SIGN_IN_MAX_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
    SIGN_UP_MAX_PER_ADDRESS: String(SIGN_UPS_PER_ADDRESS),
  });
});
afterAll(async () => {
  await t.close();
  await dns.stop();
});

/** A client address in the documentation range (2001:db8::/32), different for each call. */
const run = randomInt(0x10000).toString(16);
let addresses = 0;
function newAddress(): string {
  addresses += 1;
  return `2001:db8:${run}::${addresses.toString(16)}`;
}

function from(address: string): Record<string, string> {
  return { 'x-forwarded-for': address };
}

async function signUp(address: string, email = uniqueEmail()): Promise<GraphQLResult> {
  return t.gql(SIGN_UP, { input: { email, password: PASSWORD, name: 'Pat', organizationName: 'Acme' } }, null, from(address));
}

function signIn(address: string, email: string, password: string): Promise<GraphQLResult> {
  return t.gql(SIGN_IN, { input: { email, password } }, null, from(address));
}

function codes(results: GraphQLResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) {
    const code = r.errors?.[0]?.extensions?.code ?? 'OK';
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

describe('sign-in limits under concurrent attempts', () => {
  it('checks at most the account limit of 25 concurrent wrong passwords, refuses the rest, and then refuses the right password until the window passes', async () => {
    const email = uniqueEmail('target');
    ok(await signUp(newAddress(), email));
    const attacker = newAddress();

    const results = await Promise.all(Array.from({ length: 25 }, () => signIn(attacker, email, 'wrong password!')));
    expect(codes(results)).toEqual({ UNAUTHENTICATED: PER_ACCOUNT, RATE_LIMITED: 25 - PER_ACCOUNT });

    // The owner, from another address, with the right password: still refused while the window lasts.
    const limited = await signIn(newAddress(), email, PASSWORD);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);

    // The window passes (moved back by its length): the right password works again.
    await t.server.app.dataSource.query(`UPDATE sign_in_failures SET window_started_at = window_started_at - make_interval(mins => 15) WHERE key = $1`, [
      `account:${email}`,
    ]);
    ok(await signIn(newAddress(), email, PASSWORD));
  });

  it('checks at most the address limit of concurrent wrong passwords for many accounts from one address', async () => {
    const attacker = newAddress();
    const results = await Promise.all(Array.from({ length: 25 }, () => signIn(attacker, uniqueEmail('nobody'), 'wrong password!')));
    expect(codes(results)).toEqual({ UNAUTHENTICATED: PER_ADDRESS, RATE_LIMITED: 25 - PER_ADDRESS });
  });

  it('does not count successful sign-ins against the address: an office behind one address can sign in all day', async () => {
    const office = newAddress();
    const email = uniqueEmail('colleague');
    ok(await signUp(newAddress(), email));
    for (let i = 0; i < PER_ADDRESS + 2; i++) ok(await signIn(office, email, PASSWORD));
    // Failures from that address still add up from zero.
    expect(errorCode(await signIn(office, email, 'wrong password!'))).toBe('UNAUTHENTICATED');
  });
});

describe('failures over the WebSocket', () => {
  const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`;

  it('count against the address the proxy forwarded on the upgrade request, as over HTTP', async () => {
    const signedUp = ok(await signUp(newAddress())).signUp as { token: string };
    const address = newAddress();
    const live = liveClient(t.url, signedUp.token, { headers: from(address) });
    try {
      await live.connected();
      const wrong = { input: { currentPassword: 'wrong password!', newPassword: 'a new password 123' } };
      const overSocket = [];
      for (let i = 0; i < PER_ACCOUNT; i++) overSocket.push(await runOverSocket(live.client, CHANGE_PASSWORD, wrong));
      expect(codes(overSocket)).toEqual({ BAD_USER_INPUT: PER_ACCOUNT });
    } finally {
      await live.dispose();
    }
    // The address has PER_ADDRESS - PER_ACCOUNT failures left, over HTTP too; another address has all of its own.
    const overHttp = [];
    for (let i = 0; i < PER_ADDRESS - PER_ACCOUNT + 2; i++) overHttp.push(await signIn(address, uniqueEmail('nobody'), 'wrong password!'));
    expect(codes(overHttp)).toEqual({ UNAUTHENTICATED: PER_ADDRESS - PER_ACCOUNT, RATE_LIMITED: 2 });
    expect(errorCode(await signIn(newAddress(), uniqueEmail('nobody'), 'wrong password!'))).toBe('UNAUTHENTICATED');
  });
});

describe('sign-up limit per address', () => {
  it('refuses sign-ups from an address beyond its limit, concurrent ones included, while other addresses sign up', async () => {
    const address = newAddress();
    const results = await Promise.all(Array.from({ length: SIGN_UPS_PER_ADDRESS + 4 }, () => signUp(address)));
    expect(codes(results)).toEqual({ OK: SIGN_UPS_PER_ADDRESS, RATE_LIMITED: 4 });
    const refused = results.find((r) => r.errors)!;
    expect(refused.errors?.[0]?.message).toMatch(/Too many sign-ups from this address/);
    ok(await signUp(newAddress()));
  });

  it('creates nothing for a refused sign-up', async () => {
    const address = newAddress();
    for (let i = 0; i < SIGN_UPS_PER_ADDRESS; i++) ok(await signUp(address));
    const email = uniqueEmail('late');
    expect(errorCode(await signUp(address, email))).toBe('RATE_LIMITED');
    expect(await t.server.app.dataSource.query(`SELECT 1 FROM accounts WHERE email_normalized = $1`, [email])).toHaveLength(0);
  });

  it('counts a signed-in account creating another organization under the same limit, concurrent ones included', async () => {
    const address = newAddress();
    const token = ok(await signUp(address)).signUp.token as string;
    const create = (name: string) =>
      t.gql(`mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { role } }`, { input: { name } }, token, from(address));
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => create(`Spare ${i}`)));
    expect(codes(results)).toEqual({ OK: SIGN_UPS_PER_ADDRESS - 1, RATE_LIMITED: 4 - (SIGN_UPS_PER_ADDRESS - 1) });
    expect(results.find((r) => r.errors)!.errors?.[0]?.message).toMatch(/Too many new organizations from this address/);
    expect(errorCode(await signUp(address))).toBe('RATE_LIMITED');
    // The refused ones created nothing: the account owns the organization it signed up with and the ones allowed.
    const mine = ok(await t.gql(`{ me { organizations { role } } }`, {}, token)).me.organizations;
    expect(mine).toHaveLength(SIGN_UPS_PER_ADDRESS);
  });
});

describe('sign-in method look-ups per address', () => {
  const METHOD = `query($email: String!) { signInMethod(email: $email) { singleSignOn } }`;
  const LOOKUPS_PER_ADDRESS = PER_ADDRESS * 10;

  it('answers ten times the sign-in failure limit per address, concurrent ones included, then RATE_LIMITED, while other addresses still look up', async () => {
    const address = newAddress();
    const results = await Promise.all(
      Array.from({ length: LOOKUPS_PER_ADDRESS + 5 }, (_, i) => t.gql(METHOD, { email: `someone-${i}@domain-${i}.test` }, null, from(address))),
    );
    expect(codes(results)).toEqual({ OK: LOOKUPS_PER_ADDRESS, RATE_LIMITED: 5 });
    expect(results.find((r) => r.errors)!.errors?.[0]?.message).toMatch(/Too many sign-in look-ups from this address/);
    ok(await t.gql(METHOD, { email: 'someone@example.com' }, null, from(newAddress())));
  });
});

describe('single sign-on starts per address', () => {
  const STARTS_PER_ADDRESS = PER_ADDRESS * 10;

  /** Where /auth/sso/start sends the browser, as the Location of its redirect. */
  async function startSso(address: string, email: string): Promise<URL> {
    const response = await fetch(`${t.url}/auth/sso/start?email=${encodeURIComponent(email)}`, { redirect: 'manual', headers: from(address) });
    expect(response.status).toBe(303);
    return new URL(response.headers.get('location')!, t.url);
  }

  it('answers ten times the sign-in failure limit per address, then sends the browser to the error page with RATE_LIMITED, while other addresses still start', async () => {
    const address = newAddress();
    const ends = await Promise.all(Array.from({ length: STARTS_PER_ADDRESS + 3 }, (_, i) => startSso(address, `someone-${i}@unclaimed-${i}.test`)));
    const reasons = ends.map((url) => url.searchParams.get('reason'));
    expect(reasons.filter((r) => r === 'NOT_CLAIMED')).toHaveLength(STARTS_PER_ADDRESS);
    expect(reasons.filter((r) => r === 'RATE_LIMITED')).toHaveLength(3);
    const limited = ends.find((url) => url.searchParams.get('reason') === 'RATE_LIMITED')!;
    expect(limited.pathname).toBe('/sso-error');
    expect(Number(limited.searchParams.get('retryAfterSeconds'))).toBeGreaterThan(0);
    expect((await startSso(newAddress(), 'someone@unclaimed.test')).searchParams.get('reason')).toBe('NOT_CLAIMED');
  });
});

describe('DNS look-ups for a claimed domain’s proof', () => {
  const VERIFY = `mutation($domain: String!) { verifySsoDomain(domain: $domain) { verified } }`;

  it('are counted per organization, concurrent ones included: the address limit of look-ups, then RATE_LIMITED without asking DNS', async () => {
    const owner = ok(await signUp(newAddress())).signUp;
    const organizationId: string = ok(await t.gql(`{ me { organization { id } } }`, {}, owner.token)).me.organization.id;
    const domain = `limited-${run}.test`;
    // A connection saved with a domain still pending (saving one through the API asks a live provider: sso.test.ts).
    await t.server.app.dataSource.query(
      `INSERT INTO sso_connections (organization_id, issuer, client_id) VALUES ($1, 'https://idp.example.test', 'rolegraph')`,
      [organizationId],
    );
    await claimDomainDirectly(t.server.app.dataSource, organizationId, domain);
    const asked = dns.questionsAnswered;
    const results = await Promise.all(Array.from({ length: PER_ADDRESS + 3 }, () => t.gql(VERIFY, { domain }, owner.token, from(newAddress()))));
    expect(codes(results)).toEqual({ BAD_USER_INPUT: PER_ADDRESS, RATE_LIMITED: 3 });
    expect(dns.questionsAnswered - asked).toBe(PER_ADDRESS);
  });
});
