import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims waiting for their DNS proof move to a table of their own,
 * `sso_domain_claims`; `sso_domains` keeps the verified domains only, one
 * organization each (its primary key is the domain again). Every query that
 * decides something (where a sign-in goes, enforcement, SCIM taking over an
 * account) reads `sso_domains`, so a pending claim cannot count by a filter
 * forgotten. Verifying moves a claim from one table to the other.
 */
export class PendingDomainClaims1765400000000 implements MigrationInterface {
  name = 'PendingDomainClaims1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_domain_claims (
        organization_id uuid NOT NULL REFERENCES sso_connections (organization_id) ON DELETE CASCADE,
        domain text NOT NULL,
        verification_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, domain)
      );
      INSERT INTO sso_domain_claims (organization_id, domain, verification_token, created_at)
        SELECT organization_id, domain, verification_token, created_at FROM sso_domains WHERE verified_at IS NULL;
      DELETE FROM sso_domains WHERE verified_at IS NULL;
      DROP INDEX IF EXISTS sso_domains_verified;
      ALTER TABLE sso_domains DROP CONSTRAINT sso_domains_pkey;
      ALTER TABLE sso_domains ADD PRIMARY KEY (domain);
      CREATE INDEX sso_domains_organization ON sso_domains (organization_id);
      ALTER TABLE sso_domains ALTER COLUMN verified_at SET DEFAULT now(), ALTER COLUMN verified_at SET NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sso_domains ALTER COLUMN verified_at DROP NOT NULL, ALTER COLUMN verified_at DROP DEFAULT;
      DROP INDEX IF EXISTS sso_domains_organization;
      ALTER TABLE sso_domains DROP CONSTRAINT sso_domains_pkey;
      ALTER TABLE sso_domains ADD PRIMARY KEY (organization_id, domain);
      CREATE UNIQUE INDEX sso_domains_verified ON sso_domains (domain) WHERE verified_at IS NOT NULL;
      INSERT INTO sso_domains (organization_id, domain, verification_token, created_at)
        SELECT organization_id, domain, verification_token, created_at FROM sso_domain_claims;
      DROP TABLE sso_domain_claims;
    `);
  }
}
