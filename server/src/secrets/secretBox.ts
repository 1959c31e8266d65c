import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption of secrets the server must be able to read back (connection
 * credentials, the LLM key, an SSO client secret): AES-256-GCM with a fresh
 * 96-bit nonce per value, authenticated together with a context string that
 * names the record it belongs to (e.g. `resources.credentials:<id>`), so a
 * sealed value copied onto another record does not open there.
 *
 * A sealed value is text: `rgsb1:<key id>:<base64url(nonce | ciphertext | tag)>`.
 * The key id (the first 8 hex digits of a SHA-256 of the key) says which key
 * sealed it, so values sealed with a previous key still open during a key
 * rotation and the rotation knows what is left to re-encrypt.
 */
export const SEALED_PREFIX = 'rgsb1:';
const SEALED_FORMAT = /^rgsb1:([0-9a-f]{8}):([A-Za-z0-9_-]+)$/;
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretKeyRing {
  /** Seals new values; opens values it sealed. */
  readonly current: Buffer;
  /** Only open values (keys being rotated out). */
  readonly previous: readonly Buffer[];
}

/** A sealed value that cannot be opened: sealed with an unknown key, altered, or stored for another record. */
export class SecretUnreadableError extends Error {}

/** Decodes a key given as 32 bytes in base64 (e.g. `openssl rand -base64 32`) or 64 hex digits; `name` says where it came from. */
export function parseSecretKey(text: string, name: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(value) ? Buffer.from(value, 'base64') : undefined;
  if (!key || key.length !== KEY_BYTES) {
    throw new Error(`${name} must be 32 random bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`) or 64 hex digits`);
  }
  return key;
}

/** A new random key, in the base64 form parseSecretKey reads. */
export function generateSecretKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/** The public name of a key: says which key sealed a value, reveals nothing of the key. */
export function secretKeyId(key: Buffer): string {
  return createHash('sha256').update('rolegraph secret key id\0').update(key).digest('hex').slice(0, 8);
}

export class SecretBox {
  readonly currentKeyId: string;
  private readonly current: Buffer;
  private readonly keys = new Map<string, Buffer>();

  constructor(ring: SecretKeyRing) {
    for (const key of [ring.current, ...ring.previous]) {
      if (key.length !== KEY_BYTES) throw new Error(`A secret key must be ${KEY_BYTES} bytes`);
      if (!this.keys.has(secretKeyId(key))) this.keys.set(secretKeyId(key), key);
    }
    this.current = ring.current;
    this.currentKeyId = secretKeyId(ring.current);
  }

  /**
   * Keys for another purpose (e.g. sealing list cursors), derived from this
   * box's keys with HKDF under `purpose`: the keys that seal stored secrets
   * are used for nothing else, and a key rotation rotates these too.
   */
  derivedRing(purpose: string): SecretKeyRing {
    const derive = (key: Buffer) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `rolegraph ${purpose}`, KEY_BYTES));
    return { current: derive(this.current), previous: [...this.keys.values()].filter((key) => key !== this.current).map(derive) };
  }

  /** Whether `value` has the sealed format (otherwise it is plain text). */
  static isSealed(value: string): boolean {
    return SEALED_FORMAT.test(value);
  }

  seal(plaintext: string, context: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const payload = Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]);
    return `${SEALED_PREFIX}${this.currentKeyId}:${payload.toString('base64url')}`;
  }

  /** The plaintext of a value sealed for `context`; throws SecretUnreadableError otherwise. */
  open(sealed: string, context: string): string {
    const match = SEALED_FORMAT.exec(sealed);
    if (!match) throw new SecretUnreadableError('The stored value is not in the sealed format');
    const key = this.keys.get(match[1]!);
    if (!key) throw new SecretUnreadableError(`The stored value was sealed with key ${match[1]}, which this server does not have`);
    const payload = Buffer.from(match[2]!, 'base64url');
    if (payload.length < NONCE_BYTES + TAG_BYTES) throw new SecretUnreadableError('The stored value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, payload.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(payload.subarray(payload.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(payload.subarray(NONCE_BYTES, payload.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadableError('The stored value does not authenticate: altered, or stored for another record');
    }
  }

  /** Whether a sealed value's key is one this box has (current or previous). */
  hasKeyFor(sealed: string): boolean {
    const match = SEALED_FORMAT.exec(sealed);
    return match !== null && this.keys.has(match[1]!);
  }

  /** Whether a sealed value was sealed with the current key. */
  isCurrent(sealed: string): boolean {
    return SEALED_FORMAT.exec(sealed)?.[1] === this.currentKeyId;
  }
}
