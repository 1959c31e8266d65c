import { levelRank, type EffectiveLevel } from '@rolegraph/shared';
import { compareResourceNodes, type AccessGraph, type ResourceNode } from './accessGraph';
import { pathsReach, type ChangeReach } from './plannedChange';
import { levelWithoutPathsReader, userLevelReader, usersAbovePublicLevel } from './userLevels';

/** One effective level that moves: a user's (null: everyone's, on a public assistant) on one resource. */
export interface LevelChange {
  readonly userId: string | null;
  readonly resourceId: string;
  readonly before: EffectiveLevel;
  readonly after: EffectiveLevel;
}

/** Users in code-unit order (what `<` compares), the anonymous user (null) last. */
function inUserOrder(users: Iterable<string | null>): (string | null)[] {
  const ids: string[] = [];
  let anonymous = false;
  for (const user of users) {
    if (user === null) anonymous = true;
    else ids.push(user);
  }
  // Without a comparator, sort compares strings by code units, in the engine rather than in a callback per pair.
  const ordered: (string | null)[] = ids.sort();
  if (anonymous) ordered.push(null);
  return ordered;
}

/** The members of either graph and the anonymous user, in user order. */
function everyoneOf(before: AccessGraph, after: AccessGraph): (string | null)[] {
  const ids = new Set<string | null>();
  for (const graph of [before, after]) for (const [userId] of graph.members()) ids.add(userId);
  ids.add(null);
  return inUserOrder(ids);
}

/** Whether the user is a member of the organization before or after (or both). */
export function memberOnEitherSide(before: AccessGraph, after: AccessGraph, userId: string): boolean {
  return before.memberRole(userId) !== undefined || after.memberRole(userId) !== undefined;
}

/**
 * Every effective level that differs between two graphs of one organization,
 * among the users and resources of `reach` (the reach of the change that
 * turned one into the other): the evaluator's rules asked about both sides
 * (one user's levels at a time, see userLevels.ts), nothing derived from
 * grant rows. Ordered by user, then resource (name, id); the
 * anonymous user (null) last.
 */
export function levelChanges(before: AccessGraph, after: AccessGraph, reach: ChangeReach): LevelChange[] {
  if (reach.resources === 'ALL') {
    const resources = before.resourcesInListingOrder();
    const users = reach.users === 'ALL' ? everyoneOf(before, after) : inUserOrder(reach.users);
    return users.flatMap((userId) => changesEverywhere(before, after, userId, resources));
  }
  const resources = [...reach.resources]
    .map((id) => before.resource(id) ?? after.resource(id))
    .filter((node): node is ResourceNode => node !== undefined)
    .sort(compareResourceNodes);
  const changesOf = (userId: string | null): LevelChange[] => {
    const levelBefore = userLevelReader(before, userId);
    const levelAfter = userLevelReader(after, userId);
    const moved: LevelChange[] = [];
    for (const resource of resources) {
      const beforeNode = before.resource(resource.id);
      const afterNode = after.resource(resource.id);
      const was = beforeNode ? levelBefore(beforeNode) : 'NONE';
      const will = afterNode ? levelAfter(afterNode) : 'NONE';
      if (was !== will) moved.push({ userId, resourceId: resource.id, before: was, after: will });
    }
    return moved;
  };
  const changes: LevelChange[] = [];
  if (reach.users !== 'ALL') {
    for (const userId of inUserOrder(reach.users)) for (const change of changesOf(userId)) changes.push(change);
    return changes;
  }
  // Everyone on a few resources (a resource's own change): most members can hold only the public's level there,
  // before and after, so their changes are the public's, read once instead of once per member. When the public's
  // level does not move, only the few who may hold more (and are members on either side) are asked.
  const individual = new Set([...usersAbovePublicLevel(before, reach.resources), ...usersAbovePublicLevel(after, reach.resources)]);
  const publicChanges = changesOf(null);
  const asked = [...individual].filter((userId) => memberOnEitherSide(before, after, userId));
  const users = publicChanges.length > 0 ? everyoneOf(before, after) : inUserOrder([...asked, null]);
  for (const userId of users) {
    if (userId === null || individual.has(userId)) {
      for (const change of userId === null ? publicChanges : changesOf(userId)) changes.push(change);
    } else {
      for (const change of publicChanges) changes.push({ userId, resourceId: change.resourceId, before: change.before, after: change.after });
    }
  }
  return changes;
}

/**
 * One user's levels that move on every resource of `before` (in listing
 * order): where the user's own paths reach on either side, the user's levels
 * read there; elsewhere, what their role and the public give on each side
 * (levelWithoutPathsReader), which is the same level there, without
 * walking each resource's grants. An org owner's role change reaches every
 * resource; their paths, a few hundred.
 */
function changesEverywhere(before: AccessGraph, after: AccessGraph, userId: string | null, resources: readonly ResourceNode[]): LevelChange[] {
  const paths = new Set<string>();
  if (userId !== null) {
    for (const graph of [before, after]) if (graph.memberRole(userId) !== undefined) for (const id of pathsReach(graph, userId)) paths.add(id);
  }
  const [levelBefore, levelAfter] = [userLevelReader(before, userId), userLevelReader(after, userId)];
  const [baseBefore, baseAfter] = [levelWithoutPathsReader(before, userId), levelWithoutPathsReader(after, userId)];
  const moved: LevelChange[] = [];
  for (const resource of resources) {
    const onPath = paths.has(resource.id);
    const afterNode = after.resource(resource.id);
    const was = onPath ? levelBefore(resource) : baseBefore(resource);
    const will = !afterNode ? 'NONE' : onPath ? levelAfter(afterNode) : baseAfter(afterNode);
    if (was !== will) moved.push({ userId, resourceId: resource.id, before: was, after: will });
  }
  return moved;
}

/**
 * `levelChanges` within several reaches (the steps of several changes made in
 * order, see overlayInOrder): each (user, resource) once, in the same order
 * (by user, the anonymous user last, then by resource).
 */
export function levelChangesWithin(before: AccessGraph, after: AccessGraph, reaches: readonly ChangeReach[]): LevelChange[] {
  if (reaches.length === 1) return levelChanges(before, after, reaches[0]!);
  // Each reach lists a user's changes together, in resource order: a user whom one reach alone moves keeps that list.
  const runsByUser = new Map<string | null, LevelChange[][]>();
  for (const reach of reaches) {
    let run: LevelChange[] | undefined;
    for (const change of levelChanges(before, after, reach)) {
      // Someone who is a member on neither side is "everyone" (null): a step naming them (ownership given to a former member)
      // must not list them beside everyone when a later step moves the public's level.
      if (change.userId !== null && !memberOnEitherSide(before, after, change.userId)) continue;
      if (run === undefined || run[0]!.userId !== change.userId) {
        run = [];
        const runs = runsByUser.get(change.userId);
        if (runs) runs.push(run);
        else runsByUser.set(change.userId, [run]);
      }
      run.push(change);
    }
  }
  const node = (id: string) => (before.resource(id) ?? after.resource(id))!;
  return inUserOrder(runsByUser.keys()).flatMap((userId) => {
    const runs = runsByUser.get(userId)!;
    if (runs.length === 1) return runs[0]!;
    const byResource = new Map<string, LevelChange>();
    for (const run of runs) for (const change of run) byResource.set(change.resourceId, change);
    return [...byResource.values()].sort((a, b) => compareResourceNodes(node(a.resourceId), node(b.resourceId)));
  });
}

/** Whether a change raises the level (a gain) rather than lowering it. */
export function isGain(change: LevelChange): boolean {
  return levelRank(change.after) > levelRank(change.before);
}
