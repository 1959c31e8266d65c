import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change log's rows no longer check their organization through a foreign
 * key: PostgreSQL checks one per row, and a change that moves every member's
 * level (a public assistant made draft: 10,000 rows in the reference
 * organization) spent as long on those checks as on writing the rows. A row
 * is only ever written under its organization's row lock, in the transaction
 * that changed it (changeStream/accessChangeLog.ts), so it cannot name an
 * organization that does not exist; deleting an organization deletes its log
 * (directory/organizationDeletion.ts) instead of a cascade.
 */
export class ChangeLogWithoutForeignKey1765100000000 implements MigrationInterface {
  name = 'ChangeLogWithoutForeignKey1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_level_changes DROP CONSTRAINT IF EXISTS access_level_changes_organization_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM access_level_changes c WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = c.organization_id);
      ALTER TABLE access_level_changes ADD CONSTRAINT access_level_changes_organization_id_fkey
        FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE;
    `);
  }
}
