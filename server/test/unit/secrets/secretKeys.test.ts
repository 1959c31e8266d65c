import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../../src/config';
import { beginKeyFileRotation, finishKeyFileRotation, loadSecretKeys } from '../../../src/secrets/secretKeys';
import { secretKeyId } from '../../../src/secrets/secretBox';

const noSetting = { secretKey: undefined, previousSecretKeys: [] };
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rolegraph-keys-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the key of the embedded default', () => {
  it('is generated into the data folder on first start, readable by the owner only, and kept', () => {
    const first = loadSecretKeys(noSetting, { kind: 'embedded', embeddedDataDir: dir });
    const file = path.join(dir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.source).toEqual({ kind: 'file', dataDir: dir });
    const again = loadSecretKeys(noSetting, { kind: 'embedded', embeddedDataDir: dir });
    expect(again.ring.current).toEqual(first.ring.current);
  });

  it('is made owner-only again if its permissions were widened', () => {
    loadSecretKeys(noSetting, { kind: 'embedded', embeddedDataDir: dir });
    fs.chmodSync(path.join(dir, 'secret.key'), 0o644);
    loadSecretKeys(noSetting, { kind: 'embedded', embeddedDataDir: dir });
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('is a fresh one for each run of an in-memory database', () => {
    const a = loadSecretKeys(noSetting, { kind: 'embedded', embeddedDataDir: 'memory://' });
    const b = loadSecretKeys(noSetting, { kind: 'embedded', embeddedDataDir: 'memory://' });
    expect(a.source.kind).toBe('ephemeral');
    expect(a.ring.current).not.toEqual(b.ring.current);
  });

  it('gives way to ROLEGRAPH_SECRET_KEY, and stays readable as a previous key', () => {
    const fileKey = loadSecretKeys(noSetting, { kind: 'embedded', embeddedDataDir: dir }).ring.current;
    const setting = randomBytes(32);
    const keys = loadSecretKeys({ secretKey: setting, previousSecretKeys: [] }, { kind: 'embedded', embeddedDataDir: dir });
    expect(keys.ring.current).toEqual(setting);
    expect(keys.ring.previous).toEqual([fileKey]);
  });

  it('rotates: the old key stays as secret.key.previous until the rotation finishes', () => {
    const old = loadSecretKeys(noSetting, { kind: 'embedded', embeddedDataDir: dir }).ring.current;
    expect(beginKeyFileRotation(dir)).toEqual({ resumed: false });
    const during = loadSecretKeys(noSetting, { kind: 'embedded', embeddedDataDir: dir }).ring;
    expect(secretKeyId(during.current)).not.toBe(secretKeyId(old));
    expect(during.previous).toEqual([old]);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    // Interrupted and run again: the same new key, nothing lost.
    expect(beginKeyFileRotation(dir)).toEqual({ resumed: true });
    expect(loadSecretKeys(noSetting, { kind: 'embedded', embeddedDataDir: dir }).ring).toEqual(during);
    finishKeyFileRotation(dir);
    expect(loadSecretKeys(noSetting, { kind: 'embedded', embeddedDataDir: dir }).ring).toEqual({ current: during.current, previous: [] });
  });
});

describe('ROLEGRAPH_SECRET_KEY', () => {
  const url = 'postgres://postgres@127.0.0.1:5432/rolegraph';

  it('is required with DATABASE_URL: the start error names it', () => {
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/ROLEGRAPH_SECRET_KEY: required with DATABASE_URL/);
    expect(() => loadSecretKeys(noSetting, { kind: 'postgres', embeddedDataDir: undefined })).toThrow(/ROLEGRAPH_SECRET_KEY is not set/);
  });

  it('is checked for its form, and so are the previous keys', () => {
    expect(() => loadConfig({ ROLEGRAPH_SECRET_KEY: 'hunter2' })).toThrow(/ROLEGRAPH_SECRET_KEY must be 32 random bytes/);
    const good = randomBytes(32).toString('base64');
    expect(() => loadConfig({ ROLEGRAPH_SECRET_KEY: good, ROLEGRAPH_SECRET_KEY_PREVIOUS: `${good},short` })).toThrow(/ROLEGRAPH_SECRET_KEY_PREVIOUS must be/);
    const other = randomBytes(32);
    const config = loadConfig({ DATABASE_URL: url, ROLEGRAPH_SECRET_KEY: good, ROLEGRAPH_SECRET_KEY_PREVIOUS: ` ${other.toString('hex')} ` });
    expect(config.secretKey).toEqual(Buffer.from(good, 'base64'));
    expect(config.previousSecretKeys).toEqual([other]);
  });
});
