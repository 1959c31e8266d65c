import type { ResourceType } from '@rolegraph/shared';
import { compareResourceNodes, type AccessGraph, type ResourceNode } from '../access/accessGraph';
import { accessibleResources } from '../access/evaluator';
import { RESOURCE_TYPES } from '@rolegraph/shared';

/**
 * The resources a member may do `action` on, of one type or of every type,
 * in listing order; `userId` null means every resource (an API key reading
 * the catalog).
 */
export function visibleResources(graph: AccessGraph, userId: string | null, type: ResourceType | null, action: string): ResourceNode[] {
  const types = type ? [type] : [...RESOURCE_TYPES];
  const lists = types.map((t) => (userId === null ? [...graph.resourcesOfType(t)] : accessibleResources(graph, userId, t, action)));
  return lists.length === 1 ? lists[0]! : lists.flat().sort(compareResourceNodes);
}

/** One page of an ordered list, after the cursor (sortName, id), narrowed by a name search. */
export function pageOfResources(
  ordered: readonly ResourceNode[],
  search: string | null | undefined,
  after: readonly [string, string] | null,
  limit: number,
): { page: ResourceNode[]; totalCount: number } {
  const needle = search?.trim().toLowerCase();
  const matching = needle ? ordered.filter((r) => r.sortName.includes(needle)) : ordered;
  let start = 0;
  if (after) {
    const [name, id] = after;
    // Binary search for the first item after the cursor.
    let lo = 0;
    let hi = matching.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = matching[mid]!;
      if (r.sortName < name || (r.sortName === name && r.id <= id)) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  return { page: matching.slice(start, start + limit), totalCount: matching.length };
}
