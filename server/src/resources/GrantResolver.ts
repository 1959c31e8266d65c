import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { Account } from '../auth/auth.types';
import { Member } from '../directory/directory.types';
import { loadMember } from '../directory/memberQueries';
import { Team } from '../teams/team.types';
import { presentTeam } from '../teams/teamPresenter';
import { Grant, Resource } from './resource.types';
import { readableResources } from './resourceQueries';
import { checkPolicy } from '../policies/policy';
import { revokeGrantPolicy } from './resourcePolicy';

/** The people, team and resource a grant connects. */
@Resolver(() => Grant)
export class GrantResolver {
  @FieldResolver(() => Member, { nullable: true, description: 'The member it is for (null for team grants).' })
  async user(@Root() grant: Grant, @Ctx() ctx: GraphQLContext): Promise<Member | null> {
    return grant.userId ? loadMember(ctx, grant.userId) : null;
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team it is for (null for member grants).' })
  async team(@Root() grant: Grant, @Ctx() ctx: GraphQLContext): Promise<Team | null> {
    if (!grant.teamId) return null;
    const team = await ctx.loaders.team.load(grant.teamId);
    return team ? presentTeam(team) : null;
  }

  @FieldResolver(() => Resource, { nullable: true, description: 'The resource, when the caller may read it.' })
  async resource(@Root() grant: Grant, @Ctx() ctx: GraphQLContext): Promise<Resource | null> {
    const [resource] = await readableResources(ctx, [grant.resourceId]);
    return resource ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer may remove this grant (manageAccess on the resource, or an admin of the team it is for).' })
  async viewerCanRevoke(@Root() grant: Grant, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return (await checkPolicy(ctx.access, revokeGrantPolicy, { resourceId: grant.resourceId, userId: grant.userId, teamId: grant.teamId })).allowed;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'Who gave or last changed it (null for API keys and deleted accounts).' })
  async grantedBy(@Root() grant: Grant, @Ctx() ctx: GraphQLContext): Promise<Account | null> {
    return grant.grantedById ? ctx.loaders.account.load(grant.grantedById) : null;
  }
}
