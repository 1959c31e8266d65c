import { decodeCursor, encodeCursor, pageSize, toPage } from '../graphql/pagination';
import type { ResourceNode } from '../access/accessGraph';
import { pageOfResources } from './resourceQueries';
import type { ResourceConnection } from './resource.types';
import { presentResourceNode } from './resourcePresenter';

/**
 * One page of an ordered resource list as a `ResourceConnection`: the cursor
 * is (lower-cased name, id), the list is narrowed by a name search, and only
 * the rest of a resource's row is read only for fields that need it.
 */
export function resourcePage(
  ordered: readonly ResourceNode[],
  options: { first?: number | null; after?: string | null; search?: string | null },
): ResourceConnection {
  const size = pageSize(options.first);
  const cursor = decodeCursor(options.after, ['text', 'uuid']);
  const { page, totalCount } = pageOfResources(ordered, options.search, cursor, size + 1);
  return toPage(
    page.map((node) => presentResourceNode(node)),
    size,
    (r) => encodeCursor([r.name.toLowerCase(), r.id]),
    totalCount,
  );
}
