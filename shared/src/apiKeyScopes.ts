/**
 * API key scopes: each key has one access per area.
 * `WRITE` includes `READ`.
 */
export const API_SCOPE_AREAS = [
  { id: 'directory', label: 'Directory', covers: 'Members and teams' },
  { id: 'resources', label: 'Resources', covers: 'Catalog and grants' },
  { id: 'permissions', label: 'Permissions', covers: 'Checks and explanations for any member' },
  { id: 'audit', label: 'Audit', covers: 'The audit log' },
  { id: 'provisioning', label: 'Provisioning', covers: 'SCIM 2.0 at /scim/v2: users and groups from an identity provider (NONE or WRITE)' },
] as const;
export type ApiScopeArea = (typeof API_SCOPE_AREAS)[number]['id'];

export const API_SCOPE_ACCESS = ['NONE', 'READ', 'WRITE'] as const;
export type ApiScopeAccess = (typeof API_SCOPE_ACCESS)[number];

export type ApiKeyScopes = Record<ApiScopeArea, ApiScopeAccess>;

export const API_KEY_SCOPE_PRESETS: Record<'ALL' | 'READ_ONLY' | 'RESTRICTED', { label: string; scopes: ApiKeyScopes }> = {
  ALL: { label: 'All', scopes: { directory: 'WRITE', resources: 'WRITE', permissions: 'READ', audit: 'READ', provisioning: 'NONE' } },
  READ_ONLY: { label: 'Read only', scopes: { directory: 'READ', resources: 'READ', permissions: 'READ', audit: 'READ', provisioning: 'NONE' } },
  RESTRICTED: { label: 'Restricted', scopes: { directory: 'NONE', resources: 'NONE', permissions: 'READ', audit: 'NONE', provisioning: 'NONE' } },
};

/** Scopes as stored, with NONE for any area the key was created before (keys made before `provisioning` existed). */
export function withEveryArea(scopes: Partial<ApiKeyScopes>): ApiKeyScopes {
  return Object.fromEntries(API_SCOPE_AREAS.map((area) => [area.id, scopes[area.id] ?? 'NONE'])) as ApiKeyScopes;
}

const ACCESS_RANK: Record<ApiScopeAccess, number> = { NONE: 0, READ: 1, WRITE: 2 };

/** True when a key's scopes give at least `needed` on `area`. */
export function scopeAllows(scopes: ApiKeyScopes, area: ApiScopeArea, needed: Exclude<ApiScopeAccess, 'NONE'>): boolean {
  // Keys created before an area existed have no entry for it: NONE.
  return ACCESS_RANK[scopes[area] ?? 'NONE'] >= ACCESS_RANK[needed];
}
