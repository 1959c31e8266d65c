import { randomUUID } from 'node:crypto';
import { TEXT_LIMITS, type TeamRole } from '@rolegraph/shared';
import { actingAccountId, execute, type CommandContext } from '../commands/commandContext';
import type { CommandScope } from '../commands/commandScope';
import { optionalLines, requiredLine } from '../commands/textInput';
import { BadUserInputError, NotFoundError } from '../errors';
import { assertId } from '../ids';
import { notify } from '../notifications/notify';
import { findMembership } from '../directory/membershipStore';
import { AccountEntity } from '../auth/account.entity';
import { GrantEntity } from '../resources/grant.entity';
import { TeamEntity } from './team.entity';
import { TeamMemberEntity } from './teamMember.entity';
import { manageTeamPolicy } from './teamPolicy';
import { checkPolicy } from '../policies/policy';
import { enforce } from '../policies/verdict';
import { resourcesReachedFrom } from '../resources/reachStore';
import { publishTeamChanged, publishTeamMembersChanged } from './teamEvents';

function assertTeamName(raw: string): string {
  return requiredLine(raw, { field: 'name', what: 'a team name', max: TEXT_LIMITS.teamName });
}

function assertDescription(raw: string | null | undefined): string {
  return optionalLines(raw, { field: 'description', what: 'a description', max: TEXT_LIMITS.teamDescription });
}

async function assertNameFree(scope: CommandScope, name: string, exceptId?: string): Promise<void> {
  const rows: { id: string }[] = await scope.tx.query(`SELECT id FROM teams WHERE organization_id = $1 AND lower(name) = lower($2)`, [
    scope.organizationId,
    name,
  ]);
  if (rows.some((r) => r.id !== exceptId)) throw new BadUserInputError(`A team named "${name}" already exists.`, 'name');
}

export async function teamOrFail(scope: CommandScope, teamId: string): Promise<TeamEntity> {
  const team = await scope.tx.findOneBy(TeamEntity, { id: assertId(teamId, 'team'), organizationId: scope.organizationId });
  if (!team) throw new NotFoundError('team', teamId);
  return team;
}

/** The user must be a member of the organization; anyone else is answered as missing. */
async function memberOrFail(scope: CommandScope, userId: string): Promise<string> {
  const membership = await findMembership(scope.tx, scope.organizationId, assertId(userId, 'member'));
  if (!membership) throw new NotFoundError('member', userId);
  return membership.accountId;
}

async function teamMemberIds(scope: CommandScope, teamId: string): Promise<string[]> {
  return (await scope.tx.find(TeamMemberEntity, { where: { teamId }, select: { accountId: true } })).map((m) => m.accountId);
}

/** createTeam: needs teams.create (checked by the schema); the creator is the team's first admin. */
export async function createTeam(ctx: CommandContext, input: { name: string; description?: string | null }): Promise<TeamEntity> {
  const name = assertTeamName(input.name);
  const description = assertDescription(input.description);
  return execute(ctx, async (scope) => {
    await assertNameFree(scope, name);
    const team = scope.tx.create(TeamEntity, { id: randomUUID(), organizationId: ctx.organizationId, name, description, createdBy: actingAccountId(ctx) });
    await scope.tx.insert(TeamEntity, team);
    const creator = actingAccountId(ctx);
    if (creator) {
      await scope.tx.insert(TeamMemberEntity, { teamId: team.id, accountId: creator, organizationId: ctx.organizationId, role: 'ADMIN' });
      scope.publish({ type: 'accessChanged', organizationId: ctx.organizationId, accountIds: [creator], reason: 'TEAM_MEMBERSHIP' });
    }
    await scope.audit({ action: 'team.created', target: { type: 'TEAM', id: team.id, label: name }, after: { name, description, firstAdmin: creator } });
    publishTeamChanged(scope, team.id, 'CREATED');
    return scope.tx.findOneByOrFail(TeamEntity, { id: team.id });
  });
}

/** updateTeam (`manageTeamPolicy`): rename or describe a team. */
export async function updateTeam(ctx: CommandContext, input: { id: string; name?: string | null; description?: string | null }): Promise<TeamEntity> {
  enforce(await checkPolicy(ctx.access, manageTeamPolicy, { teamId: input.id }));
  return execute(ctx, async (scope) => {
    const team = await teamOrFail(scope, input.id);
    const name = input.name === undefined || input.name === null ? team.name : assertTeamName(input.name);
    const description = input.description === undefined || input.description === null ? team.description : assertDescription(input.description);
    if (name !== team.name) await assertNameFree(scope, name, team.id);
    await scope.tx.update(TeamEntity, { id: team.id }, { name, description });
    await scope.audit({
      action: 'team.updated',
      target: { type: 'TEAM', id: team.id, label: name },
      before: { name: team.name, description: team.description },
      after: { name, description },
    });
    publishTeamChanged(scope, team.id, 'UPDATED');
    return scope.tx.findOneByOrFail(TeamEntity, { id: team.id });
  });
}

/** deleteTeam: its memberships and grants go with it; members lose what the team gave them. */
export async function deleteTeam(ctx: CommandContext, teamId: string): Promise<void> {
  enforce(await checkPolicy(ctx.access, manageTeamPolicy, { teamId }));
  await execute(ctx, async (scope) => {
    const team = await teamOrFail(scope, teamId);
    const members = await teamMemberIds(scope, team.id);
    const grants = await scope.tx.find(GrantEntity, { where: { subjectTeamId: team.id }, select: { id: true, resourceId: true, level: true } });
    await scope.tx.delete(TeamEntity, { id: team.id });
    await scope.audit({
      action: 'team.deleted',
      target: { type: 'TEAM', id: team.id, label: team.name },
      before: { name: team.name, memberIds: members, grants: grants.map((g) => ({ resourceId: g.resourceId, level: g.level })) },
    });
    publishTeamChanged(scope, team.id, 'DELETED');
    if (members.length) scope.publish({ type: 'accessChanged', organizationId: ctx.organizationId, accountIds: members, reason: 'TEAM_DELETED' });
    if (grants.length) {
      const reached = await resourcesReachedFrom(
        scope.tx,
        grants.map((g) => g.resourceId),
      );
      scope.publish({ type: 'resourceAccessChanged', organizationId: ctx.organizationId, resourceIds: reached });
    }
  });
}

/** Adds a member of the organization to a team (or changes their team role when already in it). */
export async function addTeamMember(ctx: CommandContext, input: { teamId: string; userId: string; role?: TeamRole | null }): Promise<TeamEntity> {
  enforce(await checkPolicy(ctx.access, manageTeamPolicy, { teamId: input.teamId }));
  return execute(ctx, async (scope) => {
    const team = await teamOrFail(scope, input.teamId);
    const userId = await memberOrFail(scope, input.userId);
    const role: TeamRole = input.role ?? 'MEMBER';
    const existing = await scope.tx.findOneBy(TeamMemberEntity, { teamId: team.id, accountId: userId });
    const account = await scope.tx.findOneByOrFail(AccountEntity, { id: userId });
    if (existing) {
      if (existing.role !== role) {
        await scope.tx.update(TeamMemberEntity, { teamId: team.id, accountId: userId }, { role });
        await scope.audit({
          action: 'team.member_role_changed',
          target: { type: 'TEAM', id: team.id, label: team.name },
          before: { userId, role: existing.role },
          after: { userId, email: account.email, role },
        });
        publishTeamChanged(scope, team.id, 'MEMBERS_CHANGED');
      }
      return team;
    }
    await scope.tx.insert(TeamMemberEntity, { teamId: team.id, accountId: userId, organizationId: ctx.organizationId, role });
    await scope.audit({ action: 'team.member_added', target: { type: 'TEAM', id: team.id, label: team.name }, after: { userId, email: account.email, role } });
    await notify(scope, userId, 'TEAM_ADDED', `You were added to team ${team.name}.`, { teamId: team.id, role });
    scope.publish({ type: 'accessChanged', organizationId: ctx.organizationId, accountIds: [userId], reason: 'TEAM_MEMBERSHIP' });
    await publishTeamMembersChanged(scope, team.id);
    return team;
  });
}

export async function removeTeamMember(ctx: CommandContext, input: { teamId: string; userId: string }): Promise<TeamEntity> {
  enforce(await checkPolicy(ctx.access, manageTeamPolicy, { teamId: input.teamId }));
  return execute(ctx, async (scope) => {
    const team = await teamOrFail(scope, input.teamId);
    const userId = assertId(input.userId, 'member');
    const existing = await scope.tx.findOneBy(TeamMemberEntity, { teamId: team.id, accountId: userId });
    if (!existing) throw new NotFoundError('team member', input.userId);
    await scope.tx.delete(TeamMemberEntity, { teamId: team.id, accountId: userId });
    await scope.audit({ action: 'team.member_removed', target: { type: 'TEAM', id: team.id, label: team.name }, before: { userId, role: existing.role } });
    scope.publish({ type: 'accessChanged', organizationId: ctx.organizationId, accountIds: [userId], reason: 'TEAM_MEMBERSHIP' });
    await publishTeamMembersChanged(scope, team.id);
    return team;
  });
}
