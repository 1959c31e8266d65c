import type { AuditEntryEntity } from './auditEntry.entity';
import type { AuditEntry } from './audit.types';

/** An audit row as the API presents it. */
export function presentAuditEntry(e: AuditEntryEntity): AuditEntry {
  return {
    id: e.id,
    actor: { type: e.actorType, id: e.actorId, label: e.actorLabel },
    action: e.action,
    outcome: e.outcome,
    targetType: e.targetType,
    targetId: e.targetId,
    targetLabel: e.targetLabel,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    createdAt: e.createdAt,
  };
}
