import {
  ACCESS_LEVEL_LABELS,
  RESOURCE_TYPE_REGISTRY,
  roleHasCapability,
  scopeAllows,
  type Capability,
} from '@rolegraph/shared';
import { isMember, type Principal } from '../auth/principal';
import { DomainError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import { isUuid } from '../ids';
import type { AccessGraph, ResourceNode } from './accessGraph';
import { decide } from './evaluator';
import { isTeamAdmin } from '../teams/teamPolicy';
import type { RequestAccess } from './requestAccess';

/** What an API key needs for something: an area and READ or WRITE. */
export interface ApiKeyScopeNeed {
  readonly area: 'directory' | 'resources' | 'permissions' | 'audit';
  readonly access: 'READ' | 'WRITE';
}

/**
 * Authorization verdicts for the caller of a request: the one place where a
 * principal (member or API key) meets the matrix and the evaluator. Used by
 * the schema's `@Authorized` rules and by commands for checks that depend on
 * their input (the type being created, the fields being changed).
 */
export type Verdict = { readonly allowed: true } | { readonly allowed: false; readonly error: DomainError };

export const ALLOW: Verdict = { allowed: true };
export const deny = (error: DomainError): Verdict => ({ allowed: false, error });

/** Throws the verdict's error when it denies. */
export function enforce(verdict: Verdict): void {
  if (!verdict.allowed) throw verdict.error;
}

function notAMember(): Verdict {
  return deny(new ForbiddenError('You are not a member of this organization. Accept an invitation or switch organization.'));
}

export function apiKeyVerdict(principal: Principal & { kind: 'API_KEY' }, need: ApiKeyScopeNeed | undefined): Verdict {
  if (!need) return deny(new ForbiddenError('API keys cannot do this; it needs a signed-in member.'));
  if (scopeAllows(principal.scopes, need.area, need.access)) return ALLOW;
  return deny(new ForbiddenError(`This API key's scopes do not include ${need.area}: ${need.access}.`));
}

export function authenticatedVerdict(principal: Principal | null): Verdict {
  return principal ? ALLOW : deny(new UnauthenticatedError());
}

export function memberVerdict(principal: Principal | null, apiKey?: ApiKeyScopeNeed): Verdict {
  if (!principal) return deny(new UnauthenticatedError());
  if (principal.kind === 'API_KEY') return apiKeyVerdict(principal, apiKey);
  return isMember(principal) ? ALLOW : notAMember();
}

/** A member whose org role holds the capability (SPEC 1.2), or an API key with the scope. */
export function capabilityVerdict(principal: Principal | null, capability: Capability, apiKey?: ApiKeyScopeNeed): Verdict {
  if (!principal) return deny(new UnauthenticatedError());
  if (principal.kind === 'API_KEY') return apiKeyVerdict(principal, apiKey);
  if (!isMember(principal)) return notAMember();
  if (roleHasCapability(principal.role, capability)) return ALLOW;
  return deny(new ForbiddenError(`This needs the ${capability} capability, which your role (${principal.role}) does not have.`));
}

/** SPEC 1.10: your own access; someone else's with users.manage; any member's with an API key holding permissions: READ. */
export function accessOfVerdict(principal: Principal | null, userIds: readonly string[]): Verdict {
  if (!principal) return deny(new UnauthenticatedError());
  if (principal.kind === 'API_KEY') return apiKeyVerdict(principal, { area: 'permissions', access: 'READ' });
  if (!isMember(principal)) return notAMember();
  if (userIds.every((id) => id.toLowerCase() === principal.accountId)) return ALLOW;
  if (roleHasCapability(principal.role, 'users.manage')) return ALLOW;
  return deny(new ForbiddenError('You can check your own access; checking someone else’s needs the users.manage capability.'));
}

/** The resource by id in the acting organization's graph, or a NOT_FOUND verdict. */
export function findResource(graph: AccessGraph, resourceId: string | undefined | null): ResourceNode | undefined {
  return resourceId && isUuid(resourceId) ? graph.resource(resourceId.toLowerCase()) : undefined;
}

/**
 * An action on a resource (SPEC 1.5) for the caller, decided by the evaluator.
 * Someone who cannot even see the resource is told it does not exist; an API
 * key needs the scope (it acts for the organization, not as a person).
 */
export async function resourceActionVerdict(
  access: RequestAccess,
  action: string,
  resourceId: string | undefined | null,
  apiKey?: ApiKeyScopeNeed,
): Promise<Verdict> {
  const principal = access.principal;
  if (!principal) return deny(new UnauthenticatedError());
  if (principal.kind === 'USER' && !isMember(principal)) return notAMember();
  const graph = await access.graph();
  const resource = findResource(graph, resourceId);
  if (!resource) return deny(new NotFoundError('resource', resourceId ?? undefined));
  if (principal.kind === 'API_KEY') return apiKeyVerdict(principal, apiKey);
  const decision = decide(graph, { userId: principal.accountId, action, resourceId: resource.id });
  if (decision.allowed) return ALLOW;
  // Someone who cannot even see it is answered exactly as for a missing id.
  if (decision.level === 'NONE') return deny(new NotFoundError('resource', resource.id, true));
  const label = RESOURCE_TYPE_REGISTRY[resource.type].label.toLowerCase();
  const denial = decision.denial;
  if (denial?.kind === 'MISSING_CAPABILITY') {
    return deny(new ForbiddenError(`"${action}" on this ${label} also needs the ${denial.capability} capability, which your role does not have.`));
  }
  const required = denial?.kind === 'INSUFFICIENT_LEVEL' ? denial.requiredLevel : 'ADMIN';
  return deny(new ForbiddenError(`"${action}" on this ${label} needs ${ACCESS_LEVEL_LABELS[required]} access; you have ${ACCESS_LEVEL_LABELS[decision.level]}.`));
}

/** Managing a team: its admins and org owners (SPEC 1.6); an API key with the scope. */
export async function teamAdminVerdict(access: RequestAccess, teamId: string | undefined | null, apiKey?: ApiKeyScopeNeed): Promise<Verdict> {
  const principal = access.principal;
  if (!principal) return deny(new UnauthenticatedError());
  if (principal.kind === 'USER' && !isMember(principal)) return notAMember();
  const graph = await access.graph();
  const id = teamId && isUuid(teamId) ? teamId.toLowerCase() : undefined;
  if (!id || !graph.teamExists(id)) return deny(new NotFoundError('team', teamId ?? undefined));
  if (principal.kind === 'API_KEY') return apiKeyVerdict(principal, apiKey);
  if (isTeamAdmin(graph, principal.accountId, id)) return ALLOW;
  return deny(new ForbiddenError('Only the team’s admins and org owners can manage this team.'));
}
