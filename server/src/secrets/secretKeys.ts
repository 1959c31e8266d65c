import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, type Config } from '../config';
import type { Database } from '../db/database';
import { isInMemory } from '../db/embeddedPostgres';
import { generateSecretKey, parseSecretKey, type SecretKeyRing } from './secretBox';

/** The embedded default's key, in its data folder; owner-only. */
export const KEY_FILE = 'secret.key';
/** During a key rotation of the embedded default: the key being rotated out, until every value is re-encrypted. */
export const PREVIOUS_KEY_FILE = 'secret.key.previous';

export type KeySource = { readonly kind: 'setting' } | { readonly kind: 'file'; readonly dataDir: string } | { readonly kind: 'ephemeral' };

export interface LoadedKeys {
  readonly ring: SecretKeyRing;
  readonly source: KeySource;
}

/**
 * The keys that seal stored secrets:
 * - ROLEGRAPH_SECRET_KEY when set (and ROLEGRAPH_SECRET_KEY_PREVIOUS);
 * - otherwise, with the embedded database, `secret.key` in its data folder,
 *   generated on first start with owner-only permissions (an in-memory
 *   database gets a key for this run only);
 * - with DATABASE_URL and no ROLEGRAPH_SECRET_KEY: a start error. The key
 *   must not live beside the data it protects, and every instance must share it.
 */
export function loadSecretKeys(config: Pick<Config, 'secretKey' | 'previousSecretKeys'>, database: Pick<Database, 'kind' | 'embeddedDataDir'>): LoadedKeys {
  const dataDir = database.kind === 'embedded' ? database.embeddedDataDir : undefined;
  if (config.secretKey) {
    // A key file left from the embedded default stays readable, so switching to the setting loses nothing.
    const fromFile = dataDir && !isInMemory(dataDir) ? readKeyFiles(dataDir) : [];
    return { ring: { current: config.secretKey, previous: [...config.previousSecretKeys, ...fromFile] }, source: { kind: 'setting' } };
  }
  if (!dataDir) {
    throw new ConfigError(
      'ROLEGRAPH_SECRET_KEY is not set. With DATABASE_URL the server needs a key to encrypt connection credentials and LLM keys at rest: ' +
        'set ROLEGRAPH_SECRET_KEY to 32 random bytes in base64 (e.g. the output of `openssl rand -base64 32`), the same on every instance.',
    );
  }
  if (isInMemory(dataDir)) {
    return { ring: { current: randomBytes(32), previous: config.previousSecretKeys }, source: { kind: 'ephemeral' } };
  }
  const [current, ...previous] = readKeyFiles(dataDir, { create: true });
  return { ring: { current: current!, previous: [...previous, ...config.previousSecretKeys] }, source: { kind: 'file', dataDir } };
}

/** The data folder's key (created when missing and `create` is set), then the key being rotated out, if any. */
function readKeyFiles(dataDir: string, options: { create?: boolean } = {}): Buffer[] {
  const keyFile = path.join(dataDir, KEY_FILE);
  if (options.create) createKeyFile(keyFile);
  const keys: Buffer[] = [];
  for (const file of [keyFile, path.join(dataDir, PREVIOUS_KEY_FILE)]) {
    if (!fs.existsSync(file)) continue;
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    keys.push(parseSecretKey(fs.readFileSync(file, 'utf8'), file));
  }
  return keys;
}

/** Writes a new random key to `file` unless it exists; only the server's user can read it. */
export function createKeyFile(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, `${generateSecretKey()}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * First step of a key rotation of the embedded default: the current key
 * becomes `secret.key.previous` (still used to open values) and a new
 * `secret.key` is generated. Left as is when a rotation was interrupted
 * after this step. Every state in between opens every value.
 */
export function beginKeyFileRotation(dataDir: string): { resumed: boolean } {
  const keyFile = path.join(dataDir, KEY_FILE);
  const previousFile = path.join(dataDir, PREVIOUS_KEY_FILE);
  if (fs.existsSync(previousFile)) {
    createKeyFile(keyFile);
    return { resumed: true };
  }
  if (!fs.existsSync(keyFile)) throw new Error(`${keyFile} does not exist: there is no key to rotate`);
  fs.renameSync(keyFile, previousFile);
  syncFolder(dataDir);
  createKeyFile(keyFile);
  syncFolder(dataDir);
  return { resumed: false };
}

/** Last step, once every value is sealed with the new key: the old key is deleted. */
export function finishKeyFileRotation(dataDir: string): void {
  fs.rmSync(path.join(dataDir, PREVIOUS_KEY_FILE), { force: true });
  syncFolder(dataDir);
}

function syncFolder(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
