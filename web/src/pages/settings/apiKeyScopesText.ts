import { API_SCOPE_AREAS, type ApiKeyScopes, type ApiScopeAccess } from '@rolegraph/shared';

const ACCESS_WORDS: Record<Exclude<ApiScopeAccess, 'NONE'>, string> = { READ: 'read', WRITE: 'read & write' };

/** True when the scopes give access to at least one area (the server refuses a key with none). */
export function hasAnyScope(scopes: Partial<ApiKeyScopes>): boolean {
  return API_SCOPE_AREAS.some((area) => (scopes[area.id] ?? 'NONE') !== 'NONE');
}

/** One line per area the key reaches, e.g. "Directory: read & write"; "No access" when none. */
export function readableScopes(scopes: Partial<ApiKeyScopes>): string[] {
  const lines = API_SCOPE_AREAS.flatMap((area) => {
    const access = scopes[area.id] ?? 'NONE';
    return access === 'NONE' ? [] : [`${area.label}: ${ACCESS_WORDS[access]}`];
  });
  return lines.length ? lines : ['No access'];
}

/** The id of the preset whose scopes equal these, or null (custom scopes). */
export function presetMatching(scopes: Partial<ApiKeyScopes>, presets: readonly { id: string; scopes: Partial<ApiKeyScopes> }[]): string | null {
  const same = (a: Partial<ApiKeyScopes>, b: Partial<ApiKeyScopes>) => API_SCOPE_AREAS.every((area) => (a[area.id] ?? 'NONE') === (b[area.id] ?? 'NONE'));
  return presets.find((preset) => same(preset.scopes, scopes))?.id ?? null;
}
