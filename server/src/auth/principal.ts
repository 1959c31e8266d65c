import type { ApiKeyScopes, OrgRole } from '@rolegraph/shared';

/**
 * Who is calling. A user acts through a session in one organization (where
 * they may no longer be a member: then `role` is null); an API key acts in
 * its own organization within its scopes.
 *
 * `accessRevision` is the organization's access revision read together with
 * the credential, at the start of the request: the evaluator answers from a
 * snapshot at least this recent.
 */
export type Principal = UserPrincipal | ApiKeyPrincipal;

export interface UserPrincipal {
  readonly kind: 'USER';
  readonly accountId: string;
  readonly email: string;
  readonly name: string;
  readonly sessionId: string;
  readonly organizationId: string | null;
  readonly role: OrgRole | null;
  readonly accessRevision: string | null;
}

export interface ApiKeyPrincipal {
  readonly kind: 'API_KEY';
  readonly apiKeyId: string;
  readonly name: string;
  readonly organizationId: string;
  readonly scopes: ApiKeyScopes;
  readonly accessRevision: string;
}

/** A user acting as a member of their session's organization. */
export type MemberPrincipal = UserPrincipal & { readonly organizationId: string; readonly role: OrgRole; readonly accessRevision: string };

export function isMember(principal: Principal | null): principal is MemberPrincipal {
  return principal?.kind === 'USER' && principal.organizationId !== null && principal.role !== null;
}

/** The organization a principal acts in, if any. */
export function actingOrganizationId(principal: Principal | null): string | null {
  if (!principal) return null;
  return principal.kind === 'API_KEY' ? principal.organizationId : principal.role ? principal.organizationId : null;
}
