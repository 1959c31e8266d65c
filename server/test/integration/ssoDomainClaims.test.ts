import { startDnsServer, type TestDnsServer } from '@rolegraph/test-support';
import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { signUpOrg } from '../support/factories';
import { claimDomainDirectly } from '../support/ssoDomainClaims';

/*
 * Claims in states the API no longer makes, written to the database as an
 * earlier version left them: a public email service's domain claimed before
 * such claims were refused (the migration of existing claims keeps it
 * pending: domainVerificationMigrations.test.ts). The API paths of proving a
 * domain are in sso.test.ts, against a real OpenID provider.
 */

let t: TestServer;
let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer();
  t = await startTestServer({ DNS_SERVERS: dns.address });
});
afterAll(async () => {
  await t.close();
  await dns.stop();
});

const CLAIMS = `{ ssoConnection { domainClaims { domain verified recordName recordValue } } }`;
const VERIFY = `mutation($domain: String!) { verifySsoDomain(domain: $domain) { domain verified } }`;
const METHOD = `query($email: String!) { signInMethod(email: $email) { singleSignOn } }`;

it('a public email service’s claim left from before stays pending: even with its record published, Verify refuses it and nothing changes', async () => {
  const org = await signUpOrg(t);
  const db = t.server.app.dataSource;
  await db.query(`INSERT INTO sso_connections (organization_id, issuer, client_id) VALUES ($1, 'https://idp.example.test', 'rolegraph')`, [org.id]);
  await claimDomainDirectly(db, org.id, 'gmail.com', '0123456789abcdef0123456789abcdef');
  const [claim] = ok(await t.gql(CLAIMS, {}, org.owner.token)).ssoConnection.domainClaims;
  expect(claim).toEqual({
    domain: 'gmail.com',
    verified: false,
    recordName: '_rolegraph-challenge.gmail.com',
    recordValue: 'rolegraph-domain-verification=0123456789abcdef0123456789abcdef',
  });
  dns.setTxt(claim.recordName, claim.recordValue);
  const asked = dns.questionsAnswered;

  const refused = await t.gql(VERIFY, { domain: 'gmail.com' }, org.owner.token);
  expect(errorCode(refused)).toBe('BAD_USER_INPUT');
  expect(refused.errors?.[0]?.message).toMatch(/gmail\.com/);
  // Refused before DNS is asked; the claim is as it was, and gmail.com addresses still sign in with passwords.
  expect(dns.questionsAnswered).toBe(asked);
  expect(ok(await t.gql(CLAIMS, {}, org.owner.token)).ssoConnection.domainClaims).toEqual([claim]);
  expect(ok(await t.gql(METHOD, { email: 'someone@gmail.com' })).signInMethod).toEqual({ singleSignOn: false });
  expect(await db.query(`SELECT 1 FROM sso_domains WHERE domain = 'gmail.com'`)).toEqual([]);
});
