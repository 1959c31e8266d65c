import type { Logger } from 'pino';
import type { EffectiveLevel, ResourceType } from '@rolegraph/shared';
import type { Tx } from '../db/database';
import type { AccessSnapshotCache } from '../access/accessSnapshotCache';
import type { OrgAccessSnapshot } from '../access/orgSnapshot';
import { committedLevelChanges } from '../access/committedChanges';

/** How long logged changes are kept: a subscriber may resume from any revision of the last 7 days (a day of margin on top). */
export const ACCESS_LOG_RETENTION_DAYS = 8;

/** Rows written by one statement: a role change to or from Owner logs one per resource, tens of thousands. */
export const LOG_ROWS_PER_STATEMENT = 5_000;

/** A command's transaction, watched from its start: the organization's revision then and its graph at it. */
export interface CommitWatch {
  readonly organizationId: string;
  readonly revision: bigint;
  readonly before: OrgAccessSnapshot;
}

/** One logged row, as the stream reads it. */
export interface LoggedChange {
  readonly revision: string;
  /** Its position within the revision. */
  readonly seq: number;
  /** Whether it is the revision's last row. */
  readonly last: boolean;
  readonly kind: 'LEVEL' | 'RESYNC';
  readonly userId: string | null;
  readonly resourceId: string | null;
  readonly resourceType: ResourceType | null;
  readonly before: EffectiveLevel | null;
  readonly after: EffectiveLevel | null;
}

/**
 * Writes the effective-level changes of every committed command, in its own
 * transaction, so the log holds exactly what committed, once, in revision
 * order: a command first takes its organization's row lock (no other access
 * change of that organization can commit until it does), reads the graph at
 * that revision, and at its end asks the evaluator what its writes moved
 * (access/committedChanges.ts). All of a command's changes carry the
 * revision it committed. See docs/consistency.md.
 */
export class AccessChangeLog {
  constructor(private readonly graphs: AccessSnapshotCache) {}

  /** Locks the organization's row and reads its graph; null when the organization does not exist (yet). */
  async begin(tx: Tx, organizationId: string): Promise<CommitWatch | null> {
    const rows: { access_revision: string }[] = await tx.query(`SELECT access_revision FROM organizations WHERE id = $1 FOR NO KEY UPDATE`, [organizationId]);
    const row = rows[0];
    if (!row) return null;
    const revision = BigInt(row.access_revision);
    return { organizationId, revision, before: await this.graphs.committedGraphWithin(tx, organizationId, revision) };
  }

  /** Logs what the command's writes moved; returns the revision it commits. */
  async record(tx: Tx, watch: CommitWatch): Promise<bigint> {
    const rows: { access_revision: string }[] = await tx.query(`SELECT access_revision FROM organizations WHERE id = $1`, [watch.organizationId]);
    const revision = BigInt(rows[0]?.access_revision ?? String(watch.revision));
    if (revision === watch.revision) return revision;
    const { graph: after, keys } = await this.graphs.graphAfterWithin(tx, watch.organizationId, watch.before, watch.revision);
    if (keys === null) {
      await tx.query(`INSERT INTO access_level_changes (organization_id, revision, seq, kind) VALUES ($1, $2, 0, 'RESYNC') ON CONFLICT DO NOTHING`, [
        watch.organizationId,
        String(revision),
      ]);
      return revision;
    }
    const changes = committedLevelChanges(watch.before, after, keys);
    if (changes.length === 0) return revision;
    // The rows as five array texts (one per column) of LOG_ROWS_PER_STATEMENT rows each, written here rather than by
    // the driver's per-element escaping (a role change's 60,000 values each) and read by PostgreSQL faster than JSON;
    // the event loop runs between statements.
    for (let from = 0; from < changes.length; from += LOG_ROWS_PER_STATEMENT) {
      const part = changes.slice(from, from + LOG_ROWS_PER_STATEMENT);
      await tx.query(
        `INSERT INTO access_level_changes (organization_id, revision, seq, total, kind, user_id, resource_id, resource_type, level_before, level_after)
         SELECT $1, $2, $3::int + c.n::int - 1, $4::int, 'LEVEL', c.user_id, c.resource_id, c.resource_type, c.level_before, c.level_after
           FROM unnest($5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[]) WITH ORDINALITY
             AS c (user_id, resource_id, resource_type, level_before, level_after, n)`,
        [
          watch.organizationId,
          String(revision),
          from,
          changes.length,
          bareArray(part.map((c) => c.userId)),
          bareArray(part.map((c) => c.resourceId)),
          bareArray(part.map((c) => (after.resource(c.resourceId) ?? watch.before.resource(c.resourceId))?.type ?? null)),
          bareArray(part.map((c) => c.before)),
          bareArray(part.map((c) => c.after)),
        ],
      );
    }
    return revision;
  }
}

/** What an array literal may hold unquoted: ids and enum names (no quote, comma, brace, space or backslash). */
const BARE_ELEMENT = /^[0-9A-Za-z_-]+$/;

/** A PostgreSQL array literal of ids or enum names (null: NULL); anything else is refused rather than quoted. */
export function bareArray(values: readonly (string | null)[]): string {
  for (const value of values) {
    if (value !== null && (!BARE_ELEMENT.test(value) || value.toUpperCase() === 'NULL')) throw new Error(`not a bare array element: ${JSON.stringify(value)}`);
  }
  return `{${values.map((value) => value ?? 'NULL').join(',')}}`;
}

/** Deletes an organization's log, with the organization (the rows name it without a foreign key, for the speed of writing them). */
export async function deleteOrganizationLog(tx: Tx, organizationId: string): Promise<void> {
  await tx.query(`DELETE FROM access_level_changes WHERE organization_id = $1`, [organizationId]);
}

/**
 * The log's rows of an organization after (revision, seq), oldest first, at
 * most `limit`; with the revision the log is complete after and the current
 * revision, read first (every commit up to it is visible to the rows' read).
 */
export async function readLoggedChanges(
  query: (sql: string, params: unknown[]) => Promise<unknown[]>,
  organizationId: string,
  after: bigint,
  afterSeq: number,
  limit: number,
): Promise<{ logFrom: bigint; current: bigint; changes: LoggedChange[] }> {
  const [org] = (await query(`SELECT access_log_from::text AS log_from, access_revision::text AS current FROM organizations WHERE id = $1`, [
    organizationId,
  ])) as { log_from: string; current: string }[];
  if (!org) return { logFrom: 0n, current: 0n, changes: [] };
  const rows = (await query(
    `SELECT revision::text AS revision, seq, seq = total - 1 AS last, kind, user_id, resource_id, resource_type, level_before, level_after
       FROM access_level_changes WHERE organization_id = $1 AND (revision > $2::bigint OR (revision = $2::bigint AND seq > $3::int))
      ORDER BY revision, seq LIMIT $4::int`,
    [organizationId, String(after), afterSeq, limit],
  )) as {
    revision: string;
    seq: number;
    last: boolean;
    kind: 'LEVEL' | 'RESYNC';
    user_id: string | null;
    resource_id: string | null;
    resource_type: ResourceType | null;
    level_before: EffectiveLevel | null;
    level_after: EffectiveLevel | null;
  }[];
  return {
    logFrom: BigInt(org.log_from),
    current: BigInt(org.current),
    changes: rows.map((r) => ({
      revision: r.revision,
      seq: r.seq,
      last: r.last,
      kind: r.kind,
      userId: r.user_id,
      resourceId: r.resource_id,
      resourceType: r.resource_type,
      before: r.level_before,
      after: r.level_after,
    })),
  };
}

/** Deletes rows past the retention and raises each organization's `access_log_from` over them. */
export async function pruneAccessChangeLog(query: (sql: string, params: unknown[]) => Promise<unknown>, logger: Logger): Promise<void> {
  await query(
    `WITH gone AS (
       DELETE FROM access_level_changes WHERE created_at < now() - make_interval(days => $1::int) RETURNING organization_id, revision
     )
     UPDATE organizations o SET access_log_from = g.last
       FROM (SELECT organization_id, max(revision) AS last FROM gone GROUP BY organization_id) g
      WHERE o.id = g.organization_id AND o.access_log_from < g.last`,
    [ACCESS_LOG_RETENTION_DAYS],
  );
  logger.debug('access change log pruned');
}
