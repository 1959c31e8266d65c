import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PUBLIC_EMAIL_DOMAINS } from '../../sso/publicEmailDomains';

/**
 * A claimed single sign-on domain is proven by a DNS TXT record before it
 * does anything (sso/domainOwnership.ts). Each claim gets a token and a
 * verification time; several organizations may have a domain pending, one
 * only verified. Domains claimed before this migration were taken on trust
 * and keep working: they are marked verified now, except a public email
 * service's (gmail.com, …), which nobody can prove: such a claim stays
 * pending, and does nothing.
 */
export class VerifiedDomains1765300000000 implements MigrationInterface {
  name = 'VerifiedDomains1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sso_domains
        ADD COLUMN verification_token text,
        ADD COLUMN verified_at timestamptz,
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
      UPDATE sso_domains SET verification_token = replace(gen_random_uuid()::text, '-', '');
      ALTER TABLE sso_domains ALTER COLUMN verification_token SET NOT NULL;
      ALTER TABLE sso_domains DROP CONSTRAINT sso_domains_pkey;
      ALTER TABLE sso_domains ADD PRIMARY KEY (organization_id, domain);
      DROP INDEX IF EXISTS sso_domains_organization;
      CREATE UNIQUE INDEX sso_domains_verified ON sso_domains (domain) WHERE verified_at IS NOT NULL;
    `);
    await q.query(`UPDATE sso_domains SET verified_at = now() WHERE NOT (domain = ANY($1::text[]))`, [[...PUBLIC_EMAIL_DOMAINS]]);
  }

  async down(q: QueryRunner): Promise<void> {
    // One organization per domain again: claims never verified go.
    await q.query(`
      DELETE FROM sso_domains WHERE verified_at IS NULL;
      DROP INDEX IF EXISTS sso_domains_verified;
      ALTER TABLE sso_domains DROP CONSTRAINT sso_domains_pkey;
      ALTER TABLE sso_domains ADD PRIMARY KEY (domain);
      CREATE INDEX sso_domains_organization ON sso_domains (organization_id);
      ALTER TABLE sso_domains DROP COLUMN verification_token, DROP COLUMN verified_at, DROP COLUMN created_at;
    `);
  }
}
