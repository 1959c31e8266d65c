import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ROOT } from './serverProcess';

export type DatabaseKind = 'postgres' | 'embedded';

export interface PreparedDatabase {
  readonly kind: DatabaseKind;
  /** Settings for the server and the import to use it. */
  readonly env: Record<string, string>;
  dispose(): Promise<void>;
}

/** A fresh, empty database: a new PostgreSQL database on the server of `adminUrl`, or a new embedded data folder. */
export async function freshDatabase(kind: DatabaseKind, adminUrl: string, name: string): Promise<PreparedDatabase> {
  if (kind === 'embedded') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rolegraph-bench-${name}-`));
    const dataDir = path.join(dir, 'data');
    return { kind, env: { ROLEGRAPH_DATA_DIR: dataDir, DATABASE_URL: '' }, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const database = `rolegraph_bench_${name}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return {
    kind,
    // One key for the import and the server: it seals the connections' credentials.
    env: { DATABASE_URL: url.toString(), ROLEGRAPH_SECRET_KEY: randomBytes(32).toString('base64') },
    async dispose() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface ImportResult {
  readonly organizationId: string;
  readonly ms: number;
  readonly ids: { members: Record<string, string>; teams: Record<string, string>; resources: Record<string, string> };
}

/** Loads an import file through the project's own bulk import command, as an operator would. */
export function importFile(database: PreparedDatabase, file: string, organizationName: string): ImportResult {
  const output = execFileSync(
    process.execPath,
    [path.join(ROOT, 'server', 'dist', 'bulkImport', 'importCli.js'), file, '--new-organization', organizationName, '--json'],
    {
      env: { ...process.env, ...database.env, LOG_LEVEL: 'warn', REDIS_URL: '' },
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
    },
  );
  return JSON.parse(output) as ImportResult;
}
