import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password reset links: a single-use token stored only as its SHA-256 hash,
 * valid for one hour. `used_at` is set when the link is used; a used or
 * expired row is kept until the account's next request replaces it.
 */
export class PasswordResets1764500000000 implements MigrationInterface {
  name = 'PasswordResets1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX password_resets_account ON password_resets (account_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS password_resets;`);
  }
}
