import type { AccessGraph } from '../access/accessGraph';
import { ForbiddenError, NotFoundError } from '../errors';
import { isUuid } from '../ids';
import { Scope } from '../policies/apiKeyNeeds';
import { definePolicy } from '../policies/policy';
import type { PolicyActor } from '../policies/policyActor';
import { ALLOW, deny, type Verdict } from '../policies/verdict';

/**
 * A team is managed — its members and their team roles, its name and
 * description, its deletion, removing its grants — by its team admins and by
 * every org owner. An API key with directory: WRITE manages teams for the
 * organization.
 */
export function isTeamAdmin(graph: AccessGraph, userId: string, teamId: string): boolean {
  if (graph.memberRole(userId) === 'OWNER') return true;
  for (const member of graph.teamMembers(teamId)) {
    if (member.userId === userId) return member.role === 'ADMIN';
  }
  return false;
}

/** May the actor manage the team? Unknown teams (or another organization's) are answered as missing. */
export function mayManageTeam(graph: AccessGraph, actor: PolicyActor, teamId: string): Verdict {
  const id = isUuid(teamId) ? teamId.toLowerCase() : '';
  if (!id || !graph.teamExists(id)) return deny(new NotFoundError('team', teamId));
  if (actor.kind === 'API_KEY' || isTeamAdmin(graph, actor.accountId, id)) return ALLOW;
  return deny(new ForbiddenError('Only the team’s admins and org owners can manage this team.'));
}

export const manageTeamPolicy = definePolicy<{ teamId: string }>({
  name: 'team.manage',
  rule: 'a team admin of this team, or an org owner',
  apiKey: Scope.directoryWrite,
  async decide(caller, input) {
    return mayManageTeam(await caller.access.graph(), caller.actor, input.teamId);
  },
});
