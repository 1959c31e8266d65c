import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { ACCESS_LEVEL_LABELS, RESOURCE_TYPE_REGISTRY, type ResourceType } from '@rolegraph/shared';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { Scope, type ApiKeyNeed } from '../policies/apiKeyNeeds';
import { ResourceTypeEnum } from '../graphql/enums';
import { BadUserInputError, NotFoundError } from '../errors';
import { Member } from '../directory/directory.types';
import { loadMember } from '../directory/memberQueries';
import { Team } from '../teams/team.types';
import { presentTeam } from '../teams/teamPresenter';
import { Resource, ResourceConnection } from '../resources/resource.types';
import { presentResourceNode } from '../resources/resourcePresenter';
import { resourcePage } from '../resources/resourceQueries';
import { apiKeyVerdict, capabilityVerdict } from '../policies/authorize';
import { readableResources } from '../resources/resourceQueries';
import { findResource } from '../access/accessGraph';
import { accessibleResources, allowedActionsOn, decide, decideOnResource, explainAccessOn } from '../access/evaluator';
import { AccessEntry, AccessExplanation, AccessReason, CheckPermissionInput, ConsistencyInput, Decision, Denial } from './decision.types';
import type { AccessGraph, ResourceNode } from '../access/accessGraph';
import type { GraphAtRevision } from '../access/requestAccess';
import { consistencyOf } from './consistency';
import { presentAccessEntries, presentDenial, presentPath, PresentedDecision } from './decisionPresenter';

/** Most checks one checkPermissions call may carry. */
export const MAX_CHECKS_PER_BATCH = 1000;

function normalizeId(id: string): string {
  return id.trim().toLowerCase();
}

/** Integrators' questions: may U do A on R, why, what can U see, who has access to R. */
@Resolver()
export class DecisionResolver {
  private check(graph: AccessGraph, revision: string, input: CheckPermissionInput): Decision {
    const userId = normalizeId(input.userId);
    let resource: ResourceNode | undefined;
    if (input.resourceId) {
      resource = findResource(graph, input.resourceId);
      if (!resource) throw new NotFoundError('resource', input.resourceId);
    }
    const resourceId = resource?.id ?? null;
    const decision = resource ? decideOnResource(graph, userId, input.action, resource) : decide(graph, { userId, action: input.action });
    return new PresentedDecision(decision, userId, input.action, resourceId, revision);
  }

  private async graphFor(ctx: GraphQLContext, consistency: ConsistencyInput | null | undefined): Promise<GraphAtRevision> {
    const answer = await ctx.access.graphFor(consistencyOf(consistency, ctx.access.organizationId));
    return { graph: answer.graph, revision: ctx.access.revisionToken(answer.revision) };
  }

  @Authorized(Rule.accessOf('input.userId'))
  @Query(() => Decision, {
    description:
      'May the user do the action on the resource (or hold the capability, without a resource)? With FULL consistency (the default), after a revoke returns, never answers with the old access. Yourself, or anyone with users.manage or an API key with permissions: READ.',
  })
  async checkPermission(
    @Arg('input', () => CheckPermissionInput, { description: 'What to do; see the input type.' }) input: CheckPermissionInput,
    @Ctx() ctx: GraphQLContext,
    @Arg('consistency', () => ConsistencyInput, { nullable: true, description: 'How fresh the answer must be (default FULL).' })
    consistency: ConsistencyInput | null | undefined,
  ): Promise<Decision> {
    const { graph, revision } = await this.graphFor(ctx, consistency);
    return this.check(graph, revision, input);
  }

  @Authorized(Rule.accessOf('inputs.userId'))
  @Query(() => [Decision], { description: `Up to ${MAX_CHECKS_PER_BATCH} checks at once, answered in order from one consistent snapshot (one revision).` })
  async checkPermissions(
    @Arg('inputs', () => [CheckPermissionInput], { description: 'The checks.' }) inputs: CheckPermissionInput[],
    @Ctx() ctx: GraphQLContext,
    @Arg('consistency', () => ConsistencyInput, { nullable: true, description: 'How fresh the answer must be (default FULL).' })
    consistency: ConsistencyInput | null | undefined,
  ): Promise<Decision[]> {
    if (inputs.length > MAX_CHECKS_PER_BATCH) throw new BadUserInputError(`At most ${MAX_CHECKS_PER_BATCH} checks per call; split the batch.`, 'inputs');
    const { graph, revision } = await this.graphFor(ctx, consistency);
    return inputs.map((input) => this.check(graph, revision, input));
  }

  @Authorized(Rule.accessOf('userId'))
  @Query(() => AccessExplanation, { description: 'A user’s effective level on a resource, the actions it allows, and every path, the winning one marked.' })
  async explainAccess(
    @Arg('userId', () => ID, { description: 'User id.' }) userId: string,
    @Arg('resourceId', () => ID, { description: 'Resource id.' }) resourceId: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('consistency', () => ConsistencyInput, { nullable: true, description: 'How fresh the answer must be (default FULL).' })
    consistency: ConsistencyInput | null | undefined,
  ): Promise<AccessExplanation> {
    const { graph, revision } = await this.graphFor(ctx, consistency);
    const resource = findResource(graph, resourceId);
    if (!resource) throw new NotFoundError('resource', resourceId);
    const user = normalizeId(userId);
    const explanation = explainAccessOn(graph, user, resource);
    return {
      userId: user,
      resourceId: resource.id,
      level: explanation.level,
      allowedActions: allowedActionsOn(graph, user, resource),
      reasons: explanation.paths.map(presentPath),
      denial: presentDenial(explanation.denial, explanation.level, 'read'),
      revision,
    };
  }

  @Authorized(Rule.accessOf('userId'))
  @Query(() => ResourceConnection, {
    description: 'Every resource of a type on which the user may do the action, by name — complete, paginated, never silently cut.',
  })
  async accessibleResources(
    @Arg('userId', () => ID, { description: 'User id.' }) userId: string,
    @Arg('type', () => ResourceTypeEnum, { description: 'Resource type.' }) type: ResourceType,
    @Arg('action', { description: 'An action of that type, e.g. "chat".' }) action: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1-100 (default 25).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the item to start after.' }) after?: string | null,
    @Arg('consistency', () => ConsistencyInput, { nullable: true, description: 'How fresh the answer must be (default FULL).' })
    consistency?: ConsistencyInput | null,
  ): Promise<ResourceConnection> {
    const { graph } = await this.graphFor(ctx, consistency);
    const ordered = accessibleResources(graph, normalizeId(userId), type, action);
    return resourcePage(ctx.app.cursors, ordered, { first, after });
  }

  @Authorized(Rule.onResource('read', { idArg: 'resourceId', apiKey: Scope.permissionsRead }))
  @Query(() => [AccessEntry], { description: 'Who has access to a resource, at which level, and why — highest level first.' })
  async resourceAccess(
    @Arg('resourceId', () => ID, { description: 'Resource id.' }) resourceId: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('consistency', () => ConsistencyInput, { nullable: true, description: 'How fresh the answer must be (default FULL).' })
    consistency: ConsistencyInput | null | undefined,
  ): Promise<AccessEntry[]> {
    const { graph, revision } = await this.graphFor(ctx, consistency);
    // The rule found it at FULL; an older graph (AT_LEAST, MINIMIZE_LATENCY) may not have it yet.
    const resource = findResource(graph, resourceId);
    if (!resource) throw new NotFoundError('resource', resourceId);
    return presentAccessEntries(graph, resource.id, revision);
  }
}

/** The reasons of a decision and why it is denied, worked out only when asked for. */
@Resolver(() => Decision)
export class DecisionFieldsResolver {
  @FieldResolver(() => [AccessReason], { description: 'Every path contributing a level; the winning one is marked.' })
  reasons(@Root() decision: Decision): readonly AccessReason[] {
    return decision.explain();
  }

  @FieldResolver()
  denial(@Root() decision: Decision): Denial | null {
    return decision.whyNot();
  }
}

/** Whether the caller may read an area's names: a member may (as far as their own rules allow), an API key needs the scope. */
function readsArea(ctx: GraphQLContext, need: ApiKeyNeed): boolean {
  const principal = ctx.principal;
  return principal?.kind !== 'API_KEY' || apiKeyVerdict(principal, need).allowed;
}

/** Names for the parts of a path. */
@Resolver(() => AccessReason)
export class AccessReasonResolver {
  @FieldResolver(() => Team, { nullable: true, description: 'The team the path goes through.' })
  async team(@Root() reason: AccessReason, @Ctx() ctx: GraphQLContext): Promise<Team | null> {
    if (!reason.teamId) return null;
    const team = await ctx.loaders.team.load(reason.teamId);
    return team ? presentTeam(team) : null;
  }

  @FieldResolver(() => Resource, {
    nullable: true,
    description: 'The resource carrying the grant or ownership: shown to those who may read it, who manage members, or API keys with permissions: READ.',
  })
  async anchorResource(@Root() reason: AccessReason, @Ctx() ctx: GraphQLContext): Promise<Resource | null> {
    if (!reason.anchorResourceId) return null;
    const explainsOthers = capabilityVerdict(ctx.principal, 'users.manage', Scope.permissionsRead).allowed;
    if (!explainsOthers) return (await readableResources(ctx, [reason.anchorResourceId]))[0] ?? null;
    const node = findResource(await ctx.access.graph(), reason.anchorResourceId);
    return node ? presentResourceNode(node) : null;
  }

  @FieldResolver(() => String, {
    description: `The path in words, e.g. "Member through team Data's grant on Project 'P' (inherited)". Names what the caller may read: an API key without directory: READ or resources: READ gets ids instead.`,
  })
  async summary(@Root() reason: AccessReason, @Ctx() ctx: GraphQLContext): Promise<string> {
    const level = ACCESS_LEVEL_LABELS[reason.level];
    // The names come from the areas their own fields need (team: directory, anchorResource: resources).
    const team = reason.teamId && readsArea(ctx, Scope.directoryRead) ? await ctx.loaders.team.load(reason.teamId) : null;
    let on = 'the resource';
    if (reason.anchorResourceId && readsArea(ctx, Scope.resourcesRead)) {
      const anchor = await this.anchorResource(reason, ctx);
      if (anchor) on = `${RESOURCE_TYPE_REGISTRY[anchor.type].label} '${anchor.name}'`;
    } else if (reason.anchorResourceId) {
      const node = findResource(await ctx.access.graph(), reason.anchorResourceId);
      if (node) on = `${RESOURCE_TYPE_REGISTRY[node.type].label} ${node.id}`;
    }
    const inherited = reason.inherited ? ' (inherited)' : '';
    switch (reason.source) {
      case 'ORG_ROLE':
        return `${level} as an owner of the organization`;
      case 'OWNERSHIP':
        // "Owns Project 'P'", not "Owner as the owner of Project 'P'".
        return reason.level === 'OWNER' ? `Owns ${on}${inherited}` : `${level} as the owner of ${on}${inherited}`;
      case 'DIRECT_GRANT':
        return `${level} through a direct grant on ${on}${inherited}`;
      case 'TEAM_GRANT':
        return `${level} through team ${team?.name ?? reason.teamId}'s grant on ${on}${inherited}`;
      case 'PUBLIC':
        return `${level} because the assistant is live and public`;
    }
  }
}

/** The member behind an access entry. */
@Resolver(() => AccessEntry)
export class AccessEntryResolver {
  @FieldResolver(() => Member, { nullable: true, description: 'The member (null for the PUBLIC entry).' })
  async user(@Root() entry: AccessEntry, @Ctx() ctx: GraphQLContext): Promise<Member | null> {
    return entry.userId ? loadMember(ctx, entry.userId) : null;
  }
}
