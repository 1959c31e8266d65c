import type { Tx } from '../db/database';
import type { OrgRole } from '@rolegraph/shared';
import { NotFoundError } from '../errors';
import { OrganizationEntity } from './organization.entity';

/**
 * Locks the organization row for the rest of the transaction. Every command
 * that could break an organization-wide rule (at least one owner, seats)
 * takes this lock first, so two such commands on one organization run one
 * after the other and each sees the other's committed result.
 */
export async function lockOrganization(tx: Tx, organizationId: string): Promise<OrganizationEntity> {
  const organization = await tx
    .getRepository(OrganizationEntity)
    .createQueryBuilder('o')
    .setLock('pessimistic_write')
    .where('o.id = :id', { id: organizationId })
    .getOne();
  if (!organization) throw new NotFoundError('organization', organizationId);
  return organization;
}

export async function countOwners(tx: Tx, organizationId: string): Promise<number> {
  const rows: { count: string }[] = await tx.query(`SELECT count(*)::text AS count FROM memberships WHERE organization_id = $1 AND role = $2`, [
    organizationId,
    'OWNER' satisfies OrgRole,
  ]);
  return Number(rows[0]?.count ?? 0);
}

/** SQL condition on an invitations row: pending (neither accepted nor revoked) and not expired. */
export const PENDING_INVITATION = 'accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()';

/** Seats in use: members plus pending, unexpired invitations. */
export async function countSeatsUsed(tx: Tx, organizationId: string): Promise<number> {
  const rows: { count: string }[] = await tx.query(
    `SELECT ((SELECT count(*) FROM memberships WHERE organization_id = $1)
           + (SELECT count(*) FROM invitations WHERE organization_id = $1 AND ${PENDING_INVITATION}))::text AS count`,
    [organizationId],
  );
  return Number(rows[0]?.count ?? 0);
}
