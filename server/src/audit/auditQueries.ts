import type { DataSource } from 'typeorm';
import { isUuid } from '../ids';
import { AuditEntryEntity } from './auditEntry.entity';
import type { AuditLogFilter } from './audit.types';

/** Newest-first audit entries of one organization matching the filter, after the cursor id. */
export async function listAuditEntries(
  db: DataSource,
  organizationId: string,
  filter: AuditLogFilter,
  afterId: string | null,
  limit: number,
): Promise<{ rows: AuditEntryEntity[]; totalCount: number }> {
  const query = db.getRepository(AuditEntryEntity).createQueryBuilder('e').where('e.organizationId = :organizationId', { organizationId });
  if (filter.action) {
    if (filter.action.endsWith('.')) query.andWhere('starts_with(e.action, :prefix)', { prefix: filter.action });
    else query.andWhere('e.action = :action', { action: filter.action });
  }
  if (filter.actorId) {
    // A malformed id matches nothing rather than failing.
    if (!isUuid(filter.actorId)) return { rows: [], totalCount: 0 };
    query.andWhere('e.actorId = :actorId', { actorId: filter.actorId });
  }
  if (filter.targetId) query.andWhere('e.targetId = :targetId', { targetId: filter.targetId });
  if (filter.outcome) query.andWhere('e.outcome = :outcome', { outcome: filter.outcome });
  if (filter.since) query.andWhere('e.createdAt >= :since', { since: filter.since });
  if (filter.until) query.andWhere('e.createdAt < :until', { until: filter.until });
  const totalCount = await query.getCount();
  if (afterId) query.andWhere('e.id < :afterId', { afterId });
  const rows = await query.orderBy('e.id', 'DESC').limit(limit).getMany();
  return { rows, totalCount };
}
