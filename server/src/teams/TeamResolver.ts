import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { Scope } from '../policies/apiKeyNeeds';
import { actingPrincipal, commandContextOf } from '../graphql/actingContext';
import { decodeCursor, encodeCursor, pageSize, toPage } from '../graphql/pagination';
import { NotFoundError } from '../errors';
import { assertId } from '../ids';
import { likePattern } from '../directory/memberQueries';
import { Grant } from '../resources/resource.types';
import { presentGrant } from '../resources/resourcePresenter';
import { presentTeam } from './teamPresenter';
import type { GrantEntity } from '../resources/grant.entity';
import { TeamEntity } from './team.entity';
import { TeamMemberEntity } from './teamMember.entity';
import { isTeamAdmin, manageTeamPolicy, mayManageTeam } from './teamPolicy';
import { abilityOf, ViewerAbility } from '../graphql/ability.types';
import { policyActorOf } from '../policies/policyActor';
import { addTeamMember, createTeam, deleteTeam, removeTeamMember, updateTeam } from './teamCommands';
import { AddTeamMemberInput, CreateTeamInput, RemoveTeamMemberInput, Team, TeamConnection, TeamMembership, UpdateTeamInput } from './team.types';

@Resolver(() => Team)
export class TeamResolver {
  @Authorized(Rule.member(Scope.directoryRead))
  @Query(() => TeamConnection, { description: 'Teams of the organization, by name.' })
  async teams(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1-100 (default 25).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the item to start after.' }) after?: string | null,
    @Arg('search', () => String, { nullable: true, description: 'Part of the name.' }) search?: string | null,
  ): Promise<TeamConnection> {
    const organizationId = actingPrincipal(ctx).organizationId;
    const size = pageSize(first);
    const cursor = decodeCursor(ctx.app.cursors, 'teams', after, ['text', 'uuid']);
    const query = ctx.app.dataSource.getRepository(TeamEntity).createQueryBuilder('t').where('t.organizationId = :organizationId', { organizationId });
    if (search?.trim()) query.andWhere(`t.name ILIKE :search`, { search: likePattern(search.trim()) });
    const totalCount = await query.getCount();
    if (cursor) query.andWhere('(lower(t.name), t.id) > (:name, :id)', { name: cursor[0], id: cursor[1] });
    const rows = await query
      .orderBy('lower(t.name)')
      .addOrderBy('t.id')
      .limit(size + 1)
      .getMany();
    return toPage(rows.map(presentTeam), size, (t) => encodeCursor(ctx.app.cursors, 'teams', [t.name.toLowerCase(), t.id]), totalCount);
  }

  @Authorized(Rule.member(Scope.directoryRead))
  @Query(() => Team, { description: 'One team of the organization.' })
  async team(@Arg('id', () => ID, { description: 'Team id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Team> {
    const team = await ctx.loaders.team.load(assertId(id, 'team'));
    if (!team) throw new NotFoundError('team', id);
    return presentTeam(team);
  }

  @FieldResolver(() => [TeamMembership], { description: 'Members and their team roles, admins first, then by name.' })
  async members(@Root() team: Team, @Ctx() ctx: GraphQLContext): Promise<TeamMembership[]> {
    const rows: (TeamMemberEntity & { name: string; email: string; orgRole: string; joinedAt: Date })[] = await ctx.app.dataSource.query(
      `SELECT tm.account_id AS "accountId", tm.role, tm.added_at AS "addedAt", a.name, a.email, m.role AS "orgRole", m.joined_at AS "joinedAt"
         FROM team_members tm
         JOIN accounts a ON a.id = tm.account_id
         JOIN memberships m ON m.account_id = tm.account_id AND m.organization_id = tm.organization_id
        WHERE tm.team_id = $1
        ORDER BY tm.role = 'ADMIN' DESC, lower(a.name), a.id`,
      [team.id],
    );
    return rows.map((r) => ({
      member: { id: r.accountId, name: r.name, email: r.email, role: r.orgRole as TeamMembership['member']['role'], joinedAt: r.joinedAt },
      role: r.role,
      addedAt: r.addedAt,
    }));
  }

  @FieldResolver(() => Int, { description: 'How many members the team has.' })
  async memberCount(@Root() team: Team, @Ctx() ctx: GraphQLContext): Promise<number> {
    return [...(await ctx.access.graph()).teamMembers(team.id)].length;
  }

  @FieldResolver(() => [Grant], { nullable: true, description: 'What the team has been granted. Null, with an error, for an API key without resources: READ.' })
  async grants(@Root() team: Team, @Ctx() ctx: GraphQLContext): Promise<Grant[]> {
    const ids = [...(await ctx.access.graph()).grantsTo('TEAM', team.id)].map((g) => g.id);
    const rows = await ctx.loaders.grant.loadMany(ids);
    return rows.filter((g): g is GrantEntity => g !== null && !(g instanceof Error)).map(presentGrant);
  }

  @FieldResolver(() => [ViewerAbility], {
    description: 'What the viewer may do to this team — update, delete, addMember, removeMember, revokeGrant — with the reason when not. Empty for API keys.',
  })
  async viewerAbilities(@Root() team: Team, @Ctx() ctx: GraphQLContext): Promise<ViewerAbility[]> {
    const principal = actingPrincipal(ctx);
    if (principal.kind !== 'USER') return [];
    const verdict = mayManageTeam(await ctx.access.graph(), policyActorOf(principal), team.id);
    return ['update', 'delete', 'addMember', 'removeMember', 'revokeGrant'].map((action) => abilityOf(action, verdict));
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer may manage this team (a team admin or an org owner).' })
  async viewerIsAdmin(@Root() team: Team, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    const principal = ctx.principal;
    if (principal?.kind !== 'USER') return false;
    return isTeamAdmin(await ctx.access.graph(), principal.accountId, team.id);
  }

  @Authorized(Rule.can('teams.create', Scope.directoryWrite))
  @Mutation(() => Team, { description: 'Create a team (teams.create); you become its first admin.' })
  async createTeam(
    @Arg('input', () => CreateTeamInput, { description: 'What to do; see the input type.' }) input: CreateTeamInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Team> {
    return presentTeam(await createTeam(commandContextOf(ctx), input));
  }

  @Authorized(Rule.policy(manageTeamPolicy, (args) => ({ teamId: (args.input as UpdateTeamInput).id })))
  @Mutation(() => Team, { description: 'Rename a team or change its description (team admins, org owners).' })
  async updateTeam(
    @Arg('input', () => UpdateTeamInput, { description: 'What to do; see the input type.' }) input: UpdateTeamInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Team> {
    return presentTeam(await updateTeam(commandContextOf(ctx), input));
  }

  @Authorized(Rule.policy(manageTeamPolicy, (args) => ({ teamId: args.id as string })))
  @Mutation(() => Boolean, { description: 'Delete a team with its memberships and grants (team admins, org owners).' })
  async deleteTeam(@Arg('id', () => ID, { description: 'Team id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    await deleteTeam(commandContextOf(ctx), id);
    return true;
  }

  @Authorized(Rule.policy(manageTeamPolicy, (args) => ({ teamId: (args.input as { teamId: string }).teamId })))
  @Mutation(() => Team, { description: 'Add a member to a team (MEMBER unless a role is given), or change their team role.' })
  async addTeamMember(
    @Arg('input', () => AddTeamMemberInput, { description: 'What to do; see the input type.' }) input: AddTeamMemberInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Team> {
    return presentTeam(await addTeamMember(commandContextOf(ctx), input));
  }

  @Authorized(Rule.policy(manageTeamPolicy, (args) => ({ teamId: (args.input as { teamId: string }).teamId })))
  @Mutation(() => Team, { description: 'Remove a member from a team (team admins, org owners).' })
  async removeTeamMember(
    @Arg('input', () => RemoveTeamMemberInput, { description: 'What to do; see the input type.' }) input: RemoveTeamMemberInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Team> {
    return presentTeam(await removeTeamMember(commandContextOf(ctx), input));
  }
}
