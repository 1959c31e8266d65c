import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Tx } from '../db/database';
import type { Actor } from '../audit/actor';
import { appendAuditEntry, type AuditRecord } from '../audit/auditLog';
import { ConflictError, NotFoundError } from '../errors';
import type { LiveEvent, LiveEventPublisher } from '../live/liveEvents';
import type { AccessChangeLog } from '../changeStream/accessChangeLog';

/**
 * The one way a change is written: validate, check, write in one transaction
 * together with its audit entries, then — only once the transaction has
 * committed — publish its live events. A command that throws rolls back
 * everything it wrote and publishes nothing; one that collided with a
 * concurrent change is run again (see isConcurrentCollision).
 */
export interface CommandScope {
  readonly tx: Tx;
  readonly actor: Actor;
  readonly organizationId: string;
  readonly requestId: string | null;
  /** Writes an audit entry in this transaction (and announces it after commit). */
  audit(record: AuditRecord): Promise<void>;
  /** Queues an event for after the commit. */
  publish(event: LiveEvent): void;
}

export interface CommandRunnerDeps {
  readonly dataSource: DataSource;
  readonly events: LiveEventPublisher;
  readonly logger: Logger;
  /**
   * Logs the effective levels each command moves (the `accessChanges`
   * stream). Every command that may change an existing organization's access
   * runs with it; without it such a change leaves the stream incomplete.
   */
  readonly changeLog?: AccessChangeLog;
}

export interface CommandMeta {
  readonly actor: Actor;
  readonly organizationId: string;
  readonly requestId: string | null;
  /** Told the organization's access revision as the command committed it (its own changes included). */
  readonly onCommitted?: (revision: string) => void;
}

/** How often a command that collided with a concurrent one is run again before the caller is told. */
const MAX_ATTEMPTS = 3;

/**
 * PostgreSQL errors that mean "another transaction got there first": a unique
 * key taken meanwhile (23505), a serialization failure (40001), a deadlock
 * (40P01). The transaction rolled back whole, so running the command again is
 * safe: its checks then see the other change (an email now taken, an
 * invitation now accepted) and answer with their own clear error.
 */
function isConcurrentCollision(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown }; code?: unknown } | null)?.driverError?.code ?? (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === '40001' || code === '40P01';
}

/**
 * The command wrote a row of an organization that no longer exists: it was
 * deleted (deleteOrganization) while the command waited for its lock.
 */
function isOrganizationGone(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown; constraint?: unknown } } | null)?.driverError;
  return driverError?.code === '23503' && typeof driverError.constraint === 'string' && driverError.constraint.endsWith('_organization_id_fkey');
}

/**
 * What a row the command wrote names that a concurrent command removed while
 * this one waited for its lock, by the foreign key that refused it: a grant
 * or a team place for a member just removed, a grant to a team just deleted.
 */
const REMOVED_MEANWHILE: Readonly<Record<string, string>> = {
  grants_subject_membership_fkey: 'member',
  team_members_membership_fkey: 'member',
  grants_subject_team_id_fkey: 'team',
  team_members_team_id_fkey: 'team',
};

function removedMeanwhile(error: unknown): string | undefined {
  const driverError = (error as { driverError?: { code?: unknown; constraint?: unknown } } | null)?.driverError;
  if (driverError?.code !== '23503' || typeof driverError.constraint !== 'string') return undefined;
  return Object.hasOwn(REMOVED_MEANWHILE, driverError.constraint) ? REMOVED_MEANWHILE[driverError.constraint] : undefined;
}

export async function runCommand<T>(deps: CommandRunnerDeps, meta: CommandMeta, body: (scope: CommandScope) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(deps, meta, body);
    } catch (error) {
      if (isOrganizationGone(error)) throw new NotFoundError('organization', meta.organizationId);
      const removed = removedMeanwhile(error);
      if (removed) throw new NotFoundError(removed);
      if (!isConcurrentCollision(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        deps.logger.warn({ attempts: attempt }, 'a command kept colliding with concurrent changes');
        throw new ConflictError();
      }
    }
  }
}

async function runOnce<T>(deps: CommandRunnerDeps, meta: CommandMeta, body: (scope: CommandScope) => Promise<T>): Promise<T> {
  const events: LiveEvent[] = [];
  const result = await deps.dataSource.transaction(async (tx) => {
    // First the organization's row lock and its graph, so the log can tell what this command's writes move.
    const watch = deps.changeLog ? await deps.changeLog.begin(tx, meta.organizationId) : null;
    const scope: CommandScope = {
      tx,
      actor: meta.actor,
      organizationId: meta.organizationId,
      requestId: meta.requestId,
      async audit(record) {
        const entry = await appendAuditEntry(tx, meta, record);
        events.push({ type: 'auditEventAdded', organizationId: meta.organizationId, auditEntryId: entry.id });
      },
      publish(event) {
        events.push(event);
      },
    };
    const value = await body(scope);
    if (watch && deps.changeLog) {
      const revision = await deps.changeLog.record(tx, watch);
      if (revision > watch.revision) events.push({ type: 'accessChangesLogged', organizationId: meta.organizationId, revision: String(revision) });
      return { value, revision: String(revision) };
    }
    const rows: { access_revision: string }[] = await tx.query(`SELECT access_revision FROM organizations WHERE id = $1`, [meta.organizationId]);
    return { value, revision: rows[0]?.access_revision ?? null };
  });
  if (result.revision !== null) meta.onCommitted?.(result.revision);
  publishAll(deps, events);
  return result.value;
}

/**
 * Hands committed events to the bus. It takes them at once whatever Redis
 * does, so a command's answer never waits on live delivery; a failure is
 * logged, never turned into a failed command.
 */
export function publishAll(deps: Pick<CommandRunnerDeps, 'events' | 'logger'>, events: readonly LiveEvent[]): void {
  for (const event of events) {
    try {
      deps.events.publish(event);
    } catch (error) {
      deps.logger.error({ err: error, eventType: event.type }, 'publishing a live event failed');
    }
  }
}
