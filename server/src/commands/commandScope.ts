import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Tx } from '../db/database';
import type { Actor } from '../audit/actor';
import { appendAuditEntry, type AuditRecord } from '../audit/auditLog';
import type { LiveEvent, LiveEventPublisher } from '../live/liveEvents';

/**
 * The one way a change is written: validate, check, write in one transaction
 * together with its audit entries, then — only once the transaction has
 * committed — publish its live events. A command that throws rolls back
 * everything it wrote and publishes nothing.
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
}

export interface CommandMeta {
  readonly actor: Actor;
  readonly organizationId: string;
  readonly requestId: string | null;
}

export async function runCommand<T>(deps: CommandRunnerDeps, meta: CommandMeta, body: (scope: CommandScope) => Promise<T>): Promise<T> {
  const events: LiveEvent[] = [];
  const result = await deps.dataSource.transaction(async (tx) => {
    events.length = 0; // a retried transaction starts clean
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
    return body(scope);
  });
  publishAll(deps, events);
  return result;
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
