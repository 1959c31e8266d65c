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
    // Accounts SCIM created so far: made in the same transaction as their SCIM record, so both carry its now().
    await q.query(`
      UPDATE accounts a SET provisioned_by = s.organization_id
        FROM scim_users s
       WHERE s.account_id = a.id AND s.created_at = a.created_at
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts DROP COLUMN IF EXISTS provisioned_by`);
  }
}
