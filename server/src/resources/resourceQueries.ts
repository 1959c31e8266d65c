import { RESOURCE_TYPES, scopeAllows, type ResourceType } from '@rolegraph/shared';
import { compareResourceNodes, findResource, type AccessGraph, type ResourceNode } from '../access/accessGraph';
import { accessibleResources, decideOnResource } from '../access/evaluator';
import { isMember } from '../auth/principal';
import type { GraphQLContext } from '../graphql/context';
import { decodeCursor, encodeCursor, pageSize, toPage } from '../graphql/pagination';
import type { CursorSeal } from '../graphql/cursorSeal';
import type { Resource, ResourceConnection } from './resource.types';
import { presentResourceNode } from './resourcePresenter';

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

/**
 * The resources among `ids` the caller may read, in the given order: what a
 * field that leads to other resources (an assistant's project, a grant's
 * resource) may show. A grant on an assistant gives nothing on its project, so
 * reaching one resource never reveals another the caller cannot read.
 */
export async function readableResources(ctx: GraphQLContext, ids: readonly string[]): Promise<Resource[]> {
  if (!ctx.principal) return [];
  const graph = await ctx.access.graph();
  const readable: Resource[] = [];
  for (const id of ids) {
    const node = findResource(graph, id);
    if (node && callerMayRead(ctx, graph, node)) readable.push(presentResourceNode(node));
  }
  return readable;
}

/** Whether the caller may read this resource: a member by the evaluator's `read`, an API key by its resources: READ scope. */
export function callerMayRead(ctx: GraphQLContext, graph: AccessGraph, node: ResourceNode): boolean {
  const principal = ctx.principal;
  if (!principal) return false;
  return principal.kind === 'API_KEY'
    ? scopeAllows(principal.scopes, 'resources', 'READ')
    : isMember(principal) && decideOnResource(graph, principal.accountId, 'read', node).allowed;
}

/**
 * One page of an ordered resource list as a `ResourceConnection`: the cursor
 * is (lower-cased name, id), the list is narrowed by a name search, and only
 * the rest of a resource's row is read only for fields that need it.
 */
export function resourcePage(
  cursors: CursorSeal,
  ordered: readonly ResourceNode[],
  options: { first?: number | null; after?: string | null; search?: string | null },
): ResourceConnection {
  const size = pageSize(options.first);
  const cursor = decodeCursor(cursors, 'resources', options.after, ['text', 'uuid']);
  const { page, totalCount } = pageOfResources(ordered, options.search, cursor, size + 1);
  return toPage(
    page.map((node) => presentResourceNode(node)),
    size,
    (r) => encodeCursor(cursors, 'resources', [r.name.toLowerCase(), r.id]),
    totalCount,
  );
}
