import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People an identity provider provisioned by SCIM: the provider's externalId,
 * and for a deactivated person the role to give back when reactivated (the
 * membership itself is removed while they are inactive).
 */
export class ScimUsers1764500000001 implements MigrationInterface {
  name = 'ScimUsers1764500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scim_users (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        external_id text,
        active boolean NOT NULL DEFAULT true,
        role_when_reactivated text NOT NULL DEFAULT 'USER' CHECK (role_when_reactivated IN ('ADMIN', 'USER')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, account_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS scim_users;`);
  }
}
