import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cheaper writes to the change log, whose big commits write thousands of
 * rows (a public assistant made draft: one per member, 10,000 in the
 * reference organization; a promotion to Owner: one per resource):
 *
 * - the rows no longer check their organization through a foreign key, which
 *   PostgreSQL checks row by row (as long as writing the rows took). A row is
 *   only written under its organization's row lock, in the transaction that
 *   changed it (changeStream/accessChangeLog.ts), so it cannot name an
 *   organization that does not exist; deleting an organization deletes its
 *   log (directory/organizationDeletion.ts) instead of a cascade;
 * - `created_at`, read only to prune rows older than the retention, is
 *   indexed by block ranges (BRIN) instead of a b-tree: rows are appended in
 *   time order, so a range index finds old ones as well, at almost no cost
 *   per row written.
 */
export class ChangeLogCheaperWrites1765100000000 implements MigrationInterface {
  name = 'ChangeLogCheaperWrites1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE access_level_changes DROP CONSTRAINT IF EXISTS access_level_changes_organization_id_fkey;
      DROP INDEX IF EXISTS access_level_changes_created;
      CREATE INDEX access_level_changes_created ON access_level_changes USING brin (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS access_level_changes_created;
      CREATE INDEX access_level_changes_created ON access_level_changes (created_at);
      DELETE FROM access_level_changes c WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = c.organization_id);
      ALTER TABLE access_level_changes ADD CONSTRAINT access_level_changes_organization_id_fkey
        FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE;
    `);
  }
}
