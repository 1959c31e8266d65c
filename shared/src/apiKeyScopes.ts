/**
 * API key scopes: each key has one access per area.
 * `WRITE` includes `READ`.
 */
export const API_SCOPE_AREAS = [
  { id: 'directory', label: 'Directory', covers: 'Members and teams' },
  { id: 'resources', label: 'Resources', covers: 'Catalog and grants' },
  { id: 'permissions', label: 'Permissions', covers: 'Checks and explanations for any member' },
  { id: 'audit', label: 'Audit', covers: 'The audit log' },
] as const;
export type ApiScopeArea = (typeof API_SCOPE_AREAS)[number]['id'];

export const API_SCOPE_ACCESS = ['NONE', 'READ', 'WRITE'] as const;
export type ApiScopeAccess = (typeof API_SCOPE_ACCESS)[number];

export type ApiKeyScopes = Record<ApiScopeArea, ApiScopeAccess>;

export const API_KEY_SCOPE_PRESETS: Record<'ALL' | 'READ_ONLY' | 'RESTRICTED', { label: string; scopes: ApiKeyScopes }> = {
  ALL: { label: 'All', scopes: { directory: 'WRITE', resources: 'WRITE', permissions: 'READ', audit: 'READ' } },
  READ_ONLY: { label: 'Read only', scopes: { directory: 'READ', resources: 'READ', permissions: 'READ', audit: 'READ' } },
  RESTRICTED: { label: 'Restricted', scopes: { directory: 'NONE', resources: 'NONE', permissions: 'READ', audit: 'NONE' } },
};

const ACCESS_RANK: Record<ApiScopeAccess, number> = { NONE: 0, READ: 1, WRITE: 2 };

/** True when a key's scopes give at least `needed` on `area`. */
export function scopeAllows(scopes: ApiKeyScopes, area: ApiScopeArea, needed: Exclude<ApiScopeAccess, 'NONE'>): boolean {
  return ACCESS_RANK[scopes[area]] >= ACCESS_RANK[needed];
}
