import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access snapshot reads an organization's resources and grants in pages
 * ordered by id; these indexes let each page start where the last ended
 * without scanning the organization's rows again.
 */
export class SnapshotLoadIndexes1764700000000 implements MigrationInterface {
  name = 'SnapshotLoadIndexes1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX resources_organization_id ON resources (organization_id, id);
      CREATE INDEX grants_organization_id ON grants (organization_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS resources_organization_id;
      DROP INDEX IF EXISTS grants_organization_id;
    `);
  }
}
