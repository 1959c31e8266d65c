import type { Reference } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * The list as shown, renewed from a fresh first page: that page as it is
 * now, then what is shown below the last of its items already shown (pages
 * brought in with "Load more" included). An item written late with an older
 * place (an entry that committed after a newer one) takes its place in the
 * fresh page. Null when the fresh page shares nothing with what is shown
 * (more new items than a page holds, or nothing shown yet): the list starts
 * over from the first page.
 */
export function withNewestEntries<E>(shown: readonly E[], firstPage: readonly E[], idOf: (edge: E) => unknown): E[] | null {
  const position = new Map(shown.map((edge, index) => [idOf(edge), index]));
  for (let last = firstPage.length - 1; last >= 0; last--) {
    const at = position.get(idOf(firstPage[last]!));
    if (at !== undefined) return [...firstPage, ...shown.slice(at + 1)];
  }
  return null;
}

type RelayFieldPolicy = ReturnType<typeof relayStylePagination<Reference>>;

/**
 * Cursor pagination for a list that only grows at its head and whose items
 * never change (the audit log): a refetch of the first page (live events, or
 * every query on screen after an access change) puts the new items on top of
 * what is shown instead of dropping what "Load more" brought in (the query
 * asks for `refetchWritePolicy: 'merge'`, else a refetch hands this nothing
 * shown). Other lists start over on a refetch, since their items may have
 * changed or gone.
 */
export function newestFirstPagination(keyArgs: string[]): RelayFieldPolicy {
  const base = relayStylePagination<Reference>(keyArgs);
  const merge = base.merge;
  if (typeof merge !== 'function') return base;
  return {
    ...base,
    merge(existing, incoming, options) {
      const shown = existing?.edges;
      const fresh = incoming?.edges;
      if (options.args?.after || !shown || !fresh || !existing || !incoming) return merge(existing, incoming, options);
      // An edge is the node's reference with its cursor, or { cursor, node }.
      const idOf = (edge: (typeof shown)[number]) => options.readField('id', 'node' in edge ? edge.node : edge);
      const edges = withNewestEntries(shown, fresh, idOf);
      if (!edges) return merge(existing, incoming, options);
      // Everything shown stays, so "Load more" goes on from where it was.
      const pageInfo = incoming.pageInfo && { ...incoming.pageInfo, hasNextPage: existing.pageInfo.hasNextPage, endCursor: existing.pageInfo.endCursor };
      return merge(existing, { ...incoming, edges, ...(pageInfo ? { pageInfo } : {}) }, options);
    },
  };
}
