import type { QueryRunner } from 'typeorm';
import { openDatabase, type Database } from '../../src/db/database';
import { MIGRATIONS } from '../../src/db/migrations';
import { VerifiedDomains1765300000000 } from '../../src/db/migrations/1765300000000-VerifiedDomains';
import { PendingDomainClaims1765400000000 } from '../../src/db/migrations/1765400000000-PendingDomainClaims';

/*
 * The migrations that brought DNS verification of claimed domains, on a
 * database that already had claims (an embedded one in memory, each
 * migration's `up` run in turn up to them): VerifiedDomains marks the claims
 * made before it, PendingDomainClaims moves the pending ones to a table of
 * their own. Then both `down`s, in turn.
 */

let db: Database;
/** The embedded database has one connection: the test holds it throughout. */
let runner: QueryRunner;

beforeAll(async () => {
  db = await openDatabase({ databaseUrl: undefined, databasePoolSize: 1, dataDir: 'memory://' }, { migrate: false });
  runner = db.dataSource.createQueryRunner();
  for (const Migration of MIGRATIONS) {
    if (Migration === VerifiedDomains1765300000000) break;
    await new Migration().up(runner);
  }
}, 60_000);

afterAll(async () => {
  await runner?.release();
  await db?.close();
});

async function organizationWithConnection(name: string): Promise<string> {
  const [org]: { id: string }[] = await runner.query(
    `INSERT INTO organizations (id, name, plan, seats) VALUES (gen_random_uuid(), $1, 'TEAM', 10) RETURNING id`,
    [name],
  );
  await runner.query(`INSERT INTO sso_connections (organization_id, issuer, client_id) VALUES ($1, 'https://idp.example.test', 'rolegraph')`, [org!.id]);
  return org!.id;
}

it('keeps the claims made before them working (verified), except a public email service’s, which stays pending; pending claims then live apart; down restores each step', async () => {
  const org = await organizationWithConnection('Claims Co');
  for (const domain of ['claims.example', 'gmail.com']) {
    await runner.query(`INSERT INTO sso_domains (domain, organization_id) VALUES ($1, $2)`, [domain, org]);
  }

  await new VerifiedDomains1765300000000().up(runner);
  const after: { domain: string; token: string; verified: boolean }[] = await runner.query(
    `SELECT domain, verification_token AS token, verified_at IS NOT NULL AS verified FROM sso_domains ORDER BY domain`,
  );
  expect(after).toEqual([
    { domain: 'claims.example', token: expect.stringMatching(/^[0-9a-f]{32}$/), verified: true },
    { domain: 'gmail.com', token: expect.stringMatching(/^[0-9a-f]{32}$/), verified: false },
  ]);
  // One organization per verified domain; pending ones may be many.
  const other = await organizationWithConnection('Other Co');
  await runner.query(`INSERT INTO sso_domains (domain, organization_id, verification_token) VALUES ('claims.example', $1, 'x')`, [other]);
  await expect(runner.query(`UPDATE sso_domains SET verified_at = now() WHERE organization_id = $1`, [other])).rejects.toThrow(/sso_domains_verified/);

  await new PendingDomainClaims1765400000000().up(runner);
  // sso_domains holds the verified domain only; the pending claims, with their tokens, moved.
  expect(await runner.query(`SELECT domain, organization_id, verification_token FROM sso_domains`)).toEqual([
    { domain: 'claims.example', organization_id: org, verification_token: after[0]!.token },
  ]);
  expect(await runner.query(`SELECT domain, organization_id, verification_token FROM sso_domain_claims ORDER BY domain, verification_token`)).toEqual([
    { domain: 'claims.example', organization_id: other, verification_token: 'x' },
    { domain: 'gmail.com', organization_id: org, verification_token: after[1]!.token },
  ]);
  // A verified domain belongs to one organization; a new one is verified from when it is written.
  await expect(
    runner.query(`INSERT INTO sso_domains (domain, organization_id, verification_token) VALUES ('claims.example', $1, 'x')`, [other]),
  ).rejects.toThrow(/sso_domains_pkey/);
  await runner.query(`INSERT INTO sso_domains (domain, organization_id, verification_token) VALUES ('other.example', $1, 'y')`, [other]);
  const [fresh]: { verified: boolean }[] = await runner.query(`SELECT verified_at IS NOT NULL AS verified FROM sso_domains WHERE domain = 'other.example'`);
  expect(fresh!.verified).toBe(true);
  // Dropping a connection drops its claims too.
  await runner.query(`DELETE FROM sso_connections WHERE organization_id = $1`, [other]);
  expect(await runner.query(`SELECT domain FROM sso_domain_claims ORDER BY domain`)).toEqual([{ domain: 'gmail.com' }]);

  await new PendingDomainClaims1765400000000().down(runner);
  expect(await runner.query(`SELECT domain, verified_at IS NOT NULL AS verified FROM sso_domains ORDER BY domain`)).toEqual([
    { domain: 'claims.example', verified: true },
    { domain: 'gmail.com', verified: false },
  ]);
  expect(await runner.query(`SELECT to_regclass('sso_domain_claims') AS claims`)).toEqual([{ claims: null }]);

  await new VerifiedDomains1765300000000().down(runner);
  expect(await runner.query(`SELECT domain, organization_id FROM sso_domains ORDER BY domain`)).toEqual([{ domain: 'claims.example', organization_id: org }]);
});
