import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access requests: a member asks for a level on a resource; approvers answer.
 * `resource_id` is not a foreign key: a request may name a resource the
 * requester cannot see, or one that does not exist, and is stored the same
 * way either way (so the answer reveals nothing). At most one PENDING request
 * per (requester, resource), kept by a unique partial index so two concurrent
 * requests cannot both be pending.
 *
 * `grant_expiry_reminders` records the 24-hour reminder sent for a grant's end
 * date (one per grant and end date: a renewed grant is reminded again); its
 * own table, so sending one does not touch `grants` (and the access revision).
 */
export class AccessRequests1764300000000 implements MigrationInterface {
  name = 'AccessRequests1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_requests (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        requester_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        resource_id uuid NOT NULL,
        level text NOT NULL CHECK (level IN ('VIEWER', 'MEMBER', 'EDITOR', 'ADMIN')),
        reason text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'DENIED', 'CANCELLED', 'LAPSED')),
        answered_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        answer_reason text,
        granted_level text CHECK (granted_level IN ('VIEWER', 'MEMBER', 'EDITOR', 'ADMIN')),
        granted_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz
      );
      CREATE UNIQUE INDEX access_requests_one_pending ON access_requests (requester_id, resource_id) WHERE status = 'PENDING';
      CREATE INDEX access_requests_by_org ON access_requests (organization_id, status, created_at DESC, id);
      CREATE INDEX access_requests_by_requester ON access_requests (requester_id, organization_id, created_at DESC, id);
      CREATE INDEX access_requests_pending_age ON access_requests (created_at) WHERE status = 'PENDING';

      CREATE TABLE grant_expiry_reminders (
        grant_id uuid NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (grant_id, expires_at)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS grant_expiry_reminders, access_requests;`);
  }
}
