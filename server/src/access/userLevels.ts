import { levelRank, type EffectiveLevel } from '@rolegraph/shared';
import { isPublicAssistant, type AccessGraph, type ResourceNode } from './accessGraph';

/** Levels by rank (the inverse of levelRank). */
const BY_RANK: readonly EffectiveLevel[] = ['NONE', 'VIEWER', 'MEMBER', 'EDITOR', 'ADMIN', 'OWNER'];
const ADMIN = levelRank('ADMIN');
const OWNER = levelRank('OWNER');
const MEMBER = levelRank('MEMBER');
const NO_TEAMS: ReadonlySet<string> = new Set();

/** Deepest ancestor chain walked, as in the evaluator (resource types nest one level deep). */
const MAX_DEPTH = 16;

/**
 * One user's effective levels over many resources of one graph: the rules of
 * `effectiveLevel` (evaluator.ts), with what each ancestor passes down (its
 * owner's ADMIN and its grants to the user or the user's teams) computed once
 * and reused for all of its descendants. For a question about one user across
 * hundreds of resources, such as a change preview; a single check keeps
 * using the evaluator itself. The graph is read as it is when each level is
 * asked; ask a new reader after the graph changes.
 */
export function userLevelReader(graph: AccessGraph, userId: string | null): (resource: ResourceNode) => EffectiveLevel {
  const member = userId !== null && graph.memberRole(userId) !== undefined;
  const orgOwner = userId !== null && graph.memberRole(userId) === 'OWNER';
  const teams = member ? graph.teamsOf(userId) : NO_TEAMS;
  const passedDown = new Map<string, number>();

  const grantRank = (anchor: ResourceNode): number => {
    let best = 0;
    for (const grant of graph.grantsOn(anchor.id)) {
      const rank = levelRank(grant.level);
      if (rank <= best) continue;
      if ((grant.subjectType === 'USER' ? grant.subjectId === userId : teams.has(grant.subjectId)) && graph.grantActive(grant)) best = rank;
    }
    return best;
  };

  /** The best rank an ancestor and its own ancestors pass down to their descendants. */
  const inherited = (anchor: ResourceNode | undefined, depth: number): number => {
    if (!anchor || depth > MAX_DEPTH) return 0;
    const known = passedDown.get(anchor.id);
    if (known !== undefined) return known;
    const above = inherited(anchor.parentId ? graph.resource(anchor.parentId) : undefined, depth + 1);
    const rank = Math.max(anchor.ownerId === userId ? ADMIN : 0, grantRank(anchor), above);
    passedDown.set(anchor.id, rank);
    return rank;
  };

  return (resource) => {
    let best = rankWithoutPaths(orgOwner, resource);
    if (member) {
      if (resource.ownerId === userId) best = OWNER;
      else if (!(resource.type === 'ASSISTANT' && resource.status === 'DRAFT')) {
        best = Math.max(best, grantRank(resource), inherited(resource.parentId ? graph.resource(resource.parentId) : undefined, 1));
      }
    }
    return BY_RANK[best]!;
  };
}

/**
 * The rank a user holds by their org role and the public's level alone: an
 * org owner's ADMIN (on drafts too), anyone's MEMBER on a live public
 * assistant. Their own paths (ownership, their and their teams' grants) can
 * only raise it, and only where those paths reach (pathsReach, plannedChange.ts).
 */
function rankWithoutPaths(orgOwner: boolean, resource: ResourceNode): number {
  return orgOwner ? ADMIN : isPublicAssistant(resource) ? MEMBER : 0;
}

/**
 * One user's level on resources their own paths do not reach (see
 * pathsReach): what their org role and the public give, the same on every
 * such resource of a type and status. A change preview reads it for an org
 * owner's many resources instead of walking each one's grants.
 */
export function levelWithoutPathsReader(graph: AccessGraph, userId: string | null): (resource: ResourceNode) => EffectiveLevel {
  const orgOwner = userId !== null && graph.memberRole(userId) === 'OWNER';
  return (resource) => BY_RANK[rankWithoutPaths(orgOwner, resource)]!;
}

/**
 * Everyone who may hold more than the public's level on one of the resources:
 * the organization's owners, the owners of the resources and of their
 * ancestors, and the subjects of grants on them (for a team, its members) —
 * where the rules above find a level higher than the public's. Anyone else's
 * level on them is exactly the public's (the null user's). A superset: a grant
 * that has ended, or one on a draft, still counts. Used to ask "whose level on
 * these few resources moved?" without reading every member's levels.
 */
export function usersAbovePublicLevel(graph: AccessGraph, resourceIds: Iterable<string>): Set<string> {
  const users = new Set<string>();
  for (const userId of graph.orgOwners()) users.add(userId);
  const visited = new Set<string>();
  for (const resourceId of resourceIds) {
    let node = graph.resource(resourceId);
    for (let depth = 0; node && depth <= MAX_DEPTH && !visited.has(node.id); depth++) {
      visited.add(node.id);
      users.add(node.ownerId);
      for (const grant of graph.grantsOn(node.id)) {
        if (grant.subjectType === 'USER') users.add(grant.subjectId);
        else for (const member of graph.teamMembers(grant.subjectId)) users.add(member.userId);
      }
      node = node.parentId ? graph.resource(node.parentId) : undefined;
    }
  }
  return users;
}

/**
 * Everyone who holds a level on one of the resources in one of the graphs (a
 * change's before and after): those who see the resources in their lists, so
 * whose view a change to them alters. 'ALL' when the public holds one (a live
 * public assistant), since then every member does. Only levels that hold
 * count (an ended grant gives none; a former member's ownership, none).
 */
export function readersOf(graphs: readonly AccessGraph[], resourceIds: readonly string[]): ReadonlySet<string> | 'ALL' {
  const readers = new Set<string>();
  for (const graph of graphs) {
    const nodes = resourceIds.map((id) => graph.resource(id)).filter((node): node is ResourceNode => node !== undefined);
    const publicLevel = userLevelReader(graph, null);
    if (nodes.some((node) => publicLevel(node) !== 'NONE')) return 'ALL';
    for (const userId of usersAbovePublicLevel(graph, resourceIds)) {
      if (readers.has(userId)) continue;
      const level = userLevelReader(graph, userId);
      if (nodes.some((node) => level(node) !== 'NONE')) readers.add(userId);
    }
  }
  return readers;
}
