import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { SecretBox, SEALED_PREFIX } from './secretBox';
import { loadSecretKeys, KEY_FILE, type KeySource } from './secretKeys';

/**
 * The columns that hold secrets the server reads back, sealed with the
 * SecretBox. Each sealed value is bound to its row: the context is
 * `<table>.<column>:<row key>`. A CHECK constraint on each column refuses a
 * value that is not sealed (migration SealedSecrets).
 */
export interface StoredSecretColumn {
  readonly table: string;
  readonly column: string;
  /** The row's key column (a uuid). */
  readonly rowKey: string;
  /** What people call these values, for messages. */
  readonly label: string;
  /** Columns that describe the secret and go with it when it is forgotten. */
  readonly describedBy?: readonly string[];
}

export const CONNECTION_CREDENTIALS: StoredSecretColumn = { table: 'resources', column: 'credentials', rowKey: 'id', label: 'connection credentials' };
export const LLM_API_KEY: StoredSecretColumn = {
  table: 'llm_configs',
  column: 'api_key',
  rowKey: 'organization_id',
  label: 'LLM API keys',
  describedBy: ['api_key_last4'],
};
export const SSO_CLIENT_SECRET: StoredSecretColumn = {
  table: 'sso_connections',
  column: 'client_secret',
  rowKey: 'organization_id',
  label: 'SSO client secrets',
};
export const STORED_SECRET_COLUMNS: readonly StoredSecretColumn[] = [CONNECTION_CREDENTIALS, LLM_API_KEY, SSO_CLIENT_SECRET];

function contextOf(column: StoredSecretColumn, rowKey: string): string {
  return `${column.table}.${column.column}:${rowKey.toLowerCase()}`;
}

/** The value to store in `column` of the row `rowKey` for this plaintext. */
export function sealStoredSecret(box: SecretBox, column: StoredSecretColumn, rowKey: string, plaintext: string): string {
  return box.seal(plaintext, contextOf(column, rowKey));
}

/** The plaintext of what `column` of the row `rowKey` holds. */
export function openStoredSecret(box: SecretBox, column: StoredSecretColumn, rowKey: string, stored: string): string {
  return box.open(stored, contextOf(column, rowKey));
}

export interface StoredSecretsReport {
  /** Plain-text values now sealed. */
  readonly sealed: number;
  /** Values re-sealed with the current key. */
  readonly resealed: number;
  /** Values sealed with a previous key and left as they are. */
  readonly onPreviousKey: number;
  /** Values sealed with a key this server does not have (and, with `forgetUnreadable`, cleared). */
  readonly unreadable: number;
}

const BATCH = 500;

/**
 * Brings every stored secret to the current key's seal: plain text is always
 * sealed; values under a previous key are re-sealed when `reseal` is set (the
 * rotation command), left alone otherwise (another instance may not have the
 * new key yet). With `forgetUnreadable`, values sealed with a key the box
 * does not have are cleared (the key is lost; they must be entered again).
 * Each write is guarded by the value it replaces, so a change made meanwhile
 * is never overwritten.
 */
export async function sealStoredSecrets(
  dataSource: DataSource,
  box: SecretBox,
  options: { reseal: boolean; forgetUnreadable?: boolean },
): Promise<StoredSecretsReport> {
  const report = { sealed: 0, resealed: 0, onPreviousKey: 0, unreadable: 0 };
  for (const column of STORED_SECRET_COLUMNS) {
    const { table, column: name, rowKey } = column;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { key: string; value: string }[] = await dataSource.query(
        `SELECT ${rowKey}::text AS key, ${name} AS value FROM ${table}
          WHERE ${name} IS NOT NULL AND ${name} NOT LIKE $1 AND ${rowKey} > $2
          ORDER BY ${rowKey} LIMIT ${BATCH}`,
        [`${SEALED_PREFIX}${box.currentKeyId}:%`, after],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.key;
      const updates: { key: string; old: string; value: string }[] = [];
      const forgotten: { key: string; old: string }[] = [];
      for (const row of rows) {
        if (!SecretBox.isSealed(row.value)) {
          updates.push({ key: row.key, old: row.value, value: sealStoredSecret(box, column, row.key, row.value) });
          report.sealed++;
        } else if (!box.hasKeyFor(row.value)) {
          if (options.forgetUnreadable) forgotten.push({ key: row.key, old: row.value });
          report.unreadable++;
        } else if (options.reseal) {
          updates.push({ key: row.key, old: row.value, value: sealStoredSecret(box, column, row.key, openStoredSecret(box, column, row.key, row.value)) });
          report.resealed++;
        } else {
          report.onPreviousKey++;
        }
      }
      if (updates.length) {
        await dataSource.query(
          `UPDATE ${table} t SET ${name} = u.value
             FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u (key, old, value)
            WHERE t.${rowKey} = u.key AND t.${name} = u.old`,
          [updates.map((u) => u.key), updates.map((u) => u.old), updates.map((u) => u.value)],
        );
      }
      if (forgotten.length) {
        const cleared = [name, ...(column.describedBy ?? [])].map((c) => `${c} = NULL`).join(', ');
        await dataSource.query(
          `UPDATE ${table} t SET ${cleared}
             FROM unnest($1::uuid[], $2::text[]) AS u (key, old)
            WHERE t.${rowKey} = u.key AND t.${name} = u.old`,
          [forgotten.map((u) => u.key), forgotten.map((u) => u.old)],
        );
      }
    }
  }
  // Once nothing is plain text, the constraints hold for every row, not only new ones.
  await validateSealedConstraints(dataSource);
  return report;
}

/** The CHECK constraint that refuses plain text in a column (added NOT VALID by the migration, validated once every row is sealed). */
export function sealedConstraintName(column: StoredSecretColumn): string {
  return `${column.table}_${column.column}_sealed`;
}

async function validateSealedConstraints(dataSource: DataSource): Promise<void> {
  const pending: { tbl: string; name: string }[] = await dataSource.query(
    `SELECT conrelid::regclass::text AS tbl, conname AS name FROM pg_constraint
      WHERE conname = ANY($1) AND connamespace = current_schema()::regnamespace AND NOT convalidated`,
    [STORED_SECRET_COLUMNS.map(sealedConstraintName)],
  );
  for (const constraint of pending) {
    await dataSource.query(`ALTER TABLE ${constraint.tbl} VALIDATE CONSTRAINT ${constraint.name}`);
  }
}

export class UnreadableSecretsError extends Error {}

export function unreadableMessage(count: number, source: KeySource): string {
  const what = `${count} stored secret${count === 1 ? '' : 's'} (${STORED_SECRET_COLUMNS.map((c) => c.label).join(', ')})`;
  const fix =
    source.kind === 'file'
      ? `Restore ${source.dataDir}/${KEY_FILE} from the backup of this data folder, or set ROLEGRAPH_SECRET_KEY (or ROLEGRAPH_SECRET_KEY_PREVIOUS) to the key they were encrypted with.`
      : 'Set ROLEGRAPH_SECRET_KEY to the key they were encrypted with, or add that key to ROLEGRAPH_SECRET_KEY_PREVIOUS.';
  return `${what} were encrypted with a key this server does not have. ${fix} If that key is lost, \`npm run rotate-secrets -- --forget-unreadable\` clears them (they must then be entered again).`;
}

/**
 * At start: the secret box from the configured key, every plain-text secret
 * sealed, and a refusal to start when stored secrets were sealed with a key
 * the server does not have (rather than failing on each read later).
 */
export async function openStoredSecrets(config: Pick<Config, 'secretKey' | 'previousSecretKeys'>, database: Database, logger: Logger): Promise<SecretBox> {
  const { ring, source } = loadSecretKeys(config, database);
  const box = new SecretBox(ring);
  const report = await sealStoredSecrets(database.dataSource, box, { reseal: false });
  if (report.unreadable > 0) throw new UnreadableSecretsError(unreadableMessage(report.unreadable, source));
  if (report.sealed > 0) logger.info({ sealed: report.sealed }, 'encrypted stored secrets that were in plain text');
  if (report.onPreviousKey > 0) {
    logger.warn({ onPreviousKey: report.onPreviousKey }, 'stored secrets are still encrypted with a previous key: run `npm run rotate-secrets`');
  }
  return box;
}
