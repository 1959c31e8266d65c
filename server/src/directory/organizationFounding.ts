import { DEFAULT_PLAN, planDefinition } from '@rolegraph/shared';
import type { CommandScope } from '../commands/commandScope';
import { OrganizationEntity } from './organization.entity';
import { insertMembership } from './membershipStore';

/**
 * A new organization on the default plan with one member, its OWNER, and the
 * audit entry that opens its log. The organization row comes first: its
 * audit entry refers to it. Used by sign-up and by a signed-in account
 * creating another organization.
 */
export async function foundOrganization(
  scope: CommandScope,
  organization: { id: string; name: string },
  owner: { accountId: string; email: string },
): Promise<void> {
  const plan = planDefinition(DEFAULT_PLAN);
  await scope.tx.insert(OrganizationEntity, { id: organization.id, name: organization.name, plan: plan.id, seats: plan.defaultSeats });
  await insertMembership(scope.tx, organization.id, owner.accountId, 'OWNER');
  await scope.audit({
    action: 'organization.created',
    target: { type: 'ORGANIZATION', id: organization.id, label: organization.name },
    after: { name: organization.name, plan: plan.id, seats: plan.defaultSeats, owner: owner.email },
  });
}
