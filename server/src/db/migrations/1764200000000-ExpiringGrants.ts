import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grants may end: `expires_at` is when. The evaluator treats a grant as absent
 * from that instant on, whether or not the sweeper has removed it yet; the
 * partial index serves the sweeper and the reminders.
 */
export class ExpiringGrants1764200000000 implements MigrationInterface {
  name = 'ExpiringGrants1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE grants ADD COLUMN expires_at timestamptz;
      CREATE INDEX grants_expiring ON grants (expires_at) WHERE expires_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS grants_expiring;
      ALTER TABLE grants DROP COLUMN IF EXISTS expires_at;
    `);
  }
}
