import type { AccessGraph } from '../access/accessGraph';

/**
 * SPEC 1.6: a team is managed (members, their team roles, name, deletion,
 * removing its grants) by its team admins and by every org owner.
 */
export function isTeamAdmin(graph: AccessGraph, userId: string, teamId: string): boolean {
  if (graph.memberRole(userId) === 'OWNER') return true;
  for (const member of graph.teamMembers(teamId)) {
    if (member.userId === userId) return member.role === 'ADMIN';
  }
  return false;
}
