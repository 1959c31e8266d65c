import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organization whose SCIM client created an account: it may provision
 * that account again after deleting it, although the email is in no domain
 * it claims (an account anyone else made joins only by invitation).
 */
export class ProvisionedAccounts1764800000000 implements MigrationInterface {
  name = 'ProvisionedAccounts1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN provisioned_by uuid REFERENCES organizations (id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts DROP COLUMN IF EXISTS provisioned_by`);
  }
}
