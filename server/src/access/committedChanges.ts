import type { AccessGraph, GrantEdge } from './accessGraph';
import { levelChanges, memberOnEitherSide, type LevelChange } from './levelChanges';
import { resourceAndDescendants, type ChangeReach } from './plannedChange';
import { GraphAtInstant } from './graphAtInstant';

/** The keys of the rows a commit changed, as the database's change log records them. */
export interface ChangedKeys {
  readonly members: readonly string[];
  readonly teams: readonly string[];
  readonly teamMembers: readonly { readonly teamId: string; readonly userId: string }[];
  readonly resources: readonly string[];
  readonly grants: readonly string[];
}

/** A graph that can also find a grant by its id (removed grants are known only by id). */
export interface GraphWithGrants extends AccessGraph {
  grantById(grantId: string): GrantEdge | undefined;
}

function teamAccounts(graphs: readonly AccessGraph[], teamId: string): Set<string | null> {
  const accounts = new Set<string | null>();
  for (const graph of graphs) for (const member of graph.teamMembers(teamId)) accounts.add(member.userId);
  return accounts;
}

function reachedResources(graphs: readonly AccessGraph[], resourceId: string): Set<string> {
  const reached = new Set<string>();
  for (const graph of graphs) for (const id of resourceAndDescendants(graph, resourceId)) reached.add(id);
  return reached;
}

/**
 * A graph in which every grant counts until its row is removed, ended or not:
 * the levels the change log reports. An ended grant gives nothing to checks
 * from its end on, but its holders were told of the level it gave and of no
 * change since; the sweeper's removal of it is the change they are told of
 * (lifecycle/grantExpirySweep.ts).
 */
export function countingGrantsUntilRemoved(graph: AccessGraph): AccessGraph {
  return new GraphAtInstant(graph, Number.NEGATIVE_INFINITY);
}

/**
 * Every effective level one commit moved: the evaluator asked about the
 * graph before and after (grants counting until removed, see
 * countingGrantsUntilRemoved), within the reach of the rows the commit changed
 * (a member's or team membership's change reaches that user everywhere; a
 * resource's, everyone on it and its descendants; a grant's, its subject's
 * accounts on its resource and descendants, before and after). One change
 * per member whose level moved, and one for the public (null: anyone who is
 * a member on neither side). Ordered by user (the public last), then
 * resource id; each (user, resource) once.
 */
export function committedLevelChanges(before: GraphWithGrants, after: GraphWithGrants, keys: ChangedKeys): LevelChange[] {
  const graphs = [before, after];
  const usersEverywhere = new Set<string | null>([...keys.members, ...keys.teamMembers.map((tm) => tm.userId)]);
  for (const teamId of keys.teams) for (const account of teamAccounts(graphs, teamId)) usersEverywhere.add(account);
  const resourcesForEveryone = new Set<string>();
  for (const resourceId of keys.resources) for (const id of reachedResources(graphs, resourceId)) resourcesForEveryone.add(id);
  const reaches: ChangeReach[] = [];
  if (usersEverywhere.size > 0) reaches.push({ users: usersEverywhere, resources: 'ALL' });
  if (resourcesForEveryone.size > 0) reaches.push({ users: 'ALL', resources: resourcesForEveryone });
  for (const grantId of keys.grants) {
    for (const edge of [before.grantById(grantId), after.grantById(grantId)]) {
      if (!edge) continue;
      const users = edge.subjectType === 'USER' ? new Set<string | null>([edge.subjectId]) : teamAccounts(graphs, edge.subjectId);
      if (users.size > 0) reaches.push({ users, resources: reachedResources(graphs, edge.resourceId) });
    }
  }
  // levelChanges over ALL resources reads them from `before`: resources the commit created are in the resource reach.
  // Each (user, resource) once: reaches may overlap, and then agree (the same two graphs answer both).
  const seen = reaches.length > 1 ? new Set<string>() : null;
  const changes: LevelChange[] = [];
  // Someone who is a member on neither side has only the public's level: the public's (null) change says it.
  const isMember = (userId: string | null) => userId === null || memberOnEitherSide(before, after, userId);
  const [was, is] = [countingGrantsUntilRemoved(before), countingGrantsUntilRemoved(after)];
  for (const reach of reaches) {
    for (const change of levelChanges(was, is, reach)) {
      // A reach of ALL users asks only the members of either side and the public.
      if (reach.users !== 'ALL' && !isMember(change.userId)) continue;
      if (seen) {
        const key = `${change.userId ?? ''}|${change.resourceId}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      changes.push(change);
    }
  }
  // Ids compared by code unit (the public last): a locale's collation would cost ten times as much for the same order of UUIDs.
  const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return changes.sort(
    (a, b) =>
      (a.userId === null ? 1 : 0) - (b.userId === null ? 1 : 0) || byCodeUnits(a.userId ?? '', b.userId ?? '') || byCodeUnits(a.resourceId, b.resourceId),
  );
}
