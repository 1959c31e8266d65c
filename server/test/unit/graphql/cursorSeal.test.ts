import { randomBytes } from 'node:crypto';
import { CursorSeal } from '../../../src/graphql/cursorSeal';
import { SecretBox } from '../../../src/secrets/secretBox';

const key = () => randomBytes(32);

describe('CursorSeal: list cursors are opaque and tamper-evident', () => {
  const seal = new CursorSeal({ current: key(), previous: [] });
  const keys = JSON.stringify(['quarterly board pack', '2b1f3c52-9d0e-4a7b-8c61-0f4e5d6a7b8c']);

  it('opens what it sealed, for the same list only, and shows nothing of it', () => {
    const cursor = seal.seal(keys, 'resources');
    expect(seal.open(cursor, 'resources')).toBe(keys);
    expect(seal.open(cursor, 'members')).toBeNull();
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    for (const text of [cursor, Buffer.from(cursor, 'base64url').toString('latin1')]) expect(text).not.toMatch(/quarterly|board|2b1f3c52/);
  });

  it('seals the same keys the same way (no random nonce to repeat), and different keys differently', () => {
    expect(seal.seal(keys, 'resources')).toBe(seal.seal(keys, 'resources'));
    expect(seal.seal(keys, 'resources')).not.toBe(seal.seal(keys, 'teams'));
    expect(seal.seal(keys, 'resources')).not.toBe(seal.seal(JSON.stringify(['quarterly board pacl', 'x']), 'resources'));
  });

  it('refuses any changed byte, a truncated cursor, and one of another server', () => {
    const cursor = Buffer.from(seal.seal(keys, 'resources'), 'base64url');
    for (let i = 0; i < cursor.length; i++) {
      const changed = Buffer.from(cursor);
      changed[i] ^= 0x01;
      expect(seal.open(changed.toString('base64url'), 'resources')).toBeNull();
    }
    expect(seal.open(cursor.subarray(0, 19).toString('base64url'), 'resources')).toBeNull();
    expect(seal.open('', 'resources')).toBeNull();
    expect(new CursorSeal({ current: key(), previous: [] }).open(cursor.toString('base64url'), 'resources')).toBeNull();
  });

  it('during a key rotation, cursors made with the previous key still open', () => {
    const before = key();
    const old = new CursorSeal({ current: before, previous: [] }).seal(keys, 'audit');
    expect(new CursorSeal({ current: key(), previous: [before] }).open(old, 'audit')).toBe(keys);
  });
});

describe('SecretBox.derivedRing: keys for another purpose', () => {
  it('are neither the secret keys nor the same for two purposes, and follow a rotation', () => {
    const current = key();
    const previous = key();
    const box = new SecretBox({ current, previous: [previous] });
    const ring = box.derivedRing('list cursors');
    expect(ring.current.equals(current)).toBe(false);
    expect(ring.current.equals(box.derivedRing('something else').current)).toBe(false);
    expect(ring.current.equals(new SecretBox({ current, previous: [] }).derivedRing('list cursors').current)).toBe(true);
    expect(ring.previous).toHaveLength(1);
    expect(ring.previous[0]!.equals(new SecretBox({ current: previous, previous: [] }).derivedRing('list cursors').current)).toBe(true);
  });
});
