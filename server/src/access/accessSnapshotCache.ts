import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database';
import type { Logger } from 'pino';
import type { AssistantStatus, AssistantVisibility, GrantLevel, OrgRole, ResourceType, TeamRole } from '@rolegraph/shared';
import type { AccessGraph, GrantEdge, ResourceNode } from './accessGraph';
import type { AccessGraphSource, GraphAtRevision, GraphInMemory } from './requestAccess';
import { OrgAccessSnapshot } from './orgSnapshot';
import type { ChangedKeys, GraphWithGrants } from './committedChanges';
import { DeltaGraph, type RowChanges } from './deltaGraph';
import { BadUserInputError } from '../errors';

/**
 * Keeps each organization's access graph in memory, exactly at a known
 * access revision, and brings it forward on demand.
 *
 * Consistency ("new enemy" safety, docs/consistency.md): every request reads its
 * organization's `access_revision` when it authenticates, after any change it
 * could be ordered after has committed. `graphAt(org, r)` never answers from a
 * snapshot older than r: it first applies the changes recorded in
 * `access_changes` after the snapshot's revision (re-reading the changed rows)
 * or, when they are gone or too many, reloads the organization. Each sync runs
 * in one REPEATABLE READ transaction, so the snapshot is exactly the database
 * at one revision. This holds across server instances: nothing here trusts
 * another instance's memory, only the database.
 */
export class AccessSnapshotCache implements AccessGraphSource {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly options: { maxOrganizations: number; maxDeltaRows: number } = { maxOrganizations: 64, maxDeltaRows: 20_000 },
  ) {}

  async currentRevision(organizationId: string): Promise<string> {
    const asked = Date.now();
    const rows = await this.database.prepared<{ access_revision: string }>(
      'current-access-revision',
      `SELECT access_revision FROM organizations WHERE id = $1`,
      [organizationId],
    );
    const revision = rows[0]?.access_revision ?? '0';
    const entry = this.entries.get(organizationId);
    if (entry && entry.revision === BigInt(revision)) entry.verifiedAt = Math.max(entry.verifiedAt, asked);
    return revision;
  }

  async graphAt(organizationId: string, minRevision: string | null): Promise<AccessGraph> {
    return (await this.graphAtRevision(organizationId, minRevision)).graph;
  }

  async graphAtRevision(organizationId: string, minRevision: string | null): Promise<GraphAtRevision> {
    const wanted = BigInt(minRevision ?? (await this.currentRevision(organizationId)));
    let synced = false;
    for (;;) {
      const entry = this.entries.get(organizationId);
      if (entry && entry.revision >= wanted) {
        const now = Date.now();
        entry.lastUsed = now;
        // One instant for everything asked of this graph: expired grants count for nothing from then on.
        return { graph: entry.snapshot.at(now), revision: String(entry.revision) };
      }
      if (entry?.syncing) {
        await entry.syncing.catch(() => undefined);
        continue;
      }
      // A sync brings the snapshot to the current revision: still short of `wanted`, that revision was never committed.
      if (synced) throw new RevisionNotCommittedError();
      await this.sync(organizationId, entry);
      synced = true;
    }
  }

  graphInMemory(organizationId: string): GraphInMemory | null {
    const entry = this.entries.get(organizationId);
    if (!entry || entry.revision < 0n) return null;
    const now = Date.now();
    entry.lastUsed = now;
    return { graph: entry.snapshot.at(now), revision: String(entry.revision), verifiedAt: entry.verifiedAt };
  }

  /**
   * Loads the snapshots of the most recently active organizations (latest
   * access change or session), at most `limit` and never more than the cache
   * holds, one after another: a restarted instance then answers their first
   * checks from memory instead of reading a whole organization first.
   */
  async warm(limit: number): Promise<{ organizations: number; ms: number }> {
    const started = Date.now();
    const count = Math.min(limit, this.options.maxOrganizations);
    if (count <= 0) return { organizations: 0, ms: 0 };
    const rows: { organization_id: string }[] = await this.database.dataSource.query(RECENTLY_ACTIVE_ORGANIZATIONS, [count]);
    for (const row of rows) await this.graphAtRevision(row.organization_id, null);
    return { organizations: rows.length, ms: Date.now() - started };
  }

  /** Drops an organization's snapshot (it was deleted). */
  forget(organizationId: string): void {
    this.entries.delete(organizationId);
  }

  /** Drops every cached organization (tests; memory pressure). */
  clear(): void {
    this.entries.clear();
  }

  private async sync(organizationId: string, existing: CacheEntry | undefined): Promise<void> {
    const entry: CacheEntry = existing ?? { snapshot: new OrgAccessSnapshot(), revision: -1n, lastUsed: Date.now(), verifiedAt: 0, syncing: null };
    if (!existing) {
      this.entries.set(organizationId, entry);
      this.evictLeastRecentlyUsed();
    }
    const asked = Date.now();
    entry.syncing = (async () => {
      if (entry.revision >= 0n && (await this.applyChanges(organizationId, entry))) {
        entry.verifiedAt = asked;
        return;
      }
      await this.database.dataSource.transaction('REPEATABLE READ', async (tx) => {
        const rows: { access_revision: string }[] = await tx.query(`SELECT access_revision FROM organizations WHERE id = $1`, [organizationId]);
        await this.load(tx, organizationId, entry, BigInt(rows[0]?.access_revision ?? '0'));
      });
      entry.verifiedAt = asked;
    })().finally(() => {
      entry.syncing = null;
    });
    try {
      await entry.syncing;
    } catch (error) {
      // A failed first load leaves nothing half-built behind.
      if (entry.revision < 0n) this.entries.delete(organizationId);
      throw error;
    }
  }

  /** Replaces the snapshot with a full read of the organization. */
  private async load(tx: EntityManager, organizationId: string, entry: CacheEntry, revision: bigint): Promise<void> {
    const started = Date.now();
    const snapshot = new OrgAccessSnapshot();
    // One connection runs one query at a time: read the tables in turn.
    const members: MemberRow[] = await tx.query(`SELECT account_id, role FROM memberships WHERE organization_id = $1`, [organizationId]);
    for (const m of members) snapshot.upsertMember(m.account_id, m.role);
    const teams: { id: string }[] = await tx.query(`SELECT id FROM teams WHERE organization_id = $1`, [organizationId]);
    for (const t of teams) snapshot.upsertTeam(t.id);
    const teamMembers: TeamMemberRow[] = await tx.query(`SELECT team_id, account_id, role FROM team_members WHERE organization_id = $1`, [organizationId]);
    for (const tm of teamMembers) snapshot.upsertTeamMember({ teamId: tm.team_id, userId: tm.account_id, role: tm.role });
    // The two large tables are read in pages, so only one page of rows is alive at a time.
    const resources = await readInPages<ResourceRow>(tx, RESOURCE_SELECT, organizationId, (r) => snapshot.upsertResource(toResourceNode(r)));
    const grants = await readInPages<GrantRow>(tx, GRANT_SELECT, organizationId, (g) => snapshot.upsertGrant(toGrantEdge(g)));
    snapshot.compact();
    entry.snapshot = snapshot;
    entry.revision = revision;
    this.logger.debug({ organizationId, revision: String(revision), ms: Date.now() - started, resources, grants }, 'access snapshot loaded');
  }

  /**
   * Brings the snapshot to the database's current revision by re-reading only
   * what changed since its own revision: one statement (so one consistent
   * view of the database) returns the current revision, whether the change
   * log covers the gap, and the current state of every changed key. Returns
   * false when a full reload is needed instead: a bulk import, a change log
   * pruned past the snapshot, or too many changes.
   */
  private async applyChanges(organizationId: string, entry: CacheEntry): Promise<boolean> {
    const [delta] = await this.database.prepared<DeltaRow>('access-delta', DELTA_SQL, [organizationId, String(entry.revision), this.options.maxDeltaRows]);
    if (!delta) return false;
    const revision = BigInt(delta.revision);
    if (revision <= entry.revision) return true;
    if (!delta.complete || delta.reload) return false;
    // Applied in one synchronous step, so no evaluation sees half a revision.
    applyDelta(entry.snapshot, delta);
    entry.revision = revision;
    return true;
  }

  /**
   * The organization's graph exactly at `revision`, read inside `tx` — a
   * transaction that holds the organization's row lock and has written
   * nothing yet, so `revision` is the latest committed one and stays so. The
   * cached snapshot itself when it is at that revision (it cannot move while
   * the lock is held); otherwise a private copy brought forward, or a full
   * read. The caller must not change what it gets.
   */
  async committedGraphWithin(tx: EntityManager, organizationId: string, revision: bigint): Promise<OrgAccessSnapshot> {
    const entry = this.entries.get(organizationId);
    if (entry && entry.revision === revision) return entry.snapshot;
    if (entry && entry.revision >= 0n && entry.revision < revision) {
      const [delta]: DeltaRow[] = await tx.query(DELTA_SQL, [organizationId, String(entry.revision), this.options.maxDeltaRows]);
      if (delta && delta.complete && !delta.reload && BigInt(delta.revision) === revision) {
        // What the transaction reads here is committed (it holds the lock and has written nothing): bring the
        // cached snapshot itself forward, in one synchronous step, unless a sync of its own is under way.
        if (!entry.syncing && entry.revision < revision) {
          applyDelta(entry.snapshot, delta);
          entry.revision = revision;
          entry.verifiedAt = Date.now();
          return entry.snapshot;
        }
        const copy = entry.snapshot.clone();
        applyDelta(copy, delta);
        return copy;
      }
    }
    const fresh: CacheEntry = { snapshot: new OrgAccessSnapshot(), revision: -1n, lastUsed: 0, verifiedAt: 0, syncing: null };
    await this.load(tx, organizationId, fresh, revision);
    return fresh.snapshot;
  }

  /**
   * `before` (the graph at `from`) with what `tx` itself wrote laid on a
   * copy, and the keys it changed; null keys when the writes cannot be
   * followed row by row (a bulk import).
   */
  async graphAfterWithin(
    tx: EntityManager,
    organizationId: string,
    before: OrgAccessSnapshot,
    from: bigint,
  ): Promise<{ graph: GraphWithGrants; keys: ChangedKeys | null }> {
    const [delta]: DeltaRow[] = await tx.query(DELTA_SQL, [organizationId, String(from), this.options.maxDeltaRows]);
    if (!delta || !delta.complete || delta.reload) return { graph: before, keys: null };
    return { graph: new DeltaGraph(before, rowChanges(delta)), keys: changedKeys(delta) };
  }

  private evictLeastRecentlyUsed(): void {
    while (this.entries.size > this.options.maxOrganizations) {
      let oldest: [string, CacheEntry] | undefined;
      for (const item of this.entries) {
        if (!item[1].syncing && (!oldest || item[1].lastUsed < oldest[1].lastUsed)) oldest = item;
      }
      if (!oldest) return;
      this.entries.delete(oldest[0]);
    }
  }
}

interface CacheEntry {
  snapshot: OrgAccessSnapshot;
  /** The revision the snapshot reflects exactly; -1 before the first load. */
  revision: bigint;
  lastUsed: number;
  /** When the database last confirmed `revision` was current (epoch ms; 0 never). */
  verifiedAt: number;
  syncing: Promise<void> | null;
}

/** What DELTA_SQL returns: the current revision and the current state of every key changed since. */
interface DeltaRow {
  revision: string;
  /** The change log holds every revision of the gap, within the row limit. */
  complete: boolean;
  /** A bulk import happened in the gap. */
  reload: boolean;
  members: { key: string; role: OrgRole | null }[] | null;
  teams: { key: string; present: boolean }[] | null;
  team_members: { team: string; account: string; role: TeamRole | null }[] | null;
  resources: { key: string; row: ResourceRow | null }[] | null;
  grants: { key: string; row: GrantRow | null }[] | null;
}
interface MemberRow {
  account_id: string;
  role: OrgRole;
}
interface TeamMemberRow {
  team_id: string;
  account_id: string;
  role: TeamRole;
}
interface ResourceRow {
  id: string;
  type: ResourceType;
  parent_id: string | null;
  owner_id: string;
  status: AssistantStatus | null;
  visibility: AssistantVisibility | null;
  name: string;
}
interface GrantRow {
  id: string;
  resource_id: string;
  subject_user_id: string | null;
  subject_team_id: string | null;
  level: GrantLevel;
  /** When it ends, epoch ms (a bigint: text from a query, a number from JSON); null without an end. */
  expires_at_ms: string | number | null;
}

/** $1: how many. Organizations by their latest access change or session, newest first. */
const RECENTLY_ACTIVE_ORGANIZATIONS = `
SELECT organization_id FROM (
  SELECT organization_id, max(created_at) AS at FROM access_changes GROUP BY organization_id
  UNION ALL
  SELECT organization_id, max(created_at) FROM sessions WHERE organization_id IS NOT NULL AND expires_at > now() GROUP BY organization_id
) recent
JOIN organizations ON organizations.id = recent.organization_id
GROUP BY organization_id ORDER BY max(at) DESC LIMIT $1`;

const RESOURCE_SELECT = `SELECT id, type, parent_id, owner_id, status, visibility, name FROM resources`;

/**
 * $1 organization, $2 the snapshot's revision, $3 most change rows to read.
 * One statement: everything it reads is one consistent view.
 */
const DELTA_SQL = `
WITH org AS (SELECT access_revision AS revision FROM organizations WHERE id = $1),
changes AS (
  SELECT revision, kind, key_a, key_b FROM access_changes
   WHERE organization_id = $1 AND revision > $2::bigint AND revision <= (SELECT revision FROM org)
   ORDER BY revision LIMIT $3::int + 1
)
SELECT
  (SELECT revision FROM org)::text AS revision,
  (SELECT count(*) FROM changes) <= $3::int
    AND (SELECT count(DISTINCT revision) FROM changes) = (SELECT revision FROM org) - $2::bigint AS complete,
  coalesce((SELECT bool_or(kind = 'reload') FROM changes), false) AS reload,
  (SELECT json_agg(json_build_object('key', c.key_a, 'role', m.role))
     FROM (SELECT DISTINCT key_a FROM changes WHERE kind = 'member') c
     LEFT JOIN memberships m ON m.organization_id = $1 AND m.account_id = c.key_a::uuid) AS members,
  (SELECT json_agg(json_build_object('key', c.key_a, 'present', t.id IS NOT NULL))
     FROM (SELECT DISTINCT key_a FROM changes WHERE kind = 'team') c
     LEFT JOIN teams t ON t.organization_id = $1 AND t.id = c.key_a::uuid) AS teams,
  (SELECT json_agg(json_build_object('team', c.key_a, 'account', c.key_b, 'role', tm.role))
     FROM (SELECT DISTINCT key_a, key_b FROM changes WHERE kind = 'team_member') c
     LEFT JOIN team_members tm ON tm.organization_id = $1 AND tm.team_id = c.key_a::uuid AND tm.account_id = c.key_b::uuid) AS team_members,
  (SELECT json_agg(json_build_object('key', c.key_a, 'row', CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object(
            'id', r.id, 'type', r.type, 'parent_id', r.parent_id, 'owner_id', r.owner_id,
            'status', r.status, 'visibility', r.visibility, 'name', r.name) END))
     FROM (SELECT DISTINCT key_a FROM changes WHERE kind = 'resource') c
     LEFT JOIN resources r ON r.organization_id = $1 AND r.id = c.key_a::uuid) AS resources,
  (SELECT json_agg(json_build_object('key', c.key_a, 'row', CASE WHEN g.id IS NULL THEN NULL ELSE json_build_object(
            'id', g.id, 'resource_id', g.resource_id, 'subject_user_id', g.subject_user_id,
            'subject_team_id', g.subject_team_id, 'level', g.level,
            'expires_at_ms', (extract(epoch FROM g.expires_at) * 1000)::bigint) END))
     FROM (SELECT DISTINCT key_a FROM changes WHERE kind = 'grant') c
     LEFT JOIN grants g ON g.organization_id = $1 AND g.id = c.key_a::uuid) AS grants`;
const GRANT_SELECT = `SELECT id, resource_id, subject_user_id, subject_team_id, level, (extract(epoch FROM expires_at) * 1000)::bigint AS expires_at_ms FROM grants`;

const LOAD_PAGE_ROWS = 20_000;

/** Reads `select` (a query over one table, filtered here by organization) in pages ordered by id, handing each row to `use`; returns the row count. */
async function readInPages<Row extends { id: string }>(tx: EntityManager, select: string, organizationId: string, use: (row: Row) => void): Promise<number> {
  let after: string | null = null;
  let count = 0;
  for (;;) {
    const page: Row[] = await tx.query(`${select} WHERE organization_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT ${LOAD_PAGE_ROWS}`, [
      organizationId,
      after,
    ]);
    for (const row of page) use(row);
    count += page.length;
    if (page.length < LOAD_PAGE_ROWS) return count;
    after = page[page.length - 1]!.id;
  }
}

/** The keys of the rows a delta changed. */
function changedKeys(delta: DeltaRow): ChangedKeys {
  return {
    members: (delta.members ?? []).map((m) => m.key),
    teams: (delta.teams ?? []).map((t) => t.key),
    teamMembers: (delta.team_members ?? []).map((tm) => ({ teamId: tm.team, userId: tm.account })),
    resources: (delta.resources ?? []).map((r) => r.key),
    grants: (delta.grants ?? []).map((g) => g.key),
  };
}

/** A delta's rows as the graph sees them, for laying over a graph without changing it. */
function rowChanges(delta: DeltaRow): RowChanges {
  return {
    teams: (delta.teams ?? []).map((t) => [t.key, t.present] as const),
    members: (delta.members ?? []).map((m) => [m.key, m.role] as const),
    teamMembers: (delta.team_members ?? []).map((tm) => [tm.team, tm.account, tm.role] as const),
    resources: (delta.resources ?? []).map((r) => [r.key, r.row ? toResourceNode(r.row) : null] as const),
    grants: (delta.grants ?? []).map((g) => [g.key, g.row ? toGrantEdge(g.row) : null] as const),
  };
}

/** Lays a delta's rows on a snapshot; returns the keys it changed. */
function applyDelta(snapshot: OrgAccessSnapshot, delta: DeltaRow): ChangedKeys {
  for (const t of delta.teams ?? []) {
    if (t.present) snapshot.upsertTeam(t.key);
    else snapshot.removeTeam(t.key);
  }
  for (const m of delta.members ?? []) {
    if (m.role) snapshot.upsertMember(m.key, m.role);
    else snapshot.removeMember(m.key);
  }
  for (const tm of delta.team_members ?? []) {
    if (tm.role) snapshot.upsertTeamMember({ teamId: tm.team, userId: tm.account, role: tm.role });
    else snapshot.removeTeamMember(tm.team, tm.account);
  }
  for (const r of delta.resources ?? []) {
    if (r.row) snapshot.upsertResource(toResourceNode(r.row));
    else snapshot.removeResource(r.key);
  }
  for (const g of delta.grants ?? []) {
    if (g.row) snapshot.upsertGrant(toGrantEdge(g.row));
    else snapshot.removeGrant(g.key);
  }
  return changedKeys(delta);
}

function toResourceNode(r: ResourceRow): ResourceNode {
  return {
    id: r.id,
    type: r.type,
    parentId: r.parent_id,
    ownerId: r.owner_id,
    status: r.status,
    visibility: r.visibility,
    name: r.name,
    sortName: r.name.toLowerCase(),
  };
}

function toGrantEdge(g: GrantRow): GrantEdge {
  const expiresAt = g.expires_at_ms === null ? null : Number(g.expires_at_ms);
  return g.subject_user_id
    ? { id: g.id, resourceId: g.resource_id, subjectType: 'USER', subjectId: g.subject_user_id, level: g.level, expiresAt }
    : { id: g.id, resourceId: g.resource_id, subjectType: 'TEAM', subjectId: g.subject_team_id ?? '', level: g.level, expiresAt };
}

/** A consistency token asks for a revision the organization has not committed. */
export class RevisionNotCommittedError extends BadUserInputError {
  constructor() {
    super(
      'consistency.atLeast names a revision this organization has not committed: pass a token a response of this organization returned.',
      'consistency.atLeast',
    );
  }
}
