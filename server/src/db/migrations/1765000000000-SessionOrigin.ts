import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each session was opened — the browser or program that signed in (its
 * User-Agent) and the client address — so that "My sessions" lets a person
 * tell their sessions apart before ending one. Sessions opened before this
 * have neither.
 */
export class SessionOrigin1765000000000 implements MigrationInterface {
  name = 'SessionOrigin1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions ADD COLUMN user_agent text, ADD COLUMN client_address text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions DROP COLUMN user_agent, DROP COLUMN client_address`);
  }
}
