import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OIDC single sign-on: one connection per organization (its client secret
 * sealed like every stored secret), the email domains it claims (each by one
 * organization only), identities linked by (issuer, subject), and sign-ins
 * in flight (state, nonce and PKCE verifier; single-use, ten minutes).
 */
export class SingleSignOn1764500000002 implements MigrationInterface {
  name = 'SingleSignOn1764500000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_connections (
        organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
        issuer text NOT NULL,
        client_id text NOT NULL,
        client_secret text CHECK (client_secret IS NULL OR client_secret LIKE 'rgsb1:%'),
        default_role text NOT NULL DEFAULT 'USER' CHECK (default_role IN ('ADMIN', 'USER')),
        enforce boolean NOT NULL DEFAULT false,
        groups_claim text NOT NULL DEFAULT 'groups',
        team_mappings jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE sso_domains (
        domain text PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES sso_connections (organization_id) ON DELETE CASCADE
      );
      CREATE INDEX sso_domains_organization ON sso_domains (organization_id);
      CREATE TABLE sso_identities (
        issuer text NOT NULL,
        subject text NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer, subject)
      );
      CREATE INDEX sso_identities_account ON sso_identities (account_id);
      CREATE TABLE sso_sign_ins (
        state_hash text PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        expires_at timestamptz NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sso_sign_ins, sso_identities, sso_domains, sso_connections;`);
  }
}
