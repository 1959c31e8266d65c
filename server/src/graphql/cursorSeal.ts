import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { secretKeyId, type SecretKeyRing } from '../secrets/secretBox';

const KEY_ID_BYTES = 4;
const SIV_BYTES = 16;

interface CursorKeys {
  readonly id: Buffer;
  readonly encryption: Buffer;
  readonly authentication: Buffer;
}

function cursorKeys(key: Buffer): CursorKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
  return {
    id: Buffer.from(secretKeyId(key), 'hex').subarray(0, KEY_ID_BYTES),
    encryption: derive('rolegraph list cursor encryption'),
    authentication: derive('rolegraph list cursor authentication'),
  };
}

/**
 * Makes list cursors opaque and tamper-evident: a cursor carries its sort
 * keys (a resource's name, an audit entry's number), which the caller may
 * not be allowed to read (an API key with permissions: READ pages
 * accessibleResources by ids alone), so it is sealed.
 *
 * Deterministic authenticated encryption, the synthetic-IV construction
 * (RFC 5297's idea with HMAC-SHA-256 and AES-256-CTR): the IV is a MAC of
 * the list's name and the plaintext, so the same cursor seals the same way,
 * any change to it fails to open, and no random nonce can repeat however
 * many cursors a busy server makes. A cursor opens only for the list it was
 * made for. The ring is derived from the server's secret key
 * (`SecretBox.derivedRing`), never the key itself; cursors made with a
 * previous key still open during a key rotation.
 *
 * Sealed: base64url(key id (4 bytes) | IV (16) | ciphertext).
 */
export class CursorSeal {
  private readonly current: CursorKeys;
  private readonly byId = new Map<string, CursorKeys>();

  constructor(ring: SecretKeyRing) {
    this.current = cursorKeys(ring.current);
    for (const keys of [this.current, ...ring.previous.map(cursorKeys)]) {
      if (!this.byId.has(keys.id.toString('hex'))) this.byId.set(keys.id.toString('hex'), keys);
    }
  }

  seal(plaintext: string, list: string): string {
    const keys = this.current;
    const text = Buffer.from(plaintext, 'utf8');
    const iv = syntheticIv(keys, list, text);
    const cipher = createCipheriv('aes-256-ctr', keys.encryption, iv);
    return Buffer.concat([keys.id, iv, cipher.update(text), cipher.final()]).toString('base64url');
  }

  /** The plaintext of a cursor sealed for `list`; null for anything else (altered, made for another list, or by a key this server lacks). */
  open(sealed: string, list: string): string | null {
    const bytes = Buffer.from(sealed, 'base64url');
    if (bytes.length < KEY_ID_BYTES + SIV_BYTES) return null;
    const keys = this.byId.get(bytes.subarray(0, KEY_ID_BYTES).toString('hex'));
    if (!keys) return null;
    const iv = bytes.subarray(KEY_ID_BYTES, KEY_ID_BYTES + SIV_BYTES);
    const decipher = createDecipheriv('aes-256-ctr', keys.encryption, iv);
    const text = Buffer.concat([decipher.update(bytes.subarray(KEY_ID_BYTES + SIV_BYTES)), decipher.final()]);
    if (!timingSafeEqual(iv, syntheticIv(keys, list, text))) return null;
    return text.toString('utf8');
  }
}

function syntheticIv(keys: CursorKeys, list: string, text: Buffer): Buffer {
  return createHmac('sha256', keys.authentication).update(list, 'utf8').update(Buffer.of(0)).update(text).digest().subarray(0, SIV_BYTES);
}
