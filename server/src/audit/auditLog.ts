import type { Tx } from '../db/database';
import type { Actor } from './actor';
import { AuditEntryEntity, type AuditOutcome } from './auditEntry.entity';
import { redactSecrets } from './redactSecrets';

/** What a command records: an action on a target, with what changed. */
export interface AuditRecord {
  /** Dotted verb, e.g. "member.role_changed". */
  readonly action: string;
  readonly target?: { readonly type: string; readonly id: string; readonly label?: string };
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  readonly outcome?: AuditOutcome;
}

/** Appends one audit entry inside the caller's transaction. */
export async function appendAuditEntry(
  tx: Tx,
  meta: { organizationId: string; actor: Actor; requestId: string | null },
  record: AuditRecord,
): Promise<AuditEntryEntity> {
  const entry = tx.create(AuditEntryEntity, {
    organizationId: meta.organizationId,
    actorType: meta.actor.type,
    actorId: meta.actor.id,
    actorLabel: meta.actor.label,
    action: record.action,
    outcome: record.outcome ?? 'SUCCESS',
    targetType: record.target?.type ?? null,
    targetId: record.target?.id ?? null,
    targetLabel: record.target?.label ?? null,
    before: record.before ? redactSecrets(record.before) : null,
    after: record.after ? redactSecrets(record.after) : null,
    requestId: meta.requestId,
  });
  return tx.save(entry);
}
