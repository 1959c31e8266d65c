import type { Capability } from '@rolegraph/shared';
import type { ApiKeyScopeNeed } from '../access/authorize';

export type { ApiKeyScopeNeed };

/**
 * What a field requires, declared with `@Authorized(...rules)`. Several rules
 * on one field mean any of them suffices. The rules only say *what* is
 * required; `authChecker.ts` decides through the evaluator.
 */
export type AccessRule =
  /** Any session or API key. */
  | { readonly kind: 'AUTHENTICATED' }
  /** A person's session, whether or not they still belong to an organization. */
  | { readonly kind: 'USER' }
  /** A member of the acting organization; an API key when it has the scope. */
  | { readonly kind: 'MEMBER'; readonly apiKey?: ApiKeyScopeNeed }
  /** A member whose org role holds the capability (SPEC 1.2); an API key when it has the scope. */
  | { readonly kind: 'CAPABILITY'; readonly capability: Capability; readonly apiKey?: ApiKeyScopeNeed }
  /**
   * An action on a resource (SPEC 1.5), decided by the evaluator. The resource
   * is the field's parent object, or the id found at `idArg` (a dotted path
   * into the field's arguments). An API key with the scope is allowed.
   */
  | { readonly kind: 'RESOURCE_ACTION'; readonly action: string; readonly idArg?: string; readonly apiKey?: ApiKeyScopeNeed }
  /**
   * Reading someone's access (SPEC 1.10): the caller themself, a member with
   * users.manage, or an API key with permissions: READ. `userIdArg` is a
   * dotted path to the user id in the arguments; through a list argument
   * (e.g. "inputs.userId") every id found must be allowed.
   */
  | { readonly kind: 'ACCESS_OF'; readonly userIdArg: string }
  /**
   * Managing a team (SPEC 1.6): its team admins and the org owners. The team
   * is the field's parent object or the id at `idArg`. An API key with the
   * scope is allowed.
   */
  | { readonly kind: 'TEAM_ADMIN'; readonly idArg?: string; readonly apiKey?: ApiKeyScopeNeed };

export const Rule = {
  authenticated: (): AccessRule => ({ kind: 'AUTHENTICATED' }),
  user: (): AccessRule => ({ kind: 'USER' }),
  member: (apiKey?: ApiKeyScopeNeed): AccessRule => ({ kind: 'MEMBER', apiKey }),
  can: (capability: Capability, apiKey?: ApiKeyScopeNeed): AccessRule => ({ kind: 'CAPABILITY', capability, apiKey }),
  onResource: (action: string, options: { idArg?: string; apiKey?: ApiKeyScopeNeed } = {}): AccessRule => ({
    kind: 'RESOURCE_ACTION',
    action,
    ...options,
  }),
  accessOf: (userIdArg: string): AccessRule => ({ kind: 'ACCESS_OF', userIdArg }),
  teamAdmin: (options: { idArg?: string; apiKey?: ApiKeyScopeNeed } = {}): AccessRule => ({ kind: 'TEAM_ADMIN', ...options }),
} as const;

/** Scope shorthands. */
export const Scope = {
  directoryRead: { area: 'directory', access: 'READ' },
  directoryWrite: { area: 'directory', access: 'WRITE' },
  resourcesRead: { area: 'resources', access: 'READ' },
  resourcesWrite: { area: 'resources', access: 'WRITE' },
  permissionsRead: { area: 'permissions', access: 'READ' },
  auditRead: { area: 'audit', access: 'READ' },
} as const satisfies Record<string, ApiKeyScopeNeed>;

/** A stable key for memoising a rule's verdict within a request. */
export function ruleKey(rule: AccessRule): string {
  return JSON.stringify(rule);
}
