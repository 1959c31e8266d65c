import type { ApiScopeArea } from '@rolegraph/shared';

/** What an API key needs for something: an area of its scopes, at READ or WRITE. */
export interface ApiKeyNeed {
  readonly area: ApiScopeArea;
  readonly access: 'READ' | 'WRITE';
}

/**
 * The needs rules and commands name. An API key acts for its organization
 * within these areas only; a rule without one refuses API keys.
 */
export const Scope = {
  directoryRead: { area: 'directory', access: 'READ' },
  directoryWrite: { area: 'directory', access: 'WRITE' },
  resourcesRead: { area: 'resources', access: 'READ' },
  resourcesWrite: { area: 'resources', access: 'WRITE' },
  permissionsRead: { area: 'permissions', access: 'READ' },
  auditRead: { area: 'audit', access: 'READ' },
} as const satisfies Record<string, ApiKeyNeed>;
