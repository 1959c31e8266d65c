import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change log behind the `accessChanges` subscription: every effective
 * level a committed command moved, `(user, resource, before, after)` at the
 * revision it committed, as the evaluator computed it by comparing the
 * organization's graph before and after (access/committedChanges.ts). A
 * RESYNC row marks a revision the log cannot describe level by level (a bulk
 * import). `organizations.access_log_from` is the revision after which the
 * log is complete: set to the current revision here (nothing before was
 * logged) and raised when old rows are pruned. See docs/consistency.md.
 */
export class AccessLevelChanges1764400000000 implements MigrationInterface {
  name = 'AccessLevelChanges1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_level_changes (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        revision bigint NOT NULL,
        seq integer NOT NULL,
        -- how many rows the revision has: the row with seq = total - 1 ends it
        total integer NOT NULL DEFAULT 1,
        kind text NOT NULL CHECK (kind IN ('LEVEL', 'RESYNC')),
        user_id uuid,
        resource_id uuid,
        resource_type text,
        level_before text,
        level_after text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, revision, seq)
      );
      CREATE INDEX access_level_changes_created ON access_level_changes (created_at);
      ALTER TABLE organizations ADD COLUMN access_log_from bigint NOT NULL DEFAULT 0;
      UPDATE organizations SET access_log_from = access_revision;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS access_level_changes;
      ALTER TABLE organizations DROP COLUMN IF EXISTS access_log_from;
    `);
  }
}
