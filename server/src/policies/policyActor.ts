import type { OrgRole } from '@rolegraph/shared';
import type { ApiKeyPrincipal, MemberPrincipal } from '../auth/principal';

/**
 * Who acts, as the member and team rules see them. An API key acts for its
 * organization with an admin's powers in the directory and never as anyone
 * in particular: it is nobody's "self", cannot give the Owner role and cannot
 * manage owners. This is the one place that says so.
 */
export type PolicyActor =
  | { readonly kind: 'MEMBER'; readonly accountId: string; readonly role: OrgRole }
  | { readonly kind: 'API_KEY'; readonly apiKeyId: string; readonly role: 'ADMIN' };

export function policyActorOf(principal: MemberPrincipal | ApiKeyPrincipal): PolicyActor {
  return principal.kind === 'USER'
    ? { kind: 'MEMBER', accountId: principal.accountId, role: principal.role }
    : { kind: 'API_KEY', apiKeyId: principal.apiKeyId, role: 'ADMIN' };
}

/** The actor's account, or null for an API key. */
export function actorAccountId(actor: PolicyActor): string | null {
  return actor.kind === 'MEMBER' ? actor.accountId : null;
}

/** Whether the actor is this account (an API key is never anyone). */
export function isSelf(actor: PolicyActor, accountId: string): boolean {
  return actor.kind === 'MEMBER' && actor.accountId === accountId;
}
