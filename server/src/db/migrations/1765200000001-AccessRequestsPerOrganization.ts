import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One pending access request per (organization, requester, resource), not
 * per (requester, resource): a request is filed in the organization the
 * requester acts in, whatever id it names (an id it cannot see is stored all
 * the same, so the answer reveals nothing). A person in two organizations
 * who asked in one for an id of the other could no longer ask for it where
 * it exists: the other organization's request answered instead, and nobody
 * there was told.
 */
export class AccessRequestsPerOrganization1765200000001 implements MigrationInterface {
  name = 'AccessRequestsPerOrganization1765200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS access_requests_one_pending;
      CREATE UNIQUE INDEX access_requests_one_pending ON access_requests (organization_id, requester_id, resource_id) WHERE status = 'PENDING';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // The stricter index cannot hold while one person has the same id pending in two organizations: the newer goes.
    await q.query(`
      UPDATE access_requests r SET status = 'CANCELLED' WHERE r.status = 'PENDING' AND EXISTS (
        SELECT 1 FROM access_requests o WHERE o.status = 'PENDING' AND o.requester_id = r.requester_id
          AND o.resource_id = r.resource_id AND (o.created_at, o.id) < (r.created_at, r.id));
      DROP INDEX IF EXISTS access_requests_one_pending;
      CREATE UNIQUE INDEX access_requests_one_pending ON access_requests (requester_id, resource_id) WHERE status = 'PENDING';
    `);
  }
}
