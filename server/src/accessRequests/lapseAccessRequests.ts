import { SYSTEM_ACTOR } from '../audit/actor';
import { runCommand, type CommandRunnerDeps } from '../commands/commandScope';
import { notify } from '../notifications/notify';

/** How long a request waits for an answer before it lapses. */
export const REQUEST_LIFETIME_DAYS = 14;

/**
 * Lapses one organization's pending requests older than 14 days, in one
 * command (actor SYSTEM): the UPDATE claims each row, so concurrent sweeps
 * lapse it once. Audited (`accessRequest.lapsed`); the requester is told.
 * The resource's name is not given: the requester may not be able to see it.
 */
async function lapseOf(deps: CommandRunnerDeps, organizationId: string): Promise<number> {
  return runCommand(deps, { actor: SYSTEM_ACTOR, organizationId, requestId: null }, async (scope) => {
    const rows: { id: string; requester_id: string; resource_id: string; level: string }[] = await scope.tx.query(
      `WITH lapsed AS (
         UPDATE access_requests SET status = 'LAPSED', answered_at = now()
         WHERE id IN (
           SELECT id FROM access_requests
           WHERE organization_id = $1 AND status = 'PENDING' AND created_at <= now() - interval '${REQUEST_LIFETIME_DAYS} days'
           LIMIT 500 FOR UPDATE SKIP LOCKED
         )
         RETURNING id, requester_id, resource_id, level
       )
       SELECT * FROM lapsed ORDER BY id`,
      [organizationId],
    );
    for (const row of rows) {
      await scope.audit({
        action: 'accessRequest.lapsed',
        target: { type: 'ACCESS_REQUEST', id: row.id },
        before: { status: 'PENDING', requesterId: row.requester_id, resourceId: row.resource_id, level: row.level },
        after: { status: 'LAPSED' },
      });
      await notify(scope, row.requester_id, 'ACCESS_REQUEST_ANSWERED', `Your access request got no answer within ${REQUEST_LIFETIME_DAYS} days and lapsed.`, {
        accessRequestId: row.id,
        status: 'LAPSED',
      });
    }
    return rows.length;
  });
}

/** Lapses every pending request past its lifetime; answers how many. */
export async function lapseAccessRequests(deps: CommandRunnerDeps): Promise<number> {
  const orgs: { organization_id: string }[] = await deps.dataSource.query(
    `SELECT DISTINCT organization_id FROM access_requests WHERE status = 'PENDING' AND created_at <= now() - interval '${REQUEST_LIFETIME_DAYS} days' LIMIT 100`,
  );
  let lapsed = 0;
  for (const { organization_id } of orgs) lapsed += await lapseOf(deps, organization_id);
  return lapsed;
}
