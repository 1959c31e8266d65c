import type { Browser, Page } from 'playwright-core';
import {
  makeTestCertificates,
  startDnsServer,
  startOpenIdProvider,
  tokenOf,
  type OpenIdProviderProcess,
  type TestCertificates,
  type TestDnsServer,
} from '@rolegraph/test-support';
import { startRolegraph, type RolegraphServer } from '../support/rolegraphServer';
import { launchChromium, screenshot } from '../support/browser';
import { PASSWORD, addMember, signInThroughPage, signUpOwner, type Person } from '../support/people';
import { expectText } from '../support/expectText';
import { seriousAxeViolations } from '../support/pageChecks';

/*
 * Signing in through a real OpenID provider (oidc-provider in its own
 * process, https with a certificate authority made for this run, which
 * Rolegraph trusts through NODE_EXTRA_CA_CERTS). Chromium is told to accept
 * the test authority's certificate; Rolegraph itself checks it.
 */

const DOMAIN = 'acme-sso.test';
let tls: TestCertificates;
let dns: TestDnsServer;
let server: RolegraphServer;
let provider: OpenIdProviderProcess;
let browser: Browser;
let owner: Person & { organizationId: string };
let teamId: string;

const CONFIGURE = `mutation($input: ConfigureSsoInput!) { configureSso(input: $input) { issuer } }`;

async function configure(enforce: boolean, extraDomains: string[] = []): Promise<void> {
  await server.gql(
    CONFIGURE,
    {
      input: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        domains: [DOMAIN, ...extraDomains],
        defaultRole: 'USER',
        enforce,
        teamMappings: [{ group: 'analysts', teamId }],
      },
    },
    owner.token,
  );
}

interface DomainClaim {
  domain: string;
  verified: boolean;
  recordName: string;
  recordValue: string;
}

async function claimOf(domain: string): Promise<DomainClaim> {
  const data = await server.gql<{ ssoConnection: { domainClaims: DomainClaim[] } }>(
    `{ ssoConnection { domainClaims { domain verified recordName recordValue } } }`,
    {},
    owner.token,
  );
  const claim = data.ssoConnection.domainClaims.find((c) => c.domain === domain);
  if (!claim) throw new Error(`${domain} is not claimed`);
  return claim;
}

/** What the domain's owner does at their DNS provider, then in Settings (here through the API; one test does it on the page). */
async function proveDomain(domain: string): Promise<void> {
  const claim = await claimOf(domain);
  dns.setTxt(claim.recordName, claim.recordValue);
  await server.gql(`mutation($domain: String!) { verifySsoDomain(domain: $domain) { verified } }`, { domain }, owner.token);
}

beforeAll(async () => {
  tls = makeTestCertificates();
  dns = await startDnsServer();
  server = await startRolegraph({ NODE_EXTRA_CA_CERTS: tls.ca, DNS_SERVERS: dns.address });
  provider = await startOpenIdProvider(tls, [`${server.url}/auth/sso/callback`]);
  browser = await launchChromium();
  owner = await signUpOwner(server, 'Hana Abe', 'Acme Analytics');
  teamId = (await server.gql<{ createTeam: { id: string } }>(`mutation { createTeam(input: { name: "Analysts" }) { id } }`, {}, owner.token)).createTeam.id;
  await configure(false);
  await proveDomain(DOMAIN);
});

afterAll(async () => {
  await browser?.close();
  await provider?.stop();
  await server?.stop();
  await dns?.stop();
  tls?.remove();
});

async function newPage(): Promise<Page> {
  return (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
}

/** Types the email on the sign-in page, continues, and takes the provider's button that the page offers for the email's domain. */
async function continueWithSso(page: Page, email: string): Promise<void> {
  await typeEmail(page, email);
  await page.getByRole('button', { name: `Continue with ${new URL(provider.issuer).hostname}` }).click();
}

/** Opens the sign-in page and gives the email (the first step). */
async function typeEmail(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

async function teamsOf(accountId: string): Promise<string[]> {
  const data = await server.gql<{ member: { teams: { id: string }[] } }>(
    `query($id: ID!) { member(id: $id) { teams { id } } }`,
    { id: accountId },
    owner.token,
  );
  return data.member.teams.map((t) => t.id);
}

async function accountIdOf(email: string): Promise<string> {
  const data = await server.gql<{ members: { edges: { node: { id: string; email: string } }[] } }>(
    `{ members(first: 100) { edges { node { id email } } } }`,
    {},
    owner.token,
  );
  const edge = data.members.edges.find((e) => e.node.email === email);
  if (!edge) throw new Error(`${email} is not a member`);
  return edge.node.id;
}

test('a new person signs in through the provider: a User of the organization, in the team their group maps to', async () => {
  const email = `nina@${DOMAIN}`;
  await provider.addPerson({ sub: 'nina-1', email, email_verified: true, name: 'Nina Sato', groups: ['analysts'] });
  const page = await newPage();
  await continueWithSso(page, email);
  await expectText(page.getByTestId('viewer-role'), 'User');
  await screenshot(page, 'sso-new-person');
  expect(await teamsOf(await accountIdOf(email))).toEqual([teamId]);
});

test('a member’s existing account is linked on its first SSO sign-in', async () => {
  const email = `omar@${DOMAIN}`;
  // Omar joined by invitation with a password before single sign-on.
  const invited = await server.gql<{ inviteMember: { acceptUrl: string } }>(
    `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`,
    { input: { email, role: 'ADMIN' } },
    owner.token,
  );
  await server.gql(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }`, {
    input: { token: tokenOf(invited.inviteMember.acceptUrl), name: 'Omar Diaz', password: PASSWORD },
  });
  await provider.addPerson({ sub: 'omar-1', email, email_verified: true, name: 'Omar Diaz', groups: [] });
  const page = await newPage();
  await continueWithSso(page, email);
  // Linked to the same account: the role it had stays.
  await expectText(page.getByTestId('viewer-role'), 'Admin');
  expect(await teamsOf(await accountIdOf(email))).toEqual([]);
});

test('with SSO enforced, a member’s password is refused on the sign-in page; the owner still signs in', async () => {
  const pat = await addMember(server, owner, 'Pat Lee');
  await configure(true, ['example.com']);
  await proveDomain('example.com');
  const page = await newPage();
  await typeEmail(page, pat.email);
  // Enforced: the provider's button, and no password field until the owners' link is taken.
  await page.getByRole('button', { name: `Continue with ${new URL(provider.issuer).hostname}` }).waitFor();
  expect(await page.getByLabel('Password').count()).toBe(0);
  await screenshot(page, 'sso-enforced');
  await page.getByRole('button', { name: 'Sign in with password' }).click();
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('Your organization signs in with single sign-on', { exact: false }).waitFor();

  const ownerPage = await newPage();
  await typeEmail(ownerPage, owner.email);
  await ownerPage.getByRole('button', { name: 'Sign in with password' }).click();
  await ownerPage.getByLabel('Password').fill(PASSWORD);
  await ownerPage.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectText(ownerPage.getByTestId('viewer-role'), 'Owner');
  await configure(false);
});

test('a domain nobody claims gets the password field on the sign-in page, and its SSO start a page that says so', async () => {
  const page = await newPage();
  await typeEmail(page, 'someone@unclaimed.test');
  await page.getByLabel('Password').waitFor();
  expect(await page.getByRole('button', { name: /^Continue with/ }).count()).toBe(0);
  await page.goto(`${server.url}/auth/sso/start?email=${encodeURIComponent('someone@unclaimed.test')}`);
  await page.getByText('No organization signs in with single sign-on for this email domain', { exact: false }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/sso-error');
});

test('an owner sees the connection on Settings → Single sign-on and creates a SCIM key that works', async () => {
  const page = await newPage();
  await typeEmail(page, owner.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('viewer-role').waitFor();
  await page.goto(`${server.url}/settings?section=sso`);
  await expectText(page.getByLabel('Issuer URL'), provider.issuer, 'value');
  await page.getByText(`${server.url}/auth/sso/callback`).waitFor();
  await page.getByText(`${server.url}/scim/v2`).waitFor();
  expect(await page.content()).not.toContain(provider.clientSecret);
  await page.getByRole('button', { name: 'Create a provisioning key' }).click();
  const keyCode = page.getByText(/^rgk_/);
  await keyCode.waitFor();
  await screenshot(page, 'settings-sso');
  const key = ((await keyCode.textContent()) ?? '').trim();
  const response = await fetch(`${server.url}/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${owner.email}"`)}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(response.status).toBe(200);
  expect((await response.json()).totalResults).toBe(1);

  // Removing the connection asks first, in the app's own dialog; Cancel keeps it.
  await page.getByRole('button', { name: 'Remove single sign-on' }).click();
  const ask = page.getByRole('dialog', { name: 'Remove single sign-on?' });
  await ask.getByText('Its claimed domains are released').waitFor();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await ask.waitFor({ state: 'hidden' });
  await expectText(page.getByLabel('Issuer URL'), provider.issuer, 'value');
});

test('an owner proves a new domain on Settings → Single sign-on: pending with its DNS record, refused until the record is there, then verified', async () => {
  const labs = 'acme-labs.test';
  await configure(false, [labs]);
  // A phone's width; bypassCSP lets axe's script in.
  const page = await (await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage();
  await signInThroughPage(page, server.url, owner);
  await page.goto(`${server.url}/settings?section=sso`);
  const row = page.getByRole('region', { name: `Domain ${labs}` });
  await row.getByText('Pending').waitFor();
  const claim = await claimOf(labs);
  await row.getByText(claim.recordName, { exact: true }).waitFor();
  await row.getByText(claim.recordValue, { exact: true }).waitFor();
  expect(
    await page
      .getByRole('region', { name: `Domain ${DOMAIN}` })
      .getByText('Verified', { exact: true })
      .count(),
  ).toBe(1);
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Asked before the record is published: what DNS answered, and still pending.
  await row.getByRole('button', { name: `Verify ${labs}` }).click();
  await row.getByText(`No TXT record at ${claim.recordName} yet`, { exact: false }).waitFor();
  // The button, disabled while DNS was asked, has the keyboard back.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Verify ${labs}`);
  await screenshot(page, 'sso-domain-pending');
  expect((await claimOf(labs)).verified).toBe(false);

  // Published at the DNS provider; Verify by keyboard, with an edit of the form not saved yet: it stays.
  await page.getByLabel('Groups claim').fill('roles');
  dns.setTxt(claim.recordName, claim.recordValue);
  await row.getByRole('button', { name: `Verify ${labs}` }).focus();
  await page.keyboard.press('Enter');
  await row.getByText('Verified', { exact: true }).waitFor();
  expect(await row.getByRole('button', { name: `Verify ${labs}` }).count()).toBe(0);
  // The keyboard stays on the domain whose button went away.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(labs);
  expect((await claimOf(labs)).verified).toBe(true);
  await expectText(page.getByLabel('Groups claim'), 'roles', 'value');
  await configure(false);
});
