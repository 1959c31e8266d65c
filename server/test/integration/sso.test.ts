import fs from 'node:fs';
import {
  RedirectWalker,
  errorCode,
  makeTestCertificates,
  ok,
  startOpenIdProvider,
  startDnsServer,
  startServerProcess,
  type OpenIdProviderProcess,
  type TestDnsServer,
  type ServerProcess,
  type TestCertificates,
} from '@rolegraph/test-support';
import { PASSWORD, addMember, createResource, createTeam, grant, signUpOrg, uniqueEmail, type TestOrg } from '../support/factories';
import { TEST_SECRET_KEY } from '../support/testSecretKey';
import { liveClient, settle } from '../support/liveClient';

/*
 * Single sign-on against a real OpenID provider (oidc-provider, its own
 * process, https with a certificate authority made for the run, its own
 * signing keys), with Rolegraph as its own process trusting that authority
 * through NODE_EXTRA_CA_CERTS — no insecure switch anywhere. Sign-ins are
 * walked through the redirects the way a browser follows them.
 */

const CONFIGURE = `mutation($input: ConfigureSsoInput!) { configureSso(input: $input) { issuer clientId hasClientSecret domains defaultRole enforce redirectUri scimUrl teamMappings { group teamId } } }`;
const CONNECTION = `{ ssoConnection { issuer hasClientSecret domains enforce } }`;
const ME = `{ me { account { id email } organization { id } role } }`;
const MEMBER_TEAMS = `query($id: ID!) { member(id: $id) { role teams { id } } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token } }`;
const AUDIT = `query { auditLog(first: 100) { edges { node { action } } } }`;

let tls: TestCertificates;
let dns: TestDnsServer;
let server: ServerProcess;
let provider: OpenIdProviderProcess;
let org: TestOrg;
let dataTeam: string;
let domain: string;
let subjects = 0;

const callbackPrefix = () => `${server.url}/auth/sso/callback`;

beforeAll(async () => {
  tls = makeTestCertificates();
  dns = await startDnsServer();
  server = await startServerProcess({
    env: (url) => ({
      PUBLIC_URL: url,
      DNS_SERVERS: dns.address,
      NODE_EXTRA_CA_CERTS: tls.ca,
      ROLEGRAPH_DATA_DIR: 'memory://',
      ROLEGRAPH_SECRET_KEY: TEST_SECRET_KEY,
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      SIGN_UP_MAX_PER_ADDRESS: '1000000',
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '1000000',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    }),
  });
  provider = await startOpenIdProvider(tls, [`${server.url}/auth/sso/callback`]);
  org = await signUpOrg(server, 'hana', 'Acme SSO');
  dataTeam = await createTeam(server, org.owner.token, 'Data');
  domain = `sso-${Math.random().toString(36).slice(2, 8)}.test`;
  ok(
    await server.gql(
      CONFIGURE,
      {
        input: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          domains: [domain],
          defaultRole: 'USER',
          enforce: false,
          teamMappings: [{ group: 'data-team', teamId: dataTeam }],
        },
      },
      org.owner.token,
    ),
  );
  await proveDomain(org.owner.token, domain);
}, 120_000);

afterAll(async () => {
  await provider?.stop();
  await server?.stop();
  await dns?.stop();
  tls?.remove();
});

const CLAIMS = `{ ssoConnection { domainClaims { domain verified verifiedAt recordName recordValue } } }`;
const VERIFY = `mutation($domain: String!) { verifySsoDomain(domain: $domain) { domain verified verifiedAt recordName recordValue } }`;

interface DomainClaim {
  domain: string;
  verified: boolean;
  verifiedAt: string | null;
  recordName: string;
  recordValue: string;
}

async function claimOf(token: string, claimed: string): Promise<DomainClaim> {
  const claims: DomainClaim[] = ok(await server.gql(CLAIMS, {}, token)).ssoConnection.domainClaims;
  const claim = claims.find((c) => c.domain === claimed);
  if (!claim) throw new Error(`${claimed} is not claimed`);
  return claim;
}

/** What the domain's owner does: publishes the record the settings show, then asks Rolegraph to look. */
async function proveDomain(token: string, claimed: string): Promise<DomainClaim> {
  const claim = await claimOf(token, claimed);
  dns.setTxt(claim.recordName, claim.recordValue);
  return ok(await server.gql(VERIFY, { domain: claimed }, token)).verifySsoDomain;
}

/** Walks a sign-in from the start URL to Rolegraph's answer; returns where it ended and the session cookie, if any. */
async function signInWithSso(email: string, options: { stopAtCallback?: boolean } = {}): Promise<{ url: string; session?: string; walker: RedirectWalker }> {
  const walker = new RedirectWalker(fs.readFileSync(tls.ca));
  const host = new URL(server.url).host;
  const done = await walker.follow(`${server.url}/auth/sso/start?email=${encodeURIComponent(email)}`, (url) =>
    options.stopAtCallback ? url.startsWith(callbackPrefix()) : url.startsWith(server.url) && !url.startsWith(`${server.url}/auth/sso/`),
  );
  return { url: done.url, session: walker.cookie(host, 'rolegraph_session'), walker };
}

async function person(
  local: string,
  extra: { email_verified?: boolean; groups?: string[]; email?: string; login_hint?: string; name?: string } = {},
): Promise<string> {
  const email = extra.email ?? `${local}-${++subjects}@${domain}`;
  await provider.addPerson({
    sub: `sub-${local}-${subjects}-${Date.now()}`,
    email,
    email_verified: extra.email_verified ?? true,
    name: extra.name ?? local,
    groups: extra.groups,
    login_hint: extra.login_hint,
  });
  return extra.login_hint ?? email;
}

async function auditActions(): Promise<string[]> {
  return ok(await server.gql(AUDIT, {}, org.owner.token)).auditLog.edges.map((e: { node: { action: string } }) => e.node.action);
}

describe('the connection', () => {
  it('is for owners; the client secret is never returned', async () => {
    const connection = ok(await server.gql(CONNECTION, {}, org.owner.token)).ssoConnection;
    expect(connection).toEqual({ issuer: provider.issuer, hasClientSecret: true, domains: [domain], enforce: false });
    const admin = await addMember(server, org, 'ADMIN', 'admin');
    expect(errorCode(await server.gql(CONNECTION, {}, admin.token))).toBe('FORBIDDEN');
    const body = JSON.stringify(
      await server.gql(
        CONFIGURE,
        {
          input: {
            issuer: provider.issuer,
            clientId: provider.clientId,
            domains: [domain],
            defaultRole: 'USER',
            enforce: false,
            teamMappings: [{ group: 'data-team', teamId: dataTeam }],
          },
        },
        org.owner.token,
      ),
    );
    expect(body).not.toContain(provider.clientSecret);
  });

  it('is checked by discovery before it is saved, and refuses what it cannot use, changing nothing', async () => {
    const base = { clientId: provider.clientId, clientSecret: provider.clientSecret, domains: [domain], defaultRole: 'USER', enforce: false };
    const bad = [
      { ...base, issuer: 'https://127.0.0.1:1' },
      { ...base, issuer: `http://localhost:${new URL(provider.issuer).port}` },
      { ...base, issuer: provider.issuer, defaultRole: 'OWNER' },
      { ...base, issuer: provider.issuer, domains: ['not a domain'] },
      { ...base, issuer: provider.issuer, domains: [] },
      { ...base, issuer: provider.issuer, domains: [domain, 'GMail.com'] },
    ];
    for (const input of bad) {
      const result = await server.gql(CONFIGURE, { input }, org.owner.token);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
    }
    const publicService = await server.gql(CONFIGURE, { input: { ...base, issuer: provider.issuer, domains: ['outlook.com'] } }, org.owner.token);
    expect(publicService.errors?.[0]?.message).toBe(
      'outlook.com is a public email service: anyone may have an address there, so no organization can claim it.',
    );
    expect(ok(await server.gql(CONNECTION, {}, org.owner.token)).ssoConnection.issuer).toBe(provider.issuer);
  });

  it('is verified by one organization only: another may not claim a domain once it is verified', async () => {
    const other = await signUpOrg(server, 'other');
    const result = await server.gql(
      CONFIGURE,
      {
        input: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          domains: [domain],
          defaultRole: 'USER',
          enforce: false,
        },
      },
      other.owner.token,
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe(`Already verified by another organization: ${domain}.`);
  });
});

describe('proving a claimed domain with a DNS TXT record', () => {
  const METHOD = `query($email: String!) { signInMethod(email: $email) { singleSignOn enforced } }`;
  const base = () => ({ issuer: provider.issuer, clientId: provider.clientId, defaultRole: 'USER', teamMappings: [{ group: 'data-team', teamId: dataTeam }] });
  const fresh = () => `proof-${Math.random().toString(36).slice(2, 8)}.test`;

  it('a new domain is pending and does nothing: no sign-in goes to the provider until its record is found', async () => {
    const pending = fresh();
    ok(await server.gql(CONFIGURE, { input: { ...base(), domains: [domain, pending], enforce: false } }, org.owner.token));
    const claim = await claimOf(org.owner.token, pending);
    expect(claim).toEqual({
      domain: pending,
      verified: false,
      verifiedAt: null,
      recordName: `_rolegraph-challenge.${pending}`,
      recordValue: expect.stringMatching(/^rolegraph-domain-verification=[0-9a-f]{32}$/),
    });
    // The domain already verified keeps its verification through the save.
    expect((await claimOf(org.owner.token, domain)).verified).toBe(true);
    expect(ok(await server.gql(METHOD, { email: `someone@${pending}` })).signInMethod).toEqual({ singleSignOn: false, enforced: false });
    const email = await person('pending', { email: `pending-${Date.now()}@${pending}` });
    expect((await signInWithSso(email)).url).toBe(`${server.url}/sso-error?reason=NOT_CLAIMED`);

    const verified = await proveDomain(org.owner.token, pending);
    expect(verified).toMatchObject({ domain: pending, verified: true, verifiedAt: expect.any(String) });
    expect(ok(await server.gql(METHOD, { email: `someone@${pending}` })).signInMethod).toEqual({ singleSignOn: true, enforced: false });
    expect((await signInWithSso(email)).session).toBeDefined();
    expect(await auditActions()).toContain('sso.domain_verified');
    // Asked again, it is verified already: the same answer, no second entry.
    ok(await server.gql(VERIFY, { domain: pending.toUpperCase() }, org.owner.token));
    expect((await auditActions()).filter((a) => a === 'sso.domain_verified')).toHaveLength(2); // this domain's and the first one's
  });

  it('without the record, with another value, or when DNS fails: BAD_USER_INPUT saying what DNS answered, nothing changed', async () => {
    const pending = fresh();
    ok(await server.gql(CONFIGURE, { input: { ...base(), domains: [domain, pending], enforce: false } }, org.owner.token));
    const claim = await claimOf(org.owner.token, pending);
    const before = await auditActions();

    const absent = await server.gql(VERIFY, { domain: pending }, org.owner.token);
    expect(errorCode(absent)).toBe('BAD_USER_INPUT');
    expect(absent.errors?.[0]?.message).toMatch(new RegExp(`^No TXT record at _rolegraph-challenge\\.${pending.replace('.', '\\.')} yet`));

    dns.setTxt(claim.recordName, 'rolegraph-domain-verification=0123456789abcdef0123456789abcdef', 'v=spf1 -all');
    const other = await server.gql(VERIFY, { domain: pending }, org.owner.token);
    expect(errorCode(other)).toBe('BAD_USER_INPUT');
    expect(other.errors?.[0]?.message).toContain('holds "rolegraph-domain-verification=0123456789abcdef0123456789abcdef", not this organization’s value');

    dns.failFor(claim.recordName);
    const failing = await server.gql(VERIFY, { domain: pending }, org.owner.token);
    expect(errorCode(failing)).toBe('BAD_USER_INPUT');
    expect(failing.errors?.[0]?.message).toMatch(/^DNS did not answer for .* \(ESERVFAIL\)\. Try again in a minute\.$/);

    expect(await claimOf(org.owner.token, pending)).toEqual(claim);
    expect(await auditActions()).toEqual(before);
  });

  it('answers NOT_FOUND for a domain the organization does not claim, BAD_USER_INPUT for what is not a domain, FORBIDDEN to admins', async () => {
    expect(errorCode(await server.gql(VERIFY, { domain: fresh() }, org.owner.token))).toBe('NOT_FOUND');
    for (const bad of ['not a domain', `${domain}\u0000`, 'x'.repeat(300)]) {
      const refused = await server.gql(VERIFY, { domain: bad }, org.owner.token);
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.extensions?.field).toMatch(/(^|\.)domain$/);
    }
    const admin = await addMember(server, org, 'ADMIN', 'dns-admin');
    expect(errorCode(await server.gql(VERIFY, { domain }, admin.token))).toBe('FORBIDDEN');
  });

  it('the record proves one organization’s claim only: another organization’s pending claim needs its own, and loses once one is verified', async () => {
    const contested = fresh();
    const other = await signUpOrg(server, 'contender');
    const otherConnection = { ...base(), clientSecret: provider.clientSecret, teamMappings: [], domains: [contested], enforce: false };
    ok(await server.gql(CONFIGURE, { input: otherConnection }, other.owner.token));
    ok(await server.gql(CONFIGURE, { input: { ...base(), domains: [domain, contested], enforce: false } }, org.owner.token));
    const ours = await claimOf(org.owner.token, contested);
    const theirs = await claimOf(other.owner.token, contested);
    expect(theirs.recordValue).not.toBe(ours.recordValue);

    // Only our value is published: their claim cannot be proven with it.
    dns.setTxt(ours.recordName, ours.recordValue);
    expect(errorCode(await server.gql(VERIFY, { domain: contested }, other.owner.token))).toBe('BAD_USER_INPUT');
    expect((await claimOf(org.owner.token, contested)).verified).toBe(false);
    ok(await server.gql(VERIFY, { domain: contested }, org.owner.token));

    // Now theirs fails even with their own value published beside ours.
    dns.setTxt(ours.recordName, ours.recordValue, theirs.recordValue);
    const lost = await server.gql(VERIFY, { domain: contested }, other.owner.token);
    expect(errorCode(lost)).toBe('BAD_USER_INPUT');
    expect(lost.errors?.[0]?.message).toBe(`${contested} is already verified by another organization.`);
    expect((await claimOf(other.owner.token, contested)).verified).toBe(false);
  });

  it('two look-ups at once that both find the record: both answer verified, one audit entry', async () => {
    const twice = fresh();
    ok(await server.gql(CONFIGURE, { input: { ...base(), domains: [domain, twice], enforce: false } }, org.owner.token));
    const claim = await claimOf(org.owner.token, twice);
    dns.setTxt(claim.recordName, claim.recordValue);
    const entries = (await auditActions()).filter((a) => a === 'sso.domain_verified').length;
    const answers = await Promise.all([1, 2, 3].map(() => server.gql(VERIFY, { domain: twice }, org.owner.token)));
    expect(answers.map((a) => ok(a).verifySsoDomain.verified)).toEqual([true, true, true]);
    expect(new Set(answers.map((a) => ok(a).verifySsoDomain.verifiedAt)).size).toBe(1);
    expect((await auditActions()).filter((a) => a === 'sso.domain_verified')).toHaveLength(entries + 1);
  });

  it('two organizations verifying one domain at the same instant: exactly one holds it, the other is told', async () => {
    const raced = fresh();
    const other = await signUpOrg(server, 'racer');
    ok(
      await server.gql(
        CONFIGURE,
        { input: { ...base(), clientSecret: provider.clientSecret, teamMappings: [], domains: [raced], enforce: false } },
        other.owner.token,
      ),
    );
    ok(await server.gql(CONFIGURE, { input: { ...base(), domains: [domain, raced], enforce: false } }, org.owner.token));
    const ours = await claimOf(org.owner.token, raced);
    const theirs = await claimOf(other.owner.token, raced);
    dns.setTxt(ours.recordName, ours.recordValue, theirs.recordValue);
    // On PostgreSQL the two commands may overlap: the later insert breaks sso_domains' primary key and its command runs
    // again, to be refused by the "verified by another organization" check. The embedded database runs them one after
    // the other, so there only that check answers. Either way the outcome below holds.
    const [a, b] = await Promise.all([server.gql(VERIFY, { domain: raced }, org.owner.token), server.gql(VERIFY, { domain: raced }, other.owner.token)]);
    const won = [a, b].filter((r) => !r.errors);
    const lost = [a, b].filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost.map((r) => [errorCode(r), r.errors?.[0]?.message])).toEqual([['BAD_USER_INPUT', `${raced} is already verified by another organization.`]]);
    const holders = [(await claimOf(org.owner.token, raced)).verified, (await claimOf(other.owner.token, raced)).verified];
    expect(holders.filter(Boolean)).toHaveLength(1);
  });

  it('a domain dropped and claimed again starts over, with a new value', async () => {
    const again = fresh();
    ok(await server.gql(CONFIGURE, { input: { ...base(), domains: [domain, again], enforce: false } }, org.owner.token));
    const first = await proveDomain(org.owner.token, again);
    ok(await server.gql(CONFIGURE, { input: { ...base(), domains: [domain], enforce: false } }, org.owner.token));
    ok(await server.gql(CONFIGURE, { input: { ...base(), domains: [domain, again], enforce: false } }, org.owner.token));
    const second = await claimOf(org.owner.token, again);
    expect(second.verified).toBe(false);
    expect(second.recordValue).not.toBe(first.recordValue);
  });
});

describe('how an email signs in (the sign-in page asks first)', () => {
  const METHOD = `query($email: String!) { signInMethod(email: $email) { singleSignOn providerName enforced } }`;

  it('answers for the claimed domain, the same for an email with an account and one without', async () => {
    const providerName = new URL(provider.issuer).hostname;
    const withAccount = ok(await server.gql(METHOD, { email: org.owner.email })).signInMethod;
    expect(withAccount).toEqual({ singleSignOn: false, providerName: null, enforced: false });
    const claimed = ok(await server.gql(METHOD, { email: `Nobody-Here@${domain.toUpperCase()}` })).signInMethod;
    expect(claimed).toEqual({ singleSignOn: true, providerName, enforced: false });
    const email = await person('method');
    ok(await server.gql(ME, {}, (await signInWithSso(email)).session));
    expect(ok(await server.gql(METHOD, { email })).signInMethod).toEqual(claimed);
    expect(ok(await server.gql(METHOD, { email: uniqueEmail('unclaimed') })).signInMethod).toEqual(withAccount);
  });

  it('refuses what is not an email, with BAD_USER_INPUT', async () => {
    for (const email of ['', 'no-at-sign', '@nodomain.test', 'trailing@', `nul\u0000@${domain}`, `${'a'.repeat(320)}@${domain}`]) {
      expect(errorCode(await server.gql(METHOD, { email }))).toBe('BAD_USER_INPUT');
    }
  });
});

describe('signing in', () => {
  it('a new person gets an account and a USER membership, in the mapped team, audited', async () => {
    const email = await person('ann', { groups: ['data-team', 'unmapped'] });
    const { url, session } = await signInWithSso(email);
    expect(url).toBe(`${server.url}/`);
    expect(session).toBeDefined();
    const me = ok(await server.gql(ME, {}, session)).me;
    expect(me).toMatchObject({ account: { email }, organization: { id: org.id }, role: 'USER' });
    const member = ok(await server.gql(MEMBER_TEAMS, { id: me.account.id }, org.owner.token)).member;
    expect(member.teams.map((t: { id: string }) => t.id)).toEqual([dataTeam]);
    expect(await auditActions()).toEqual(expect.arrayContaining(['member.joined_by_sso', 'sso.signed_in']));
  });

  it('a mapped team joined at sign-in tells those watching what the team’s grants reach, and those following the directory', async () => {
    const project = await createResource(server, org.owner.token, { type: 'PROJECT', name: 'Mapped work' });
    const assistant = await createResource(server, org.owner.token, { type: 'ASSISTANT', name: 'Mapped bot', parentId: project, status: 'LIVE' });
    await grant(server, org.owner.token, project, { teamId: dataTeam }, 'MEMBER');
    const live = liveClient(server.url, org.owner.token);
    try {
      await live.connected();
      const changes = live.subscribe<{ access: { userId: string }[] }>(
        `subscription($id: ID!) { resourceAccessChanged(resourceId: $id) { access { userId } } }`,
        { id: assistant },
      );
      const directory = live.subscribe<{ change: string; userId: string | null; teamId: string | null }>(
        `subscription { directoryChanged { change userId teamId } }`,
      );
      await settle(200);
      const email = await person('cleo', { groups: ['data-team'] });
      const { session } = await signInWithSso(email);
      const me = ok(await server.gql(ME, {}, session)).me;
      await changes.next((change) => change.access.some((a) => a.userId === me.account.id));
      await directory.next((e) => e.change === 'MEMBER_JOINED' && e.userId === me.account.id);
      await directory.next((e) => e.change === 'TEAM_MEMBERS_CHANGED' && e.teamId === dataTeam);
    } finally {
      await live.dispose();
    }
  });

  it('takes the provider’s name as one readable line: text-direction controls and line breaks are dropped', async () => {
    const email = await person('dana', { name: 'Dana\u202E Lee\n(Finance)' });
    const { session } = await signInWithSso(email);
    expect(ok(await server.gql(`{ me { account { name } } }`, {}, session)).me.account.name).toBe('Dana Lee (Finance)');
  });

  it('links a member’s existing account on its first sign-in, and the team follows the claim each time', async () => {
    const email = `bob-${++subjects}@${domain}`;
    // Bob joined by invitation with a password, before the organization turned single sign-on on.
    const invited = ok(
      await server.gql(
        `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`,
        { input: { email, role: 'USER' } },
        org.owner.token,
      ),
    );
    const token = decodeURIComponent(/#token=([^&]+)/.exec(invited.inviteMember.acceptUrl)![1]!);
    const bobId = ok(
      await server.gql(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { account { id } } }`, {
        input: { token, name: 'Bob', password: PASSWORD },
      }),
    ).acceptInvitation.account.id;
    const sub = `sub-bob-${Date.now()}`;
    await provider.addPerson({ sub, email, email_verified: true, name: 'Bob', groups: ['data-team'] });
    const first = await signInWithSso(email);
    const me = ok(await server.gql(ME, {}, first.session)).me;
    expect(me.account.id).toBe(bobId);
    expect(me.organization.id).toBe(org.id);
    expect(ok(await server.gql(MEMBER_TEAMS, { id: bobId }, org.owner.token)).member.teams).toHaveLength(1);
    // The same account, now without the group: out of the mapped team at the next sign-in.
    await provider.addPerson({ sub, email, email_verified: true, name: 'Bob', groups: [] });
    const second = await signInWithSso(email);
    expect(ok(await server.gql(ME, {}, second.session)).me.account.id).toBe(bobId);
    expect(ok(await server.gql(MEMBER_TEAMS, { id: bobId }, org.owner.token)).member.teams).toEqual([]);
    // Password sign-in still works while SSO is not enforced.
    ok(await server.gql(SIGN_IN, { input: { email, password: PASSWORD } }));
  });

  it('never links an account that belongs to another organization (the provider would sign in as that person there)', async () => {
    const email = `cleo-${++subjects}@${domain}`;
    const own = ok(
      await server.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { token organization { id } } }`, {
        input: { email, password: PASSWORD, name: 'Cleo', organizationName: 'Cleo Co' },
      }),
    ).signUp;
    await provider.addPerson({ sub: `sub-cleo-${Date.now()}`, email, email_verified: true, name: 'Cleo' });
    const refused = await signInWithSso(email);
    expect(refused.url).toBe(`${server.url}/sso-error?reason=ACCOUNT_ELSEWHERE`);
    expect(refused.session).toBeUndefined();
    const mine = ok(await server.gql(`{ me { organizations { organization { id } } } }`, {}, own.token)).me.organizations;
    expect(mine.map((o: { organization: { id: string } }) => o.organization.id)).toEqual([own.organization.id]);
  });
});

describe('refused sign-ins change nothing', () => {
  it('an unclaimed domain, an unverified email, or an email outside the claimed domains', async () => {
    expect((await signInWithSso(uniqueEmail('nobody'))).url).toBe(`${server.url}/sso-error?reason=NOT_CLAIMED`);
    const unverified = await person('unverified', { email_verified: false });
    const refused = await signInWithSso(unverified);
    expect(refused.url).toBe(`${server.url}/sso-error?reason=EMAIL_NOT_VERIFIED`);
    expect(refused.session).toBeUndefined();
    const elsewhere = await person('elsewhere', { email: uniqueEmail('eve'), login_hint: `eve-${subjects}@${domain}` });
    const outside = await signInWithSso(elsewhere);
    expect(outside.url).toBe(`${server.url}/sso-error?reason=DOMAIN`);
    expect(outside.session).toBeUndefined();
    // The provider answers with an email of a domain this organization claims but has not verified: the same refusal.
    const pending = `pending-${Math.random().toString(36).slice(2, 8)}.test`;
    const connection = { issuer: provider.issuer, clientId: provider.clientId, defaultRole: 'USER', teamMappings: [{ group: 'data-team', teamId: dataTeam }] };
    ok(await server.gql(CONFIGURE, { input: { ...connection, domains: [domain, pending], enforce: false } }, org.owner.token));
    const unproven = await person('unproven', { email: `unproven@${pending}`, login_hint: `unproven-${subjects}@${domain}` });
    const notVerified = await signInWithSso(unproven);
    expect(notVerified.url).toBe(`${server.url}/sso-error?reason=DOMAIN`);
    expect(notVerified.session).toBeUndefined();
    ok(await server.gql(CONFIGURE, { input: { ...connection, domains: [domain], enforce: false } }, org.owner.token));
  });

  it('a wrong, reused or missing state, and a forged code', async () => {
    const email = await person('carl');
    const { url: callback, walker } = await signInWithSso(email, { stopAtCallback: true });
    expect(callback.startsWith(callbackPrefix())).toBe(true);
    const params = new URL(callback).searchParams;
    const wrongState = new URL(callback);
    wrongState.searchParams.set('state', 'not-the-state');
    expect((await walker.get(wrongState.href)).location).toBe(`${server.url}/sso-error?reason=STATE`);
    expect((await walker.get(`${callbackPrefix()}?code=${params.get('code')}`)).location).toBe(`${server.url}/sso-error?reason=STATE`);
    const forged = new URL(callback);
    forged.searchParams.set('code', 'forged-code');
    expect((await walker.get(forged.href)).location).toBe(`${server.url}/sso-error?reason=TOKEN`);
    // The state was used by the forged attempt: the real code cannot be replayed with it either.
    expect((await walker.get(callback)).location).toBe(`${server.url}/sso-error?reason=STATE`);
    const members = ok(await server.gql(`{ members(first: 100) { edges { node { email } } } }`, {}, org.owner.token)).members.edges;
    expect(members.map((e: { node: { email: string } }) => e.node.email)).not.toContain(email);
  });
});

describe('bad ID tokens are refused, changing nothing', () => {
  const MEMBERS = `{ members(first: 100) { edges { node { email } } } }`;
  const memberEmails = async (): Promise<string[]> =>
    ok(await server.gql(MEMBERS, {}, org.owner.token)).members.edges.map((e: { node: { email: string } }) => e.node.email);

  it('an ID token re-signed by the provider’s own key, unchanged, is accepted (the rewriting itself is sound)', async () => {
    const email = await person('control');
    await provider.misbehaveOnce('RESIGNED');
    const { url, session } = await signInWithSso(email);
    expect(url).toBe(`${server.url}/`);
    expect(ok(await server.gql(ME, {}, session)).me.account.email).toBe(email);
  });

  it.each([
    ['FORGED', 'signed by a key the provider does not publish'],
    ['EXPIRED', 'expired an hour ago'],
    ['AUDIENCE', 'issued to another client'],
    ['NONCE', 'carrying another sign-in’s nonce'],
  ] as const)('%s: an ID token %s', async (badToken, _why) => {
    const email = await person(`bad-${badToken.toLowerCase()}`);
    const signInsBefore = (await auditActions()).filter((a) => a === 'sso.signed_in').length;
    await provider.misbehaveOnce(badToken);
    const refused = await signInWithSso(email);
    expect(refused.url).toBe(`${server.url}/sso-error?reason=TOKEN`);
    expect(refused.session).toBeUndefined();
    expect(await memberEmails()).not.toContain(email);
    expect((await auditActions()).filter((a) => a === 'sso.signed_in')).toHaveLength(signInsBefore);
    // No account was made either: the same person's next, honest sign-in creates it and joins.
    const honest = await signInWithSso(email);
    expect(honest.url).toBe(`${server.url}/`);
    expect(ok(await server.gql(ME, {}, honest.session)).me.account.email).toBe(email);
    expect(await auditActions()).toEqual(expect.arrayContaining(['member.joined_by_sso']));
  });
});

describe('enforced single sign-on', () => {
  it('refuses members’ passwords; owners keep password sign-in, audited', async () => {
    const member = await addMember(server, org, 'USER', 'pat');
    const memberDomain = member.email.split('@')[1]!;
    expect(org.owner.email.endsWith(`@${memberDomain}`)).toBe(true);
    const connection = { issuer: provider.issuer, clientId: provider.clientId, defaultRole: 'USER', teamMappings: [{ group: 'data-team', teamId: dataTeam }] };
    ok(await server.gql(CONFIGURE, { input: { ...connection, domains: [domain, memberDomain], enforce: true } }, org.owner.token));
    // Pending, the claim binds nobody: the member still signs in with a password.
    expect(
      ok(await server.gql(`query($email: String!) { signInMethod(email: $email) { singleSignOn enforced } }`, { email: member.email })).signInMethod,
    ).toEqual({
      singleSignOn: false,
      enforced: false,
    });
    ok(await server.gql(SIGN_IN, { input: { email: member.email, password: PASSWORD } }));
    await proveDomain(org.owner.token, memberDomain);
    const method = ok(await server.gql(`query($email: String!) { signInMethod(email: $email) { singleSignOn enforced } }`, { email: member.email }));
    expect(method.signInMethod).toEqual({ singleSignOn: true, enforced: true });
    const refused = await server.gql(SIGN_IN, { input: { email: member.email, password: PASSWORD } });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/single sign-on/);
    // The same answer with a wrong password: the refusal tells nothing about the password.
    const wrong = await server.gql(SIGN_IN, { input: { email: member.email, password: 'wrong password!' } });
    expect(wrong.errors?.[0]?.message).toBe(refused.errors?.[0]?.message);
    // The owner (break-glass) still signs in with a password, and it is audited.
    ok(await server.gql(SIGN_IN, { input: { email: org.owner.email, password: PASSWORD } }));
    expect(await auditActions()).toContain('sso.break_glass_sign_in');
    // A claim binds the claiming organization's members only: someone of that domain elsewhere still signs in with a password.
    const elsewhere = await signUpOrg(server, 'elsewhere');
    expect(elsewhere.owner.email.endsWith(`@${memberDomain}`)).toBe(true);
    ok(await server.gql(SIGN_IN, { input: { email: elsewhere.owner.email, password: PASSWORD } }));
    ok(await server.gql(CONFIGURE, { input: { ...connection, domains: [domain], enforce: false } }, org.owner.token));
    ok(await server.gql(SIGN_IN, { input: { email: member.email, password: PASSWORD } }));
  });
});

describe('seats', () => {
  it('a new person beyond the seats lands on a page naming who to ask', async () => {
    const seatsUsed = ok(await server.gql(`{ billing { seatsUsed } }`, {}, org.owner.token)).billing.seatsUsed;
    ok(
      await server.gql(
        `mutation($input: UpdateBillingInput!) { updateBilling(input: $input) { seats } }`,
        { input: { plan: 'TEAM', seats: seatsUsed } },
        org.owner.token,
      ),
    );
    const email = await person('late');
    const { url, session } = await signInWithSso(email);
    const page = new URL(url);
    expect(page.pathname).toBe('/sso-error');
    expect(page.searchParams.get('reason')).toBe('SEAT_LIMIT');
    expect(page.searchParams.get('organization')).toBe('Acme SSO');
    expect(page.searchParams.get('ask')).toContain(org.owner.email);
    expect(session).toBeUndefined();
  });
});
