import { roleHasCapability } from '@rolegraph/shared';
import { Scope } from '../policies/apiKeyNeeds';
import { definePolicy } from '../policies/policy';
import { ALLOW } from '../policies/verdict';
import type { AccessGraph } from '../access/accessGraph';
import type { ApiKeyPrincipal, MemberPrincipal } from '../auth/principal';

/**
 * Who follows the access change stream, and what they see: an API key with
 * permissions: READ and a member who may manage members (users.manage) see
 * every change of the organization; any other member sees only the changes
 * of their own levels (what checkPermission would tell them about
 * themselves).
 */
export const followAccessChangesPolicy = definePolicy<Record<string, never>>({
  name: 'accessChanges.follow',
  rule: 'any member (their own levels; users.manage: everyone’s), or an API key with permissions: READ (everyone’s)',
  apiKey: Scope.permissionsRead,
  decide() {
    return ALLOW;
  },
});

/** Whose changes the subscriber sees now: null for everyone's, else one user's; refused (undefined) once they are not a member. */
export function visibleChangesOf(principal: MemberPrincipal | ApiKeyPrincipal, graph: AccessGraph): { readonly userId: string | null } | undefined {
  if (principal.kind === 'API_KEY') return { userId: null };
  const role = graph.memberRole(principal.accountId);
  if (role === undefined) return undefined;
  return roleHasCapability(role, 'users.manage') ? { userId: null } : { userId: principal.accountId };
}
