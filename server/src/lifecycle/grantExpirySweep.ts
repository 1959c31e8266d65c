import { ACCESS_LEVEL_LABELS, RESOURCE_TYPE_REGISTRY, type GrantLevel, type ResourceType } from '@rolegraph/shared';
import { SYSTEM_ACTOR } from '../audit/actor';
import { runCommand, type CommandRunnerDeps, type CommandScope } from '../commands/commandScope';
import { notify } from '../notifications/notify';
import { resourcesReachedFrom } from '../resources/reachStore';
import { publishTeamChanged } from '../teams/teamEvents';

/** How many expired grants one organization's sweep removes per transaction. */
const BATCH = 500;
/** How long before its end a grant's subject is reminded. */
export const REMINDER_LEAD_MS = 24 * 3600 * 1000;

interface ExpiredGrantRow {
  id: string;
  resource_id: string;
  resource_type: ResourceType;
  resource_name: string;
  subject_user_id: string | null;
  subject_team_id: string | null;
  team_name: string | null;
  level: GrantLevel;
  expires_at: Date;
}

/** Organizations that have grants past their end date (a few at a time). */
async function organizationsWith(deps: CommandRunnerDeps, condition: string): Promise<string[]> {
  const rows: { organization_id: string }[] = await deps.dataSource.query(`SELECT DISTINCT organization_id FROM grants WHERE ${condition} LIMIT 100`);
  return rows.map((r) => r.organization_id);
}

/** The accounts a grant to a user or team reaches now. */
async function accountsOf(scope: CommandScope, row: { subject_user_id: string | null; subject_team_id: string | null }): Promise<string[]> {
  if (row.subject_user_id) return [row.subject_user_id];
  const members: { account_id: string }[] = await scope.tx.query(`SELECT account_id FROM team_members WHERE team_id = $1`, [row.subject_team_id]);
  return members.map((m) => m.account_id);
}

function formatInstant(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Removes one organization's expired grants in one command (actor SYSTEM):
 * each is deleted by the statement that claims it, so two instances sweeping
 * at once never handle one grant twice (`FOR UPDATE SKIP LOCKED`). Writes
 * `grant.expired` per grant, notifies the people it gave access to, and
 * publishes their access change. The evaluator stopped counting each grant at
 * its end already; removing it moves the access revision.
 */
async function expireGrantsOf(deps: CommandRunnerDeps, organizationId: string): Promise<number> {
  return runCommand(deps, { actor: SYSTEM_ACTOR, organizationId, requestId: null }, async (scope) => {
    const rows: ExpiredGrantRow[] = await scope.tx.query(
      `WITH gone AS (
         DELETE FROM grants WHERE id IN (
           SELECT id FROM grants WHERE organization_id = $1 AND expires_at <= now() ORDER BY expires_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
         )
         RETURNING id, resource_id, subject_user_id, subject_team_id, level, expires_at
       )
       SELECT gone.*, r.type AS resource_type, r.name AS resource_name, t.name AS team_name
       FROM gone JOIN resources r ON r.id = gone.resource_id LEFT JOIN teams t ON t.id = gone.subject_team_id
       ORDER BY gone.expires_at, gone.id`,
      [organizationId],
    );
    const affected = new Set<string>();
    for (const row of rows) {
      const subject = row.subject_user_id ? { subjectType: 'USER', subjectId: row.subject_user_id } : { subjectType: 'TEAM', subjectId: row.subject_team_id };
      await scope.audit({
        action: 'grant.expired',
        target: { type: row.resource_type, id: row.resource_id, label: row.resource_name },
        before: {
          ...subject,
          ...(row.team_name ? { subject: `team ${row.team_name}` } : {}),
          level: row.level,
          expiresAt: new Date(row.expires_at).toISOString(),
        },
      });
      const what = `${RESOURCE_TYPE_REGISTRY[row.resource_type].label} '${row.resource_name}'`;
      const through = row.team_name ? ` through team ${row.team_name}` : '';
      for (const accountId of await accountsOf(scope, row)) {
        affected.add(accountId);
        await notify(scope, accountId, 'ACCESS_EXPIRED', `Your ${ACCESS_LEVEL_LABELS[row.level]} access to ${what}${through} has ended.`, {
          resourceId: row.resource_id,
          resourceType: row.resource_type,
          level: row.level,
          teamId: row.subject_team_id,
        });
      }
    }
    if (rows.length === 0) return 0;
    if (affected.size) scope.publish({ type: 'accessChanged', organizationId, accountIds: [...affected], reason: 'GRANT_EXPIRED' });
    scope.publish({
      type: 'resourceAccessChanged',
      organizationId,
      resourceIds: await resourcesReachedFrom(scope.tx, [...new Set(rows.map((r) => r.resource_id))]),
    });
    for (const teamId of new Set(rows.flatMap((r) => (r.subject_team_id ? [r.subject_team_id] : [])))) publishTeamChanged(scope, teamId, 'GRANTS_CHANGED');
    return rows.length;
  });
}

/** Removes every expired grant, organization by organization; answers how many. */
export async function sweepExpiredGrants(deps: CommandRunnerDeps): Promise<number> {
  let removed = 0;
  for (const organizationId of await organizationsWith(deps, `expires_at <= now()`)) removed += await expireGrantsOf(deps, organizationId);
  return removed;
}

interface EndingGrantRow {
  id: string;
  resource_id: string;
  resource_type: ResourceType;
  resource_name: string;
  subject_user_id: string | null;
  subject_team_id: string | null;
  team_name: string | null;
  level: GrantLevel;
  expires_at: Date;
}

/**
 * Reminds the people a grant gives access to, once per grant and end date,
 * when it ends within 24 hours: the reminder row is claimed by its insert
 * (`ON CONFLICT DO NOTHING`), so concurrent sweeps send it once, and a grant
 * given a new end date is reminded again. No audit entry: nothing changed.
 */
async function remindOf(deps: CommandRunnerDeps, organizationId: string): Promise<number> {
  return runCommand(deps, { actor: SYSTEM_ACTOR, organizationId, requestId: null }, async (scope) => {
    const rows: EndingGrantRow[] = await scope.tx.query(
      `WITH claimed AS (
         INSERT INTO grant_expiry_reminders (grant_id, expires_at)
         SELECT id, expires_at FROM grants
         WHERE organization_id = $1 AND expires_at > now() AND expires_at <= now() + ($2 || ' milliseconds')::interval
         ON CONFLICT DO NOTHING
         RETURNING grant_id
       )
       SELECT g.id, g.resource_id, g.subject_user_id, g.subject_team_id, g.level, g.expires_at,
              r.type AS resource_type, r.name AS resource_name, t.name AS team_name
       FROM claimed c JOIN grants g ON g.id = c.grant_id JOIN resources r ON r.id = g.resource_id
       LEFT JOIN teams t ON t.id = g.subject_team_id
       ORDER BY g.expires_at, g.id`,
      [organizationId, String(REMINDER_LEAD_MS)],
    );
    for (const row of rows) {
      const what = `${RESOURCE_TYPE_REGISTRY[row.resource_type].label} '${row.resource_name}'`;
      const through = row.team_name ? ` through team ${row.team_name}` : '';
      for (const accountId of await accountsOf(scope, row)) {
        await notify(
          scope,
          accountId,
          'ACCESS_EXPIRING',
          `Your ${ACCESS_LEVEL_LABELS[row.level]} access to ${what}${through} ends ${formatInstant(new Date(row.expires_at))}. Ask to renew it if you still need it.`,
          {
            resourceId: row.resource_id,
            resourceType: row.resource_type,
            level: row.level,
            teamId: row.subject_team_id,
            expiresAt: new Date(row.expires_at).toISOString(),
            renewable: true,
          },
        );
      }
    }
    return rows.length;
  });
}

/** Sends every due 24-hour reminder; answers for how many grants. */
export async function sendExpiryReminders(deps: CommandRunnerDeps): Promise<number> {
  let sent = 0;
  const condition = `expires_at > now() AND expires_at <= now() + interval '${REMINDER_LEAD_MS / 1000} seconds'
    AND NOT EXISTS (SELECT 1 FROM grant_expiry_reminders x WHERE x.grant_id = grants.id AND x.expires_at = grants.expires_at)`;
  for (const organizationId of await organizationsWith(deps, condition)) sent += await remindOf(deps, organizationId);
  return sent;
}
