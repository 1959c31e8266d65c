import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OrgRole } from '@rolegraph/shared';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { Scope } from '../policies/apiKeyNeeds';
import { actingMember, actingPrincipal, commandContextOf } from '../graphql/actingContext';
import { OrgRoleEnum } from '../graphql/enums';
import { decodeCursor, encodeCursor, pageSize, toPage } from '../graphql/pagination';
import { LastOwnerError, NotFoundError } from '../errors';
import { assertId } from '../ids';
import { assignableRoles, changeMemberRolePolicy, lastOwnerReason, mayRemoveMember, removeMemberPolicy } from './memberPolicy';
import { changeMemberRole, removeMember } from './memberCommands';
import { findMemberRow, listMembers } from './memberQueries';
import { presentMember } from './memberPresenter';
import { Team } from '../teams/team.types';
import { TeamEntity } from '../teams/team.entity';
import { presentTeam } from '../teams/teamPresenter';
import { Resource } from '../resources/resource.types';
import { presentResourceNode } from '../resources/resourcePresenter';
import { compareResourceNodes } from '../access/accessGraph';
import { readableResources } from '../resources/resourceQueries';
import { capabilityVerdict } from '../policies/authorize';
import { policyActorOf } from '../policies/policyActor';
import { deny, refusalReason, type Verdict } from '../policies/verdict';
import { abilityOf, ViewerAbility } from '../graphql/ability.types';
import { ChangeMemberRoleInput, Member, MemberConnection, RemoveMemberInput, RemovedMember, RoleOption } from './directory.types';

async function memberOrFail(ctx: GraphQLContext, userId: string): Promise<Member> {
  const principal = actingPrincipal(ctx);
  const row = await findMemberRow(ctx.app.dataSource, principal.organizationId, assertId(userId, 'member'));
  if (!row) throw new NotFoundError('member', userId);
  return presentMember(row);
}

/** How many owners the organization has, in the request's view (once per request). */
function ownerCount(ctx: GraphQLContext): Promise<number> {
  return ctx.access.memoize('ownerCount', async () => {
    return [...(await ctx.access.graph()).orgOwners()].length;
  });
}

@Resolver(() => Member)
export class MemberResolver {
  @Authorized(Rule.member(Scope.directoryRead))
  @Query(() => MemberConnection, { description: 'Members of the current organization, by name; searchable by name or email, filterable by role.' })
  async members(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1-100 (default 25).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the item to start after.' }) after?: string | null,
    @Arg('search', () => String, { nullable: true, description: 'Part of a name or email.' }) search?: string | null,
    @Arg('role', () => OrgRoleEnum, { nullable: true, description: 'Only members with this role.' }) role?: OrgRole | null,
  ): Promise<MemberConnection> {
    const principal = actingPrincipal(ctx);
    const size = pageSize(first);
    const cursor = decodeCursor(ctx.app.cursors, 'members', after, ['text', 'uuid']);
    const { rows, totalCount } = await listMembers(ctx.app.dataSource, principal.organizationId, { search, role }, cursor, size + 1);
    return toPage(rows.map(presentMember), size, (m) => encodeCursor(ctx.app.cursors, 'members', [m.name.toLowerCase(), m.id]), totalCount);
  }

  @Authorized(Rule.member(Scope.directoryRead))
  @Query(() => Member, { description: 'One member of the current organization (NOT_FOUND for anyone else).' })
  async member(@Arg('id', () => ID, { description: 'User id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Member> {
    return memberOrFail(ctx, id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether this member is the signed-in viewer.' })
  isYou(@Root() member: Member, @Ctx() ctx: GraphQLContext): boolean {
    return ctx.principal?.kind === 'USER' && ctx.principal.accountId === member.id;
  }

  @FieldResolver(() => [RoleOption], {
    description: 'Each role, whether the viewer may give it to this member, and why not (including "the only owner cannot step down").',
  })
  async assignableRoles(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<RoleOption[]> {
    const actor = policyActorOf(actingPrincipal(ctx));
    const target = { accountId: member.id, role: member.role };
    const lastOwner = lastOwnerReason(target, await ownerCount(ctx), actor);
    return assignableRoles(actor, target).map(({ role, verdict }) => {
      const reason = refusalReason(verdict) ?? (role !== member.role ? lastOwner : null);
      return { role, allowed: reason === null, reason };
    });
  }

  @FieldResolver(() => [ViewerAbility], {
    description:
      'What the viewer may do to this member — changeRole, remove (leave, for yourself) — decided by the same rules as the mutations, with the reason when not. Empty for API keys.',
  })
  async viewerAbilities(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<ViewerAbility[]> {
    const principal = actingPrincipal(ctx);
    if (principal.kind !== 'USER') return [];
    const actor = policyActorOf(principal);
    const target = { accountId: member.id, role: member.role };
    const lastOwner = lastOwnerReason(target, await ownerCount(ctx), actor);
    const withLastOwner = (verdict: Verdict): Verdict => (verdict.allowed && lastOwner ? deny(new LastOwnerError(lastOwner)) : verdict);
    const otherRoles = assignableRoles(actor, target).filter(({ role }) => role !== member.role);
    const changeRole = otherRoles.find(({ verdict }) => verdict.allowed)?.verdict ?? otherRoles[0]!.verdict;
    return [abilityOf('changeRole', withLastOwner(changeRole)), abilityOf('remove', withLastOwner(mayRemoveMember(actor, target)))];
  }

  @FieldResolver(() => [Team], { description: 'Teams the member belongs to, by name.' })
  async teams(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<Team[]> {
    const teamIds = [...(await ctx.access.graph()).teamsOf(member.id)];
    const teams = (await ctx.loaders.team.loadMany(teamIds)).filter((t): t is TeamEntity => t !== null && !(t instanceof Error));
    return teams.map(presentTeam).sort((a, b) => a.name.localeCompare(b.name));
  }

  @FieldResolver(() => [Resource], {
    nullable: true,
    description:
      'Resources the member owns: all of them for those who manage members (to reassign them), otherwise those the viewer may read. Null, with an error, for an API key without resources: READ.',
  })
  async ownedResources(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<Resource[]> {
    const owned = [...(await ctx.access.graph()).resourcesOwnedBy(member.id)].sort(compareResourceNodes);
    if (capabilityVerdict(ctx.principal, 'users.manage', Scope.resourcesRead).allowed) return owned.map((node) => presentResourceNode(node));
    return readableResources(
      ctx,
      owned.map((r) => r.id),
    );
  }

  @Authorized(
    Rule.policy(changeMemberRolePolicy, (args) => ({ userId: (args.input as ChangeMemberRoleInput).userId, role: (args.input as ChangeMemberRoleInput).role })),
  )
  @Mutation(() => Member, {
    description:
      'Change a member’s role: needs users.manage; only an owner makes owners; nobody changes an owner but that owner. LAST_OWNER when it would leave no owner.',
  })
  async changeMemberRole(
    @Arg('input', () => ChangeMemberRoleInput, { description: 'What to do; see the input type.' }) input: ChangeMemberRoleInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Member> {
    const membership = await changeMemberRole(commandContextOf(ctx), input);
    return memberOrFail(ctx, membership.accountId);
  }

  @Authorized(Rule.policy(removeMemberPolicy, (args) => ({ userId: (args.input as RemoveMemberInput).userId })))
  @Mutation(() => RemovedMember, {
    description:
      'Remove a member: their grants and team memberships go, their sessions lose access, their live subscriptions close. Owned resources pass to `reassignTo`, or stay owned by the former member.',
  })
  async removeMember(
    @Arg('input', () => RemoveMemberInput, { description: 'What to do; see the input type.' }) input: RemoveMemberInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RemovedMember> {
    const result = await removeMember(commandContextOf(ctx), input);
    return {
      ...result,
      reassignedResourceIds: [...result.reassignedResourceIds],
      ownedResourceIds: [...result.ownedResourceIds],
      ownedResourceCount: result.ownedResourceIds.length,
    };
  }

  @Authorized(Rule.member())
  @Mutation(() => Boolean, { description: 'Leave the current organization. LAST_OWNER for its only owner.' })
  async leaveOrganization(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    await removeMember(commandContextOf(ctx), { userId: actingMember(ctx).accountId });
    return true;
  }
}
