import type { Database } from '../db/database';
import { withEveryArea, type ApiKeyScopes, type OrgRole } from '@rolegraph/shared';
import type { Principal } from './principal';
import { hashSecret, secretKind } from './secretTokens';
import { isDatabaseUnavailable } from '../db/databaseUnavailable';
import { DatabaseUnavailableError } from '../errors';

/** How stale a session's or API key's recorded last use may get before it is written again. */
const LAST_USED_RESOLUTION_MS = 60_000;

interface SessionRow {
  session_id: string;
  account_id: string;
  email: string;
  name: string;
  organization_id: string | null;
  role: OrgRole | null;
  access_revision: string | null;
  last_used_at: Date | null;
}

interface ApiKeyRow {
  id: string;
  organization_id: string;
  name: string;
  scopes: ApiKeyScopes;
  last_used_at: Date | null;
  access_revision: string;
}

/**
 * Resolves a bearer secret (session token or API key) to a principal with
 * one query, which also reads the organization's access revision. Unknown,
 * expired or revoked secrets resolve to null. Nothing is cached: a signed-out
 * session or revoked key is refused on the very next request. A database
 * that cannot be reached is a DatabaseUnavailableError (503 with Retry-After
 * over HTTP), for every caller alike.
 */
export async function authenticate(db: Database, secret: string | undefined): Promise<Principal | null> {
  if (!secret) return null;
  const kind = secretKind(secret);
  try {
    if (kind === 'session') return await authenticateSession(db, hashSecret(secret));
    if (kind === 'apiKey') return await authenticateApiKey(db, hashSecret(secret));
  } catch (error) {
    throw isDatabaseUnavailable(error) ? new DatabaseUnavailableError(error) : error;
  }
  return null;
}

async function authenticateSession(db: Database, tokenHash: string): Promise<Principal | null> {
  const rows = await db.prepared<SessionRow>(
    'authenticate-session',
    `SELECT s.id AS session_id, s.account_id, a.email, a.name, s.organization_id, m.role, o.access_revision, s.last_used_at
       FROM sessions s
       JOIN accounts a ON a.id = s.account_id
       LEFT JOIN memberships m ON m.organization_id = s.organization_id AND m.account_id = s.account_id
       LEFT JOIN organizations o ON o.id = s.organization_id
      WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  if (isStale(row.last_used_at)) recordUse(db, 'record-session-use', `UPDATE sessions SET last_used_at = now() WHERE id = $1`, row.session_id);
  return {
    kind: 'USER',
    accountId: row.account_id,
    email: row.email,
    name: row.name,
    sessionId: row.session_id,
    organizationId: row.organization_id,
    role: row.role,
    accessRevision: row.access_revision,
  };
}

async function authenticateApiKey(db: Database, secretHash: string): Promise<Principal | null> {
  const rows = await db.prepared<ApiKeyRow>(
    'authenticate-api-key',
    `SELECT k.id, k.organization_id, k.name, k.scopes, k.last_used_at, o.access_revision
       FROM api_keys k JOIN organizations o ON o.id = k.organization_id
      WHERE k.secret_hash = $1 AND k.revoked_at IS NULL`,
    [secretHash],
  );
  const row = rows[0];
  if (!row) return null;
  if (isStale(row.last_used_at)) recordUse(db, 'record-api-key-use', `UPDATE api_keys SET last_used_at = now() WHERE id = $1`, row.id);
  return {
    kind: 'API_KEY',
    apiKeyId: row.id,
    name: row.name,
    organizationId: row.organization_id,
    scopes: withEveryArea(row.scopes),
    accessRevision: row.access_revision,
  };
}

/** Whether a recorded last use is older than LAST_USED_RESOLUTION_MS (or missing), so is written again. */
function isStale(lastUsedAt: Date | null): boolean {
  return lastUsedAt === null || Date.now() - lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS;
}

/**
 * Writes a credential's last use beside the request rather than before it:
 * the stamp is shown to people, to the minute, and no request should wait
 * for a write (and its commit) it does not need. When the write fails, the
 * database is failing the requests themselves, which say so; the stamp
 * simply stays older until the next use writes it.
 */
function recordUse(db: Database, statement: string, sql: string, id: string): void {
  db.prepared(statement, sql, [id]).catch(() => undefined);
}
