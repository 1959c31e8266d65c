import type { LiveEvent } from '../live/liveEvents';
import type { Principal } from './principal';
import { hashSecret } from './secretTokens';

/** How long a credential checked against the database may answer from memory. */
export const REMEMBERED_CREDENTIAL_TTL_MS = 60_000;
/** Most credentials remembered at once (the least recently checked go first). */
const MAX_REMEMBERED = 10_000;

interface Remembered {
  readonly principal: Principal;
  readonly checkedAt: number;
}

/**
 * Credentials this instance checked against the database in the last
 * minute, so that a decision query asking for AT_LEAST or MINIMIZE_LATENCY
 * consistency can be answered without any database round trip — even while
 * the database is unreachable. Used for nothing else: every other request
 * authenticates against the database. Keyed by the secret's hash (the
 * secret itself is never kept). A credential is forgotten as soon as any
 * instance announces its session ended, its key was revoked, or its
 * membership or role changed; and all are forgotten when events may have
 * been missed. See docs/consistency.md.
 */
export class RememberedCredentials {
  private readonly entries = new Map<string, Remembered>();

  constructor(private readonly ttlMs = REMEMBERED_CREDENTIAL_TTL_MS) {}

  remember(secret: string, principal: Principal): void {
    const key = hashSecret(secret);
    this.entries.delete(key);
    this.entries.set(key, { principal, checkedAt: Date.now() });
    if (this.entries.size > MAX_REMEMBERED) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** The principal of a credential checked within the time to live, or null. */
  recall(secret: string): Principal | null {
    const key = hashSecret(secret);
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (Date.now() - entry.checkedAt > this.ttlMs) {
      this.entries.delete(key);
      return null;
    }
    return entry.principal;
  }

  /** Forgets the credentials an event ends or changes. */
  observe(event: LiveEvent): void {
    switch (event.type) {
      case 'sessionEnded':
        return this.forget((p) => p.kind === 'USER' && p.sessionId === event.sessionId);
      case 'apiKeyRevoked':
        return this.forget((p) => p.kind === 'API_KEY' && p.apiKeyId === event.apiKeyId);
      case 'membershipEnded':
        return this.forget((p) => p.kind === 'USER' && p.organizationId === event.organizationId && p.accountId === event.accountId);
      case 'memberChanged':
        if (event.accountId === null) return;
        return this.forget((p) => p.kind === 'USER' && p.organizationId === event.organizationId && p.accountId === event.accountId);
      default:
        return;
    }
  }

  /** Forgets everything (events may have been missed). */
  clear(): void {
    this.entries.clear();
  }

  private forget(matches: (principal: Principal) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.principal)) this.entries.delete(key);
  }
}
