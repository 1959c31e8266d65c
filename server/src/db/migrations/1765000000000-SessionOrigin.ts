import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each session was opened — the browser or program that signed in (its
 * User-Agent) and the client address — and when it was last used, so that
 * "My sessions" lets a person tell their sessions apart, and spot a stale
 * one, before ending one. Sessions opened before this have none of them.
 */
export class SessionOrigin1765000000000 implements MigrationInterface {
  name = 'SessionOrigin1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions ADD COLUMN user_agent text, ADD COLUMN client_address text, ADD COLUMN last_used_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions DROP COLUMN user_agent, DROP COLUMN client_address, DROP COLUMN last_used_at`);
  }
}
