import { ACCESS_LEVEL_LABELS, RESOURCE_TYPE_REGISTRY, roleHasCapability, scopeAllows, type Capability } from '@rolegraph/shared';
import { isMember, type ApiKeyPrincipal, type MemberPrincipal, type Principal } from '../auth/principal';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import { findResource } from '../access/accessGraph';
import { decideOnResource } from '../access/evaluator';
import type { RequestAccess } from '../access/requestAccess';
import type { ApiKeyNeed } from './apiKeyNeeds';
import { ALLOW, deny, type Verdict } from './verdict';

/**
 * The primitive verdicts: where a caller (a member's session or an API key)
 * meets the permission matrix and the evaluator. Every rule on the schema and
 * every named policy is built from these.
 */

export function notAMember(): Verdict {
  return deny(new ForbiddenError('You are not a member of this organization. Accept an invitation or switch organization.'));
}

export function apiKeyVerdict(principal: ApiKeyPrincipal, need: ApiKeyNeed | undefined): Verdict {
  if (!need) return deny(new ForbiddenError('API keys cannot do this; it needs a signed-in member.'));
  if (scopeAllows(principal.scopes, need.area, need.access)) return ALLOW;
  return deny(new ForbiddenError(`This API key's scopes do not include ${need.area}: ${need.access}.`));
}

export function authenticatedVerdict(principal: Principal | null): Verdict {
  return principal ? ALLOW : deny(new UnauthenticatedError());
}

/** A person's session (member of an organization or not); API keys are refused. */
export function personVerdict(principal: Principal | null): Verdict {
  if (!principal) return deny(new UnauthenticatedError());
  return principal.kind === 'USER' ? ALLOW : deny(new ForbiddenError('This needs a signed-in person, not an API key.'));
}

/** A member of the acting organization, or an API key with the need. */
export function memberVerdict(principal: Principal | null, apiKey?: ApiKeyNeed): Verdict {
  if (!principal) return deny(new UnauthenticatedError());
  if (principal.kind === 'API_KEY') return apiKeyVerdict(principal, apiKey);
  return isMember(principal) ? ALLOW : notAMember();
}

/** The caller acting in an organization (a member or an API key), or the verdict refusing them. */
export function actingCaller(principal: Principal | null, apiKey?: ApiKeyNeed): { caller: MemberPrincipal | ApiKeyPrincipal } | { refusal: Verdict } {
  const verdict = memberVerdict(principal, apiKey);
  if (!verdict.allowed) return { refusal: verdict };
  return { caller: principal as MemberPrincipal | ApiKeyPrincipal };
}

/** A member whose org role holds the capability, or an API key with the need. */
export function capabilityVerdict(principal: Principal | null, capability: Capability, apiKey?: ApiKeyNeed): Verdict {
  if (!principal) return deny(new UnauthenticatedError());
  if (principal.kind === 'API_KEY') return apiKeyVerdict(principal, apiKey);
  if (!isMember(principal)) return notAMember();
  if (roleHasCapability(principal.role, capability)) return ALLOW;
  return deny(new ForbiddenError(`This needs the ${capability} capability, which your role (${principal.role}) does not have.`));
}

/**
 * Reading someone's access: your own; anyone's with users.manage; any
 * member's with an API key holding permissions: READ.
 */
export function accessOfVerdict(principal: Principal | null, userIds: readonly string[]): Verdict {
  if (!principal) return deny(new UnauthenticatedError());
  if (principal.kind === 'API_KEY') return apiKeyVerdict(principal, { area: 'permissions', access: 'READ' });
  if (!isMember(principal)) return notAMember();
  if (userIds.every((id) => id.toLowerCase() === principal.accountId)) return ALLOW;
  if (roleHasCapability(principal.role, 'users.manage')) return ALLOW;
  return deny(new ForbiddenError('You can check your own access; checking someone else’s needs the users.manage capability.'));
}

/**
 * An action on a resource for the caller, decided by the evaluator (levels,
 * capabilities, drafts, the owner and rescue rules of transferOwnership).
 * Someone who cannot even see the resource is told it does not exist; an API
 * key needs the scope (it acts for the organization, not as a person).
 */
export async function resourceActionVerdict(
  access: RequestAccess,
  action: string,
  resourceId: string | undefined | null,
  apiKey?: ApiKeyNeed,
): Promise<Verdict> {
  const principal = access.principal;
  if (!principal) return deny(new UnauthenticatedError());
  if (principal.kind === 'USER' && !isMember(principal)) return notAMember();
  const graph = await access.graph();
  const resource = findResource(graph, resourceId);
  if (!resource) return deny(new NotFoundError('resource', resourceId ?? undefined));
  if (principal.kind === 'API_KEY') return apiKeyVerdict(principal, apiKey);
  const decision = decideOnResource(graph, principal.accountId, action, resource);
  if (decision.allowed) return ALLOW;
  // Someone who cannot even see it is answered exactly as for a missing id.
  if (decision.level === 'NONE') return deny(new NotFoundError('resource', resource.id, true));
  const label = RESOURCE_TYPE_REGISTRY[resource.type].label.toLowerCase();
  const denial = decision.denial;
  if (denial?.kind === 'MISSING_CAPABILITY') {
    return deny(new ForbiddenError(`"${action}" on this ${label} also needs the ${denial.capability} capability, which your role does not have.`));
  }
  const required = denial && 'requiredLevel' in denial ? denial.requiredLevel : 'ADMIN';
  if (required === 'OWNER') {
    return deny(
      new ForbiddenError(
        `Only the ${label}'s owner or an owner of the organization can do "${action}"; you have ${ACCESS_LEVEL_LABELS[decision.level]} access.`,
      ),
    );
  }
  return deny(
    new ForbiddenError(`"${action}" on this ${label} needs ${ACCESS_LEVEL_LABELS[required]} access; you have ${ACCESS_LEVEL_LABELS[decision.level]}.`),
  );
}
