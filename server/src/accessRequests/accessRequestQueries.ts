import type { DataSource } from 'typeorm';
import type { AccessGraph } from '../access/accessGraph';
import { decideOnResource } from '../access/evaluator';
import { decodeCursor, encodeCursor, pageSize, toPage, type Page } from '../graphql/pagination';
import type { CursorSeal } from '../graphql/cursorSeal';
import { AccessRequestEntity, type AccessRequestStatus } from './accessRequest.entity';
import { presentAccessRequest } from './accessRequestPresenter';
import type { AccessRequest, AccessRequestList } from './accessRequest.types';

/**
 * A page of access requests for a member, newest first: those they made
 * (MINE), those for resources they may share — manageAccess, decided by the
 * evaluator — (TO_ANSWER), or both (ALL).
 */
export async function accessRequestPage(
  dataSource: DataSource,
  cursors: CursorSeal,
  graph: AccessGraph,
  viewer: { organizationId: string; accountId: string },
  options: { list: AccessRequestList; status: AccessRequestStatus | null; first: number | null | undefined; after: string | null | undefined },
): Promise<Page<AccessRequest>> {
  const size = pageSize(options.first);
  const cursor = decodeCursor(cursors, 'accessRequests', options.after, ['timestamp', 'uuid']);
  const answerable = options.list === 'MINE' ? [] : await answerableResources(dataSource, graph, viewer, options.status);
  const query = dataSource.getRepository(AccessRequestEntity).createQueryBuilder('r').where('r.organizationId = :organizationId', viewer);
  if (options.list === 'MINE') query.andWhere('r.requesterId = :accountId', viewer);
  else if (options.list === 'TO_ANSWER') query.andWhere('r.resourceId = ANY(:answerable) AND r.requesterId <> :accountId', { ...viewer, answerable });
  else query.andWhere('(r.requesterId = :accountId OR r.resourceId = ANY(:answerable))', { ...viewer, answerable });
  if (options.status) query.andWhere('r.status = :status', { status: options.status });
  const totalCount = await query.getCount();
  if (cursor) query.andWhere('(r.createdAt, r.id) < (:createdAt, :id)', { createdAt: new Date(cursor[0]), id: cursor[1] });
  const rows = await query
    .orderBy('r.createdAt', 'DESC')
    .addOrderBy('r.id', 'DESC')
    .limit(size + 1)
    .getMany();
  return toPage(rows.map(presentAccessRequest), size, (r) => encodeCursor(cursors, 'accessRequests', [r.createdAt.toISOString(), r.id]), totalCount);
}

/**
 * The resources with requests (of the status asked) in the organization that
 * the viewer may answer: manageAccess, decided by the evaluator for each. Read
 * from the requests rather than from every resource the viewer may share,
 * which for an org owner is every resource (62,000 ids in the reference
 * organization, sent twice as a parameter, held the server ~0.5 s).
 */
async function answerableResources(
  dataSource: DataSource,
  graph: AccessGraph,
  viewer: { organizationId: string; accountId: string },
  status: AccessRequestStatus | null,
): Promise<string[]> {
  const rows: { resource_id: string }[] = await dataSource.query(
    `SELECT DISTINCT resource_id FROM access_requests WHERE organization_id = $1 AND ($2::text IS NULL OR status = $2::text)`,
    [viewer.organizationId, status],
  );
  const answerable: string[] = [];
  for (const { resource_id: resourceId } of rows) {
    const resource = graph.resource(resourceId);
    if (resource && decideOnResource(graph, viewer.accountId, 'manageAccess', resource).allowed) answerable.push(resourceId);
  }
  return answerable;
}
