import type { AssistantStatus, AssistantVisibility, GrantLevel, OrgRole, TeamRole } from '@rolegraph/shared';
import type { AccessGraph, GrantSubjectType } from './accessGraph';
import { GraphOverlay } from './graphOverlay';

/**
 * A change that moves access, described as data: what a mutation would do,
 * before it is done. The same description lays the change over a graph
 * (`overlayChange`) and bounds who and what it can affect (`reachOfChange`).
 */
export type PlannedChange =
  | { readonly kind: 'SET_ROLE'; readonly userId: string; readonly role: OrgRole }
  | { readonly kind: 'REMOVE_MEMBER'; readonly userId: string; readonly reassignTo: string | null }
  | { readonly kind: 'ADD_TEAM_MEMBER'; readonly teamId: string; readonly userId: string; readonly role: TeamRole }
  | { readonly kind: 'REMOVE_TEAM_MEMBER'; readonly teamId: string; readonly userId: string }
  /** A new grant, a level change, or a new end date (expiresAt epoch ms, null for none). */
  | {
      readonly kind: 'SET_GRANT';
      readonly resourceId: string;
      readonly subjectType: GrantSubjectType;
      readonly subjectId: string;
      readonly level: GrantLevel;
      readonly expiresAt: number | null;
    }
  | { readonly kind: 'REMOVE_GRANT'; readonly resourceId: string; readonly subjectType: GrantSubjectType; readonly subjectId: string }
  | { readonly kind: 'SET_STATUS'; readonly resourceId: string; readonly status: AssistantStatus | null; readonly visibility: AssistantVisibility | null }
  | { readonly kind: 'TRANSFER_OWNERSHIP'; readonly resourceId: string; readonly toUserId: string; readonly keepAccess: boolean }
  /** Deleting a team: its memberships and grants go with it. */
  | { readonly kind: 'DELETE_TEAM'; readonly teamId: string }
  /** Deleting a resource: it and its descendants (a project's assistants), with their grants. */
  | { readonly kind: 'DELETE_RESOURCE'; readonly resourceId: string };

/** Who and what a change can move: some users (null: everyone, for a public assistant) or all; some resources or all. */
export interface ChangeReach {
  readonly users: ReadonlySet<string | null> | 'ALL';
  readonly resources: ReadonlySet<string> | 'ALL';
}

/** The reach of a change that moves no level. */
const REACHES_NOTHING: ChangeReach = { users: new Set(), resources: new Set() };

/** A resource and the descendants its access reaches (a project's assistants). */
export function resourceAndDescendants(graph: AccessGraph, resourceId: string): Set<string> {
  const reached = new Set<string>();
  const pending = [resourceId];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const child of graph.childrenOf(id)) pending.push(child.id);
  }
  return reached;
}

/** The resources a team's grants reach. */
function teamReach(graph: AccessGraph, teamId: string): Set<string> {
  const resources = new Set<string>();
  for (const grant of graph.grantsTo('TEAM', teamId)) for (const id of resourceAndDescendants(graph, grant.resourceId)) resources.add(id);
  return resources;
}

/**
 * The resources a member's own paths reach (the evaluator's paths 2-4): those
 * they own and those their own and their teams' grants are on, with the
 * descendants of each. Elsewhere their level is what their org role and the
 * public give (levelWithoutPathsReader, userLevels.ts).
 */
export function pathsReach(graph: AccessGraph, userId: string): Set<string> {
  const resources = new Set<string>();
  const reach = (resourceId: string) => {
    if (!resources.has(resourceId)) for (const id of resourceAndDescendants(graph, resourceId)) resources.add(id);
  };
  for (const owned of graph.resourcesOwnedBy(userId)) reach(owned.id);
  for (const grant of graph.grantsTo('USER', userId)) reach(grant.resourceId);
  for (const teamId of graph.teamsOf(userId)) for (const id of teamReach(graph, teamId)) resources.add(id);
  return resources;
}

/** The resources on which a member may hold more than the public's level: all of them for an org owner, else what their paths reach. */
function memberReach(graph: AccessGraph, userId: string): Set<string> | 'ALL' {
  return graph.memberRole(userId) === 'OWNER' ? 'ALL' : pathsReach(graph, userId);
}

/** The accounts a grant to a subject decides. */
function accountsOf(graph: AccessGraph, subjectType: GrantSubjectType, subjectId: string): Set<string | null> {
  return new Set(subjectType === 'USER' ? [subjectId] : [...graph.teamMembers(subjectId)].map((m) => m.userId));
}

/**
 * Every (user, resource) whose effective level the change can move is inside
 * its reach, read from the graph before the change. Levels outside it are
 * untouched: the change gives or takes nothing there.
 */
export function reachOfChange(before: AccessGraph, change: PlannedChange): ChangeReach {
  switch (change.kind) {
    case 'SET_ROLE': {
      // Of the org roles, only OWNER gives a level (ADMIN on everything); any role makes one a member. So a member
      // moving between ADMIN and USER keeps every level, and the change reaches nothing.
      const was = before.memberRole(change.userId);
      if (was !== undefined && was !== 'OWNER' && change.role !== 'OWNER') return REACHES_NOTHING;
      return { users: new Set([change.userId]), resources: 'ALL' };
    }
    case 'REMOVE_MEMBER':
      // What they lose lies where they held more than the public's level; what an heir gains, among what they owned.
      return { users: new Set(change.reassignTo ? [change.userId, change.reassignTo] : [change.userId]), resources: memberReach(before, change.userId) };
    case 'ADD_TEAM_MEMBER':
    case 'REMOVE_TEAM_MEMBER':
      return { users: new Set([change.userId]), resources: teamReach(before, change.teamId) };
    case 'DELETE_TEAM':
      return { users: new Set([...before.teamMembers(change.teamId)].map((m) => m.userId)), resources: teamReach(before, change.teamId) };
    case 'DELETE_RESOURCE':
      return { users: 'ALL', resources: resourceAndDescendants(before, change.resourceId) };
    case 'SET_GRANT':
    case 'REMOVE_GRANT':
      return { users: accountsOf(before, change.subjectType, change.subjectId), resources: resourceAndDescendants(before, change.resourceId) };
    case 'SET_STATUS':
      return { users: 'ALL', resources: new Set([change.resourceId]) };
    case 'TRANSFER_OWNERSHIP': {
      const previous = before.resource(change.resourceId)?.ownerId;
      return { users: new Set(previous ? [previous, change.toUserId] : [change.toUserId]), resources: resourceAndDescendants(before, change.resourceId) };
    }
  }
}

/** A grant id for a grant that exists only in a preview. */
let plannedGrants = 0;
function plannedGrantId(): string {
  plannedGrants += 1;
  return `planned-grant-${plannedGrants}`;
}

/** The graph as it would be after the change, the graph underneath untouched. */
export function overlayChange(before: AccessGraph, change: PlannedChange): GraphOverlay {
  const after = new GraphOverlay(before);
  layChange(after, change);
  return after;
}

/**
 * Lays the change over the overlay: what the overlay shows before it is the
 * graph the change is made to (what it reads is copied before it writes).
 */
function layChange(after: GraphOverlay, change: PlannedChange): void {
  switch (change.kind) {
    case 'SET_ROLE':
      after.setRole(change.userId, change.role);
      break;
    case 'REMOVE_MEMBER': {
      after.setRole(change.userId, null);
      for (const grant of [...after.grantsTo('USER', change.userId)]) after.removeGrant(grant.id);
      for (const teamId of [...after.teamsOf(change.userId)]) after.setTeamMembership(teamId, change.userId, null);
      if (change.reassignTo) for (const owned of [...after.resourcesOwnedBy(change.userId)]) after.setResource({ ...owned, ownerId: change.reassignTo });
      break;
    }
    case 'ADD_TEAM_MEMBER':
      after.setTeamMembership(change.teamId, change.userId, change.role);
      break;
    case 'REMOVE_TEAM_MEMBER':
      after.setTeamMembership(change.teamId, change.userId, null);
      break;
    case 'SET_GRANT': {
      const existing = after.findGrant(change.resourceId, change.subjectType, change.subjectId);
      after.setGrant({
        id: existing?.id ?? plannedGrantId(),
        resourceId: change.resourceId,
        subjectType: change.subjectType,
        subjectId: change.subjectId,
        level: change.level,
        expiresAt: change.expiresAt,
      });
      break;
    }
    case 'REMOVE_GRANT': {
      const existing = after.findGrant(change.resourceId, change.subjectType, change.subjectId);
      if (existing) after.removeGrant(existing.id);
      break;
    }
    case 'SET_STATUS': {
      const node = after.resource(change.resourceId);
      if (node) after.setResource({ ...node, status: change.status ?? node.status, visibility: change.visibility ?? node.visibility });
      break;
    }
    case 'TRANSFER_OWNERSHIP': {
      const node = after.resource(change.resourceId);
      if (!node) break;
      after.setResource({ ...node, ownerId: change.toUserId });
      // The previous owner keeps ADMIN unless asked not to (and only while a member).
      if (change.keepAccess && after.memberRole(node.ownerId) !== undefined) {
        const existing = after.findGrant(node.id, 'USER', node.ownerId);
        after.setGrant({
          id: existing?.id ?? plannedGrantId(),
          resourceId: node.id,
          subjectType: 'USER',
          subjectId: node.ownerId,
          level: 'ADMIN',
          expiresAt: null,
        });
      }
      break;
    }
    case 'DELETE_TEAM':
      after.removeTeam(change.teamId);
      break;
    case 'DELETE_RESOURCE':
      for (const id of resourceAndDescendants(after, change.resourceId)) after.removeResource(id);
      break;
  }
}

/**
 * Several changes made in order: each planned on the graph the ones before it
 * leave (so a later change may name what an earlier one made) and laid over
 * it, with its reach read there. A level that differs between the first graph
 * and the last moved in some step, so it lies in that step's reach. The
 * reaches stay one per step: their union as one reach (every user of any step
 * with every resource of any) could be every member by every resource.
 */
export function overlayInOrder<Item>(
  before: AccessGraph,
  items: readonly Item[],
  plan: (graph: AccessGraph, item: Item) => PlannedChange,
): { readonly after: AccessGraph; readonly reaches: readonly ChangeReach[] } {
  // One overlay for all the steps, not one over another: every read of the last graph would pass through each.
  const after = new GraphOverlay(before);
  const reaches: ChangeReach[] = [];
  for (const item of items) {
    const change = plan(after, item);
    reaches.push(reachOfChange(after, change));
    layChange(after, change);
  }
  return { after, reaches };
}
