import type { QueryRunner } from 'typeorm';
import { openDatabase, type Database } from '../../src/db/database';
import { MIGRATIONS } from '../../src/db/migrations';
import { VerifiedDomains1765300000000 } from '../../src/db/migrations/1765300000000-VerifiedDomains';

/*
 * The migration that brought DNS verification of claimed domains, on a
 * database that already had claims (an embedded one in memory, each
 * migration's `up` run in turn up to it).
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

it('keeps the claims made before it working (verified), except a public email service’s, which stays pending; down keeps the verified ones', async () => {
  const [org]: { id: string }[] = await runner.query(
    `INSERT INTO organizations (id, name, plan, seats) VALUES (gen_random_uuid(), 'Claims Co', 'TEAM', 10) RETURNING id`,
  );
  await runner.query(`INSERT INTO sso_connections (organization_id, issuer, client_id) VALUES ($1, 'https://idp.example.test', 'rolegraph')`, [org!.id]);
  for (const domain of ['claims.example', 'gmail.com']) {
    await runner.query(`INSERT INTO sso_domains (domain, organization_id) VALUES ($1, $2)`, [domain, org!.id]);
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
  const [other]: { id: string }[] = await runner.query(
    `INSERT INTO organizations (id, name, plan, seats) VALUES (gen_random_uuid(), 'Other Co', 'TEAM', 10) RETURNING id`,
  );
  await runner.query(`INSERT INTO sso_connections (organization_id, issuer, client_id) VALUES ($1, 'https://idp.example.test', 'rolegraph')`, [other!.id]);
  await runner.query(`INSERT INTO sso_domains (domain, organization_id, verification_token) VALUES ('claims.example', $1, 'x')`, [other!.id]);
  await expect(runner.query(`UPDATE sso_domains SET verified_at = now() WHERE organization_id = $1`, [other!.id])).rejects.toThrow(/sso_domains_verified/);

  await new VerifiedDomains1765300000000().down(runner);
  expect(await runner.query(`SELECT domain, organization_id FROM sso_domains ORDER BY domain`)).toEqual([
    { domain: 'claims.example', organization_id: org!.id },
  ]);
});
