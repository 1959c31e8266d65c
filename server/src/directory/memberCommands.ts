import { In } from 'typeorm';
import { ORG_ROLE_LABELS, type OrgRole } from '@rolegraph/shared';
import { execute, type CommandContext } from '../commands/commandContext';
import type { CommandScope } from '../commands/commandScope';
import { BadUserInputError, ForbiddenError, LastOwnerError, NotFoundError } from '../errors';
import { checkPolicy } from '../policies/policy';
import { isSelf, policyActorOf, type PolicyActor } from '../policies/policyActor';
import { enforce } from '../policies/verdict';
import { assertId } from '../ids';
import { notify } from '../notifications/notify';
import { AccountEntity } from '../auth/account.entity';
import { SessionEntity } from '../auth/session.entity';
import { ResourceEntity } from '../resources/resource.entity';
import { GrantEntity } from '../resources/grant.entity';
import { TeamMemberEntity } from '../teams/teamMember.entity';
import { publishTeamChanged } from '../teams/teamEvents';
import { MembershipEntity } from './membership.entity';
import { countOwners, lockOrganization } from './organizationStore';
import { findMembership } from './membershipStore';
import { changeMemberRolePolicy, mayChangeRole, mayRemoveMember, removeMemberPolicy } from './memberPolicy';
import { resourcesReachedFrom } from '../resources/reachStore';

/**
 * The acting side as the member rules see it, read again under the
 * organization lock, so a role that changed meanwhile counts.
 */
async function lockedActor(ctx: CommandContext, scope: CommandScope): Promise<PolicyActor> {
  const actor = policyActorOf(ctx.principal);
  if (actor.kind === 'API_KEY') return actor;
  const membership = await findMembership(scope.tx, ctx.organizationId, actor.accountId);
  if (!membership) throw new ForbiddenError('You are no longer a member of this organization.');
  return { ...actor, role: membership.role };
}

async function targetMembership(scope: CommandScope, organizationId: string, userId: string): Promise<MembershipEntity> {
  const membership = await findMembership(scope.tx, organizationId, assertId(userId, 'member'));
  if (!membership) throw new NotFoundError('member', userId);
  return membership;
}

async function accountLabel(scope: CommandScope, accountId: string): Promise<string> {
  const account = await scope.tx.findOneBy(AccountEntity, { id: accountId });
  return account?.email ?? accountId;
}

/** An organization always keeps at least one owner: fails with LAST_OWNER when `membership` is the only one. */
async function assertNotLastOwner(scope: CommandScope, membership: MembershipEntity, message?: string): Promise<void> {
  if (membership.role === 'OWNER' && (await countOwners(scope.tx, membership.organizationId)) <= 1) {
    throw new LastOwnerError(message);
  }
}

/**
 * changeMemberRole: who may is `changeMemberRolePolicy`, checked on the
 * request's view and again on the locked rows; the last owner cannot step
 * down (LAST_OWNER). Returns the membership after the change.
 */
export async function changeMemberRole(ctx: CommandContext, input: { userId: string; role: OrgRole }): Promise<MembershipEntity> {
  enforce(await checkPolicy(ctx.access, changeMemberRolePolicy, { userId: input.userId, role: input.role }));
  return execute(ctx, async (scope) => {
    await lockOrganization(scope.tx, ctx.organizationId);
    const target = await targetMembership(scope, ctx.organizationId, input.userId);
    const actor = await lockedActor(ctx, scope);
    enforce(mayChangeRole(actor, target, input.role));
    if (target.role === input.role) return target;
    if (input.role !== 'OWNER') {
      await assertNotLastOwner(scope, target, 'This is the only owner: promote another member to Owner before stepping down.');
    }
    const before = target.role;
    await scope.tx.update(MembershipEntity, { organizationId: ctx.organizationId, accountId: target.accountId }, { role: input.role });
    target.role = input.role;
    await scope.audit({
      action: 'member.role_changed',
      target: { type: 'MEMBER', id: target.accountId, label: await accountLabel(scope, target.accountId) },
      before: { role: before },
      after: { role: input.role },
    });
    await notify(scope, target.accountId, 'ROLE_CHANGED', `Your role is now ${ORG_ROLE_LABELS[input.role].name}.`, { before, after: input.role });
    scope.publish({ type: 'memberChanged', organizationId: ctx.organizationId, change: 'ROLE_CHANGED', accountId: target.accountId, invitationId: null });
    scope.publish({ type: 'accessChanged', organizationId: ctx.organizationId, accountIds: [target.accountId], reason: 'ROLE_CHANGED' });
    // An org owner holds every resource: who has access to each changes when one is made or stops being one.
    if (before === 'OWNER' || input.role === 'OWNER') {
      scope.publish({ type: 'resourceAccessChanged', organizationId: ctx.organizationId, resourceIds: 'ALL' });
    }
    return target;
  });
}

export interface RemovalResult {
  readonly userId: string;
  readonly email: string;
  readonly reassignedTo: string | null;
  readonly reassignedResourceIds: readonly string[];
  /** Resources that stay owned by the former member until transferred. */
  readonly ownedResourceIds: readonly string[];
}

/**
 * removeMember and leaveOrganization (`removeMemberPolicy`): removes the membership, the
 * person's grants and team memberships in this organization, detaches their
 * sessions from it, and optionally passes their resources to another member,
 * all in one transaction. Their live sockets for the organization close when
 * `membershipEnded` is delivered.
 */
export async function removeMember(ctx: CommandContext, input: { userId: string; reassignTo?: string | null }): Promise<RemovalResult> {
  enforce(await checkPolicy(ctx.access, removeMemberPolicy, { userId: input.userId }));
  return execute(ctx, async (scope) => {
    await lockOrganization(scope.tx, ctx.organizationId);
    const target = await targetMembership(scope, ctx.organizationId, input.userId);
    const actor = await lockedActor(ctx, scope);
    enforce(mayRemoveMember(actor, target));
    const leaving = isSelf(actor, target.accountId);
    await assertNotLastOwner(scope, target, leaving ? 'You are the only owner: promote another member to Owner before leaving.' : undefined);
    let reassignTo: string | null = null;
    if (input.reassignTo) {
      const heir = await findMembership(scope.tx, ctx.organizationId, assertId(input.reassignTo, 'member'));
      if (!heir) throw new NotFoundError('member', input.reassignTo);
      if (heir.accountId === target.accountId)
        throw new BadUserInputError('Reassign the resources to someone other than the member being removed.', 'reassignTo');
      reassignTo = heir.accountId;
    }
    const email = await accountLabel(scope, target.accountId);

    const owned = await scope.tx.find(ResourceEntity, {
      where: { organizationId: ctx.organizationId, ownerId: target.accountId },
      select: { id: true, name: true, type: true },
    });
    if (reassignTo && owned.length > 0) {
      await scope.tx.update(ResourceEntity, { organizationId: ctx.organizationId, ownerId: target.accountId }, { ownerId: reassignTo });
      for (const resource of owned) {
        await scope.audit({
          action: 'resource.ownership_transferred',
          target: { type: resource.type, id: resource.id, label: resource.name },
          before: { ownerId: target.accountId },
          after: { ownerId: reassignTo, reason: 'member removed' },
        });
      }
      const heirName = await accountLabel(scope, reassignTo);
      await notify(scope, reassignTo, 'OWNERSHIP_RECEIVED', `You now own ${owned.length} resource(s) that belonged to ${email}.`, {
        resourceIds: owned.map((r) => r.id),
        from: target.accountId,
        heir: heirName,
      });
    }
    const grants = await scope.tx.find(GrantEntity, {
      where: { organizationId: ctx.organizationId, subjectUserId: target.accountId },
      select: { id: true, resourceId: true },
    });
    await scope.tx.delete(GrantEntity, { organizationId: ctx.organizationId, subjectUserId: target.accountId });
    const teams = await scope.tx.find(TeamMemberEntity, { where: { organizationId: ctx.organizationId, accountId: target.accountId } });
    await scope.tx.delete(TeamMemberEntity, { organizationId: ctx.organizationId, accountId: target.accountId });
    await scope.tx.delete(MembershipEntity, { organizationId: ctx.organizationId, accountId: target.accountId });
    await scope.tx.update(SessionEntity, { accountId: target.accountId, organizationId: ctx.organizationId }, { organizationId: null });

    await scope.audit({
      action: leaving ? 'member.left' : 'member.removed',
      target: { type: 'MEMBER', id: target.accountId, label: email },
      before: { role: target.role, teamIds: teams.map((t) => t.teamId), grantCount: grants.length, ownedResourceCount: owned.length },
      after: reassignTo ? { reassignedTo: reassignTo, reassignedResourceCount: owned.length } : null,
    });
    scope.publish({
      type: 'memberChanged',
      organizationId: ctx.organizationId,
      change: leaving ? 'LEFT' : 'REMOVED',
      accountId: target.accountId,
      invitationId: null,
    });
    scope.publish({ type: 'membershipEnded', organizationId: ctx.organizationId, accountId: target.accountId });
    for (const { teamId } of teams) publishTeamChanged(scope, teamId, 'MEMBERS_CHANGED');
    scope.publish({
      type: 'accessChanged',
      organizationId: ctx.organizationId,
      accountIds: reassignTo ? [target.accountId, reassignTo] : [target.accountId],
      reason: 'MEMBER_REMOVED',
    });
    // Their grants, what they owned, and what their teams' grants gave them, with everything those reach below.
    const teamGrants = teams.length
      ? await scope.tx.find(GrantEntity, { where: { subjectTeamId: In(teams.map((t) => t.teamId)) }, select: { resourceId: true } })
      : [];
    const affected = await resourcesReachedFrom(scope.tx, [...grants, ...teamGrants].map((g) => g.resourceId).concat(owned.map((r) => r.id)));
    if (target.role === 'OWNER') {
      scope.publish({ type: 'resourceAccessChanged', organizationId: ctx.organizationId, resourceIds: 'ALL' });
    } else if (affected.length > 0) {
      scope.publish({ type: 'resourceAccessChanged', organizationId: ctx.organizationId, resourceIds: affected });
    }
    return {
      userId: target.accountId,
      email,
      reassignedTo: reassignTo,
      reassignedResourceIds: reassignTo ? owned.map((r) => r.id) : [],
      ownedResourceIds: reassignTo ? [] : owned.map((r) => r.id),
    };
  });
}
