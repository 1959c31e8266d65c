import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secrets the server reads back (connection credentials, the LLM key) are
 * stored sealed (server/src/secrets): from now on the database refuses a
 * plain-text value in these columns. The constraints are added NOT VALID
 * because rows written before this version may still hold plain text: the
 * server seals those when it starts (the key is not available to a
 * migration), then validates the constraints.
 */
export class SealedSecrets1764100000000 implements MigrationInterface {
  name = 'SealedSecrets1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE resources ADD CONSTRAINT resources_credentials_sealed
        CHECK (credentials IS NULL OR credentials LIKE 'rgsb1:%') NOT VALID;
      ALTER TABLE llm_configs ADD CONSTRAINT llm_configs_api_key_sealed
        CHECK (api_key IS NULL OR api_key LIKE 'rgsb1:%') NOT VALID;
      -- The start-up check and the key rotation read only the rows that hold credentials.
      CREATE INDEX resources_with_credentials ON resources (id) WHERE credentials IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS resources_with_credentials;
      ALTER TABLE llm_configs DROP CONSTRAINT IF EXISTS llm_configs_api_key_sealed;
      ALTER TABLE resources DROP CONSTRAINT IF EXISTS resources_credentials_sealed;
    `);
  }
}
