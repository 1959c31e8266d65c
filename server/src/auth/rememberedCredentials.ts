import { LRUCache } from 'lru-cache';
import type { LiveEvent } from '../live/liveEvents';
import type { Principal } from './principal';
import { hashSecret } from './secretTokens';

/** How long a credential checked against the database may answer from memory. */
export const REMEMBERED_CREDENTIAL_TTL_MS = 60_000;
/** Most credentials remembered at once (the least recently used go first). */
export const MAX_REMEMBERED_CREDENTIALS = 10_000;

/**
 * Credentials this instance checked against the database in the last
 * minute, so that a decision query asking for AT_LEAST or MINIMIZE_LATENCY
 * consistency can be answered without any database round trip — even while
 * the database is unreachable. Used for nothing else: every other request
 * authenticates against the database. Keyed by the secret's hash (the
 * secret itself is never kept). A credential is forgotten as soon as any
 * instance announces its session ended, its key was revoked, its membership
 * or role changed or its organization was deleted; and all are forgotten
 * when events may have been missed. See docs/consistency.md.
 */
export class RememberedCredentials {
  private readonly entries: LRUCache<string, Principal>;

  /**
   * `ttlMs`: how long after its check against the database a credential may
   * be recalled; `clock`: milliseconds, monotonic (tests pass their own).
   */
  constructor(ttlMs = REMEMBERED_CREDENTIAL_TTL_MS, max = MAX_REMEMBERED_CREDENTIALS, clock: { now(): number } = performance) {
    // A credential's time runs from when it was last checked (remembered), not from its last recall;
    // ttlResolution 0 reads the clock on every recall rather than keeping a timer to cache it.
    this.entries = new LRUCache<string, Principal>({ max, ttl: ttlMs, updateAgeOnGet: false, ttlResolution: 0, perf: clock });
  }

  remember(secret: string, principal: Principal): void {
    this.entries.set(hashSecret(secret), principal);
  }

  /** The principal of a credential checked within the time to live, or null. */
  recall(secret: string): Principal | null {
    return this.entries.get(hashSecret(secret)) ?? null;
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
      case 'organizationDeleted':
        return this.forget((p) => p.organizationId === event.organizationId);
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
    // Collected first: deleting while lru-cache iterates is not promised to visit every entry.
    const keys: string[] = [];
    for (const [key, principal] of this.entries.entries()) if (matches(principal)) keys.push(key);
    for (const key of keys) this.entries.delete(key);
  }
}
