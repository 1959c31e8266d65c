import type { OrgRole } from '@rolegraph/shared';
import type { Tx } from '../db/database';
import { MembershipEntity } from './membership.entity';
import { AccountEntity, normalizeEmail } from '../auth/account.entity';

export async function findMembership(tx: Tx, organizationId: string, accountId: string): Promise<MembershipEntity | null> {
  return tx.findOneBy(MembershipEntity, { organizationId, accountId });
}

export async function findMemberByEmail(tx: Tx, organizationId: string, email: string): Promise<MembershipEntity | null> {
  const account = await tx.findOneBy(AccountEntity, { emailNormalized: normalizeEmail(email) });
  return account ? findMembership(tx, organizationId, account.id) : null;
}

export async function insertMembership(tx: Tx, organizationId: string, accountId: string, role: OrgRole): Promise<MembershipEntity> {
  const membership = tx.create(MembershipEntity, { organizationId, accountId, role, joinedAt: new Date() });
  await tx.insert(MembershipEntity, membership);
  return membership;
}

/** The organization an account joined first, where a session lands when nothing else chooses (a reset password, a deleted organization); null for none. */
export async function earliestOrganizationOf(tx: Tx, accountId: string): Promise<string | null> {
  const rows: { organization_id: string }[] = await tx.query(
    `SELECT organization_id FROM memberships WHERE account_id = $1 ORDER BY joined_at, organization_id LIMIT 1`,
    [accountId],
  );
  return rows[0]?.organization_id ?? null;
}
