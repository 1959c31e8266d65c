import { startDnsServer, type TestDnsServer } from '@rolegraph/test-support';
import { loadConfig } from '../../../src/config';
import { challengeRecordName, challengeRecordValue, lookUpChallenge, newVerificationToken } from '../../../src/sso/domainOwnership';

let dns: TestDnsServer;

beforeAll(async () => {
  dns = await startDnsServer();
});

afterAll(async () => {
  await dns?.stop();
});

describe('the record that proves a domain', () => {
  it('lives at _rolegraph-challenge.<domain> and holds a random token per claim', () => {
    const token = newVerificationToken();
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(newVerificationToken()).not.toBe(token);
    expect(challengeRecordName('example.com')).toBe('_rolegraph-challenge.example.com');
    expect(challengeRecordValue(token)).toBe(`rolegraph-domain-verification=${token}`);
  });
});

describe('looking it up in DNS', () => {
  const token = 'a'.repeat(32);

  it('finds the value among other TXT records of the name', async () => {
    dns.setTxt(challengeRecordName('found.test'), 'v=spf1 -all', challengeRecordValue(token));
    await expect(lookUpChallenge([dns.address], 'found.test', token)).resolves.toEqual({ found: true });
  });

  it('says there is no record yet when the name does not exist', async () => {
    await expect(lookUpChallenge([dns.address], 'absent.test', token)).resolves.toEqual({
      found: false,
      problem: 'No TXT record at _rolegraph-challenge.absent.test yet. Add it at your DNS provider; a new record can take from minutes to an hour to be seen.',
    });
  });

  it('names another organization’s value, and never takes it for this one', async () => {
    dns.setTxt(challengeRecordName('other.test'), challengeRecordValue('b'.repeat(32)));
    const answer = await lookUpChallenge([dns.address], 'other.test', token);
    expect(answer).toEqual({ found: false, problem: expect.stringContaining(`holds "${challengeRecordValue('b'.repeat(32))}"`) });
  });

  it('a value of the same prefix with more after it is not the value', async () => {
    dns.setTxt(challengeRecordName('longer.test'), `${challengeRecordValue(token)}x`);
    await expect(lookUpChallenge([dns.address], 'longer.test', token)).resolves.toMatchObject({ found: false });
  });

  it('a DNS failure is a problem to show, not an exception', async () => {
    dns.failFor(challengeRecordName('broken.test'));
    await expect(lookUpChallenge([dns.address], 'broken.test', token)).resolves.toEqual({
      found: false,
      problem: 'DNS did not answer for _rolegraph-challenge.broken.test (ESERVFAIL). Try again in a minute.',
    });
  });
});

describe('DNS_SERVERS', () => {
  const env = (value: string) => ({ DNS_SERVERS: value, ROLEGRAPH_DATA_DIR: 'memory://' });

  it('takes IP addresses with optional ports, comma-separated; unset is the machine’s resolvers', () => {
    expect(loadConfig(env('10.0.0.2, 127.0.0.1:5353,[::1]:53, ::1')).dnsServers).toEqual(['10.0.0.2', '127.0.0.1:5353', '[::1]:53', '::1']);
    expect(loadConfig({ ROLEGRAPH_DATA_DIR: 'memory://' }).dnsServers).toEqual([]);
  });

  it('refuses a host name, a bad port or junk, naming it', () => {
    for (const bad of ['dns.example.com', '10.0.0.2:99999', '10.0.0.2:', '1.2.3', 'x\u0000']) {
      expect(() => loadConfig(env(bad))).toThrow(/DNS_SERVERS/);
    }
  });
});
