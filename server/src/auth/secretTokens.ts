import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque secrets: session tokens, invitation tokens, API key secrets and
 * password reset tokens.
 * 32 random bytes, prefixed by kind so a token's kind is known before any
 * lookup. Only the SHA-256 of a secret is stored: with 256 bits of entropy a
 * fast hash is enough, and lookups by hash stay one indexed query.
 */
export const TOKEN_PREFIX = {
  session: 'rgs_',
  invitation: 'rgi_',
  apiKey: 'rgk_',
  passwordReset: 'rgr_',
} as const;
export type TokenKind = keyof typeof TOKEN_PREFIX;

export function newSecret(kind: TokenKind): string {
  return TOKEN_PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretKind(secret: string): TokenKind | undefined {
  return (Object.keys(TOKEN_PREFIX) as TokenKind[]).find((k) => secret.startsWith(TOKEN_PREFIX[k]));
}
