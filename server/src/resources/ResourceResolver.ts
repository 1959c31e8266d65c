import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ResourceType } from '@rolegraph/shared';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { Scope } from '../policies/apiKeyNeeds';
import { actingPrincipal, commandContextOf } from '../graphql/actingContext';
import { AccessLevelEnum, ResourceTypeEnum } from '../graphql/enums';
import type { EffectiveLevel } from '@rolegraph/shared';
import { decideOnResource, effectiveLevel } from '../access/evaluator';
import { RESOURCE_TYPE_REGISTRY } from '@rolegraph/shared';
import { ViewerAbility } from '../graphql/ability.types';
import { presentDenial } from '../decisions/decisionPresenter';
import { findResource } from '../access/accessGraph';
import { NotFoundError } from '../errors';
import { createResource, deleteResource, updateResource } from './resourceCommands';
import { grantAccess, revokeAccess, transferOwnership } from './grantCommands';
import { callerMayRead, readableResources, resourcePage, visibleResources } from './resourceQueries';
import type { GrantEntity } from './grant.entity';
import { presentGrant, presentResource, presentResourceNode } from './resourcePresenter';
import {
  createResourcePolicy,
  createResourceRequest,
  deleteResourcePolicy,
  grantAccessPolicy,
  revokeGrantPolicy,
  revokeGrantRequest,
  transferOwnershipPolicy,
  updateResourcePolicy,
  updateResourceRequest,
} from './resourcePolicy';
import {
  CreateResourceInput,
  Grant,
  GrantAccessInput,
  Resource,
  ResourceConnection,
  ResourceOwner,
  RevokeAccessInput,
  TransferOwnershipInput,
  UpdateResourceInput,
} from './resource.types';
import type { ResourceEntity } from './resource.entity';
import { GraphQLJSONObject } from 'graphql-scalars';

/** The rest of a resource's row: at hand after a mutation, otherwise read (batched) on first need. */
async function rowOf(ctx: GraphQLContext, resource: Resource): Promise<ResourceEntity> {
  const row = resource.row ?? (await ctx.loaders.resource.load(resource.id));
  if (!row) throw new NotFoundError('resource', resource.id);
  return row;
}

/** Queries and mutations of the catalog, and the fields every resource shares. */
@Resolver(() => Resource)
export class ResourceResolver {
  @Authorized(Rule.onResource('read', { idArg: 'id', apiKey: Scope.resourcesRead }))
  @Query(() => Resource, { description: 'One resource the caller may read (NOT_FOUND otherwise, also for other organizations’ ids).' })
  async resource(@Arg('id', () => ID, { description: 'Resource id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Resource> {
    const node = findResource(await ctx.access.graph(), id);
    if (!node) throw new NotFoundError('resource', id);
    return presentResourceNode(node);
  }

  @Authorized(Rule.member(Scope.resourcesRead))
  @Query(() => ResourceConnection, { description: 'Resources the caller may read, by name; every page is complete, none is silently cut.' })
  async resources(
    @Ctx() ctx: GraphQLContext,
    @Arg('type', () => ResourceTypeEnum, { nullable: true, description: 'Only this type.' }) type?: ResourceType | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1-100 (default 25).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the item to start after.' }) after?: string | null,
    @Arg('search', () => String, { nullable: true, description: 'Part of the name.' }) search?: string | null,
  ): Promise<ResourceConnection> {
    const principal = actingPrincipal(ctx);
    const graph = await ctx.access.graph();
    const ordered = visibleResources(graph, principal.kind === 'USER' ? principal.accountId : null, type ?? null, 'read');
    return resourcePage(ctx.app.cursors, ordered, { first, after, search });
  }

  @Authorized(Rule.can('users.manage', Scope.resourcesRead))
  @Query(() => ResourceConnection, {
    description: 'Resources still owned by former members, by name, for those who manage members to reassign with transferOwnership.',
  })
  async resourcesOfFormerMembers(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1-100 (default 25).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the item to start after.' }) after?: string | null,
  ): Promise<ResourceConnection> {
    const graph = await ctx.access.graph();
    const orphaned = visibleResources(graph, null, null, 'read').filter((r) => graph.memberRole(r.ownerId) === undefined);
    return resourcePage(ctx.app.cursors, orphaned, { first, after });
  }

  @FieldResolver(() => String, { description: 'Description.' })
  async description(@Root() resource: Resource, @Ctx() ctx: GraphQLContext): Promise<string> {
    return (await rowOf(ctx, resource)).description;
  }

  @FieldResolver(() => GraphQLJSONObject, { description: 'Type-specific attributes (e.g. a schema agent’s connectionId).' })
  async attributes(@Root() resource: Resource, @Ctx() ctx: GraphQLContext): Promise<Record<string, unknown>> {
    return (await rowOf(ctx, resource)).attributes;
  }

  @FieldResolver(() => Date, { description: 'When it was created.' })
  async createdAt(@Root() resource: Resource, @Ctx() ctx: GraphQLContext): Promise<Date> {
    return (await rowOf(ctx, resource)).createdAt;
  }

  @FieldResolver(() => Date, { description: 'When it last changed.' })
  async updatedAt(@Root() resource: Resource, @Ctx() ctx: GraphQLContext): Promise<Date> {
    return (await rowOf(ctx, resource)).updatedAt;
  }

  @FieldResolver(() => ResourceOwner, { description: 'Who owns it (a former member keeps ownership until it is transferred).' })
  async owner(@Root() resource: Resource, @Ctx() ctx: GraphQLContext): Promise<ResourceOwner> {
    const [account, membership] = await Promise.all([ctx.loaders.account.load(resource.ownerId), ctx.loaders.membership.load(resource.ownerId)]);
    return { id: resource.ownerId, name: account?.name ?? 'Deleted account', email: account?.email ?? '', isMember: membership !== null };
  }

  @FieldResolver(() => Resource, { nullable: true, description: 'The parent (an assistant’s project), when the caller may read it.' })
  async parent(@Root() resource: Resource, @Ctx() ctx: GraphQLContext): Promise<Resource | null> {
    if (!resource.parentId) return null;
    const [parent] = await readableResources(ctx, [resource.parentId]);
    return parent ?? null;
  }

  @FieldResolver(() => AccessLevelEnum, { nullable: true, description: 'The caller’s effective level on it; null for API keys.' })
  async myLevel(@Root() resource: Resource, @Ctx() ctx: GraphQLContext): Promise<EffectiveLevel | null> {
    const principal = ctx.principal;
    if (principal?.kind !== 'USER') return null;
    return effectiveLevel(await ctx.access.graph(), principal.accountId, resource.id);
  }

  @FieldResolver(() => [ViewerAbility], {
    description:
      'Every action of its type, whether the viewer may do it, and why not — decided by the evaluator exactly as checkPermission and the mutations decide. Empty for API keys.',
  })
  async viewerAbilities(@Root() resource: Resource, @Ctx() ctx: GraphQLContext): Promise<ViewerAbility[]> {
    const principal = ctx.principal;
    if (principal?.kind !== 'USER') return [];
    const graph = await ctx.access.graph();
    const node = findResource(graph, resource.id);
    if (!node) return [];
    return Object.keys(RESOURCE_TYPE_REGISTRY[node.type].actions).map((action) => {
      const decision = decideOnResource(graph, principal.accountId, action, node);
      return { action, allowed: decision.allowed, reason: presentDenial(decision.denial, decision.level, action)?.message ?? null };
    });
  }

  @FieldResolver(() => [Grant], {
    nullable: true,
    description:
      'Direct grants on it (members and teams), highest level first — the "Shared with" of owner badges. Null when you may not read the resource yourself (reached through someone else’s access, e.g. accessibleResources for another member): who has access to it is resourceAccess’s answer, which needs read.',
  })
  async sharedWith(@Root() resource: Resource, @Ctx() ctx: GraphQLContext): Promise<Grant[] | null> {
    const graph = await ctx.access.graph();
    const node = findResource(graph, resource.id);
    if (!node) return [];
    if (!callerMayRead(ctx, graph, node)) return null;
    const ids = [...graph.grantsOn(resource.id)].map((g) => g.id);
    const rows = await ctx.loaders.grant.loadMany(ids);
    const grants = rows.filter((g): g is GrantEntity => g !== null && !(g instanceof Error)).map(presentGrant);
    const rank = { VIEWER: 1, MEMBER: 2, EDITOR: 3, ADMIN: 4 } as const;
    return grants.sort((a, b) => rank[b.level] - rank[a.level] || a.createdAt.getTime() - b.createdAt.getTime());
  }

  @Authorized(Rule.policy(createResourcePolicy, (args) => createResourceRequest(args.input as CreateResourceInput)))
  @Mutation(() => Resource, {
    description:
      'Register a resource. Needs the type’s create capability (e.g. connections.create); an assistant also needs createAssistant on its project. API keys name the owner.',
  })
  async createResource(
    @Arg('input', () => CreateResourceInput, { description: 'What to do; see the input type.' }) input: CreateResourceInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Resource> {
    return presentResource(await createResource(commandContextOf(ctx), input));
  }

  @Authorized(Rule.policy(updateResourcePolicy, (args) => updateResourceRequest(args.input as UpdateResourceInput)))
  @Mutation(() => Resource, { description: 'Change a resource. Each change needs its action: update, setStatus, setVisibility or updateCredentials.' })
  async updateResource(
    @Arg('input', () => UpdateResourceInput, { description: 'What to do; see the input type.' }) input: UpdateResourceInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Resource> {
    return presentResource(await updateResource(commandContextOf(ctx), input));
  }

  @Authorized(Rule.policy(deleteResourcePolicy, (args) => ({ id: args.id as string })))
  @Mutation(() => Boolean, { description: 'Remove a resource from the catalog, with its children and grants.' })
  async deleteResource(@Arg('id', () => ID, { description: 'Resource id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    await deleteResource(commandContextOf(ctx), id);
    return true;
  }

  @Authorized(Rule.policy(grantAccessPolicy, (args) => ({ resourceId: (args.input as GrantAccessInput).resourceId })))
  @Mutation(() => Grant, { description: 'Give a member or a team a level on a resource (manageAccess); granting again changes the level.' })
  async grantAccess(
    @Arg('input', () => GrantAccessInput, { description: 'What to do; see the input type.' }) input: GrantAccessInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Grant> {
    return presentGrant(await grantAccess(commandContextOf(ctx), input));
  }

  @Authorized(Rule.policy(revokeGrantPolicy, (args) => revokeGrantRequest(args.input as RevokeAccessInput)))
  @Mutation(() => Boolean, {
    description: 'Remove a grant (manageAccess; a team’s admins may remove their team’s grants). Once this returns, no check answers with the old access.',
  })
  async revokeAccess(
    @Arg('input', () => RevokeAccessInput, { description: 'What to do; see the input type.' }) input: RevokeAccessInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    await revokeAccess(commandContextOf(ctx), input);
    return true;
  }

  @Authorized(Rule.policy(transferOwnershipPolicy, (args) => ({ resourceId: (args.input as TransferOwnershipInput).resourceId })))
  @Mutation(() => Resource, {
    description:
      'Give a resource to another member: by its owner, by any org owner, or by a holder of users.manage when its owner has left the organization. The previous owner keeps ADMIN unless keepAccess is false.',
  })
  async transferOwnership(
    @Arg('input', () => TransferOwnershipInput, { description: 'What to do; see the input type.' }) input: TransferOwnershipInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Resource> {
    return presentResource(await transferOwnership(commandContextOf(ctx), input));
  }
}
