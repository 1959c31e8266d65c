import { randomBytes } from 'node:crypto';
import { SecretBox, SecretUnreadableError, generateSecretKey, parseSecretKey, secretKeyId } from '../../../src/secrets/secretBox';

const key = () => randomBytes(32);

describe('the secret box', () => {
  it('opens what it sealed, for the same record', () => {
    const box = new SecretBox({ current: key(), previous: [] });
    const sealed = box.seal('postgres://analytics:s3cret@db/sales', 'resources.credentials:1');
    expect(box.open(sealed, 'resources.credentials:1')).toBe('postgres://analytics:s3cret@db/sales');
  });

  it('never stores the plaintext, and seals the same value differently each time', () => {
    const box = new SecretBox({ current: key(), previous: [] });
    const a = box.seal('sk-live-123456', 'llm_configs.api_key:1');
    const b = box.seal('sk-live-123456', 'llm_configs.api_key:1');
    expect(a).not.toContain('sk-live');
    expect(Buffer.from(a.split(':')[2]!, 'base64url').toString('latin1')).not.toContain('sk-live');
    expect(a).not.toBe(b);
    expect(SecretBox.isSealed(a)).toBe(true);
    expect(SecretBox.isSealed('sk-live-123456')).toBe(false);
  });

  it('seals the empty string too', () => {
    const box = new SecretBox({ current: key(), previous: [] });
    expect(box.open(box.seal('', 'c'), 'c')).toBe('');
  });

  it('does not open a value copied onto another record', () => {
    const box = new SecretBox({ current: key(), previous: [] });
    const sealed = box.seal('secret of connection 1', 'resources.credentials:1');
    expect(() => box.open(sealed, 'resources.credentials:2')).toThrow(SecretUnreadableError);
  });

  it('does not open an altered value', () => {
    const box = new SecretBox({ current: key(), previous: [] });
    const sealed = box.seal('secret', 'c');
    const payload = Buffer.from(sealed.split(':')[2]!, 'base64url');
    payload[14] = payload[14]! ^ 1;
    const altered = `${sealed.split(':').slice(0, 2).join(':')}:${payload.toString('base64url')}`;
    expect(() => box.open(altered, 'c')).toThrow(/does not authenticate/);
    expect(() => box.open(sealed.slice(0, 20), 'c')).toThrow(SecretUnreadableError);
  });

  it('does not open a value sealed with a key it does not have', () => {
    const sealed = new SecretBox({ current: key(), previous: [] }).seal('secret', 'c');
    const other = new SecretBox({ current: key(), previous: [] });
    expect(other.hasKeyFor(sealed)).toBe(false);
    expect(() => other.open(sealed, 'c')).toThrow(/sealed with key [0-9a-f]{8}, which this server does not have/);
  });

  it('opens values sealed with a previous key and tells them apart from current ones', () => {
    const oldKey = key();
    const newKey = key();
    const old = new SecretBox({ current: oldKey, previous: [] }).seal('secret', 'c');
    const rotated = new SecretBox({ current: newKey, previous: [oldKey] });
    expect(rotated.open(old, 'c')).toBe('secret');
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.isCurrent(rotated.seal('secret', 'c'))).toBe(true);
    expect(rotated.currentKeyId).toBe(secretKeyId(newKey));
  });
});

describe('secret keys', () => {
  it('are read as base64 or hex, 32 bytes', () => {
    const bytes = randomBytes(32);
    expect(parseSecretKey(bytes.toString('base64'), 'K')).toEqual(bytes);
    expect(parseSecretKey(bytes.toString('base64url'), 'K')).toEqual(bytes);
    expect(parseSecretKey(` ${bytes.toString('hex')}\n`, 'K')).toEqual(bytes);
    expect(parseSecretKey(generateSecretKey(), 'K')).toHaveLength(32);
  });

  it('are refused, by name, when not 32 bytes', () => {
    expect(() => parseSecretKey('correct horse battery staple', 'ROLEGRAPH_SECRET_KEY')).toThrow(/^ROLEGRAPH_SECRET_KEY must be 32 random bytes/);
    expect(() => parseSecretKey(randomBytes(16).toString('base64'), 'K')).toThrow(/^K must be/);
    expect(() => parseSecretKey(randomBytes(31).toString('hex'), 'K')).toThrow(/^K must be/);
  });

  it('have an id that does not reveal them', () => {
    const bytes = randomBytes(32);
    expect(secretKeyId(bytes)).toMatch(/^[0-9a-f]{8}$/);
    expect(bytes.toString('hex')).not.toContain(secretKeyId(bytes));
  });
});
