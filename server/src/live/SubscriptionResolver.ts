import { Arg, Authorized, Ctx, FieldResolver, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { roleHasCapability, scopeAllows, type Capability } from '@rolegraph/shared';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { Scope } from '../policies/apiKeyNeeds';
import { actingPrincipal } from '../graphql/actingContext';
import { decide } from '../access/evaluator';
import type { AccessGraph } from '../access/accessGraph';
import { AuditEntryEntity } from '../audit/auditEntry.entity';
import { AuditEntry } from '../audit/audit.types';
import { presentAuditEntry } from '../audit/auditPresenter';
import { Member } from '../directory/directory.types';
import { loadMember } from '../directory/memberQueries';
import { NotificationEntity } from '../notifications/notification.entity';
import { Notification, presentNotification } from '../notifications/notification.types';
import { Resource } from '../resources/resource.types';
import { readableResources } from '../resources/resourceQueries';
import { AccessEntry } from '../decisions/decision.types';
import { presentAccessEntries } from '../decisions/decisionPresenter';
import type { ApiScopeArea } from '@rolegraph/shared';
import type { Delivery } from './liveHub';
import { addressedTo } from './liveEvents';
import { subscriptionStream } from './subscriptionStream';
import { AccessChange, DirectoryChange, directoryChangeOf, MemberChangeEvent, ResourceAccessChange } from './live.types';
import { Organization } from '../auth/auth.types';
import { OrganizationEntity } from '../directory/organization.entity';
import { Team } from '../teams/team.types';
import { presentTeam } from '../teams/teamPresenter';

type Ctx = SubscribeResolverData<unknown, Record<string, unknown>, GraphQLContext>;

/**
 * Starts a delivery for this subscriber: the context's evaluator view moves
 * to the delivery's graph and its batch caches are emptied, so the payload's
 * fields are resolved — and re-authorized — against the access that holds
 * now, not when the subscription started.
 */
function freshContext(ctx: GraphQLContext, delivery: Delivery): AccessGraph {
  ctx.access.useGraph(delivery.revision, delivery.graph);
  ctx.loaders.reset();
  return delivery.graph;
}

/** Whether the subscriber still holds a capability (members: by their current role) or, for API keys, the scope. */
function stillHolds(ctx: GraphQLContext, graph: AccessGraph, capability: Capability, area: ApiScopeArea): boolean {
  const principal = ctx.principal;
  if (!principal) return false;
  if (principal.kind === 'API_KEY') return scopeAllows(principal.scopes, area, 'READ');
  const role = graph.memberRole(principal.accountId);
  return role !== undefined && roleHasCapability(role, capability);
}

/** Whether the subscriber may still read the directory: a member of the organization, or an API key with directory: READ. */
function readsDirectory(ctx: GraphQLContext, graph: AccessGraph): boolean {
  const principal = ctx.principal;
  if (!principal) return false;
  if (principal.kind === 'API_KEY') return scopeAllows(principal.scopes, 'directory', 'READ');
  return graph.memberRole(principal.accountId) !== undefined;
}

function memberId(ctx: GraphQLContext): string | null {
  return ctx.principal?.kind === 'USER' ? ctx.principal.accountId : null;
}

/**
 * The live subscriptions (wire contract: docs/live-events.md).
 * Each event is re-authorized when delivered, against the organization's
 * access at that moment: a subscriber who lost access receives nothing more.
 */
@Resolver()
export class SubscriptionResolver {
  @Authorized(Rule.member())
  @Subscription(() => Notification, {
    description: 'Your new notifications, as they are created.',
    subscribe: ({ context }: Ctx) =>
      subscriptionStream(context.app.live, actingPrincipal(context).organizationId, (delivery) => {
        const event = delivery.event;
        if (event.type !== 'notificationAdded' || event.accountId !== memberId(context)) return null;
        if (!freshContext(context, delivery).memberRole(event.accountId)) return null;
        return delivery
          .shared(`notification:${event.notificationId}`, () =>
            context.app.dataSource.getRepository(NotificationEntity).findOneBy({ id: event.notificationId }),
          )
          .then((row) => (row ? presentNotification(row) : null));
      }),
  })
  notificationAdded(@Root() notification: Notification): Notification {
    return notification;
  }

  @Authorized(Rule.member())
  @Subscription(() => AccessChange, {
    description: 'Something that may change your effective access happened (role, grant, team, ownership, status).',
    subscribe: ({ context }: Ctx) =>
      subscriptionStream(context.app.live, actingPrincipal(context).organizationId, (delivery) => {
        const event = delivery.event;
        const me = memberId(context);
        if (event.type !== 'accessChanged' || !me || !addressedTo(event.accountIds, me)) return null;
        if (!freshContext(context, delivery).memberRole(me)) return null;
        return { reason: event.reason, revision: delivery.revision };
      }),
  })
  myAccessChanged(@Root() change: AccessChange): AccessChange {
    return change;
  }

  @Authorized(Rule.member())
  @Subscription(() => Organization, {
    description: 'The organization you act in changed (its name), as it is now. For every member.',
    subscribe: ({ context }: Ctx) =>
      subscriptionStream(context.app.live, actingPrincipal(context).organizationId, (delivery) => {
        const event = delivery.event;
        const me = memberId(context);
        if (event.type !== 'organizationChanged' || !me) return null;
        if (!freshContext(context, delivery).memberRole(me)) return null;
        return delivery
          .shared(`organization:${event.organizationId}`, () =>
            context.app.dataSource.getRepository(OrganizationEntity).findOneBy({ id: event.organizationId }),
          )
          .then((row) => (row ? { id: row.id, name: row.name, createdAt: row.createdAt } : null));
      }),
  })
  organizationChanged(@Root() organization: Organization): Organization {
    return organization;
  }

  @Authorized(Rule.can('users.manage', Scope.directoryRead))
  @Subscription(() => MemberChangeEvent, {
    description: 'Invitations sent or revoked, members joined, changed role, left or removed. For those who manage members.',
    subscribe: ({ context }: Ctx) =>
      subscriptionStream(context.app.live, actingPrincipal(context).organizationId, (delivery) => {
        const event = delivery.event;
        if (event.type !== 'memberChanged') return null;
        if (!stillHolds(context, freshContext(context, delivery), 'users.manage', 'directory')) return null;
        return { change: event.change, userId: event.accountId, invitationId: event.invitationId };
      }),
  })
  memberChanged(@Root() change: MemberChangeEvent): MemberChangeEvent {
    return change;
  }

  @Authorized(Rule.member(Scope.directoryRead))
  @Subscription(() => DirectoryChange, {
    description:
      'Members joined, changed role, were removed or left; teams were created, renamed, deleted, or their members or grants changed. For every member (invitations are not told: memberChanged tells those who manage members), and API keys with directory: READ.',
    subscribe: ({ context }: Ctx) =>
      subscriptionStream(context.app.live, actingPrincipal(context).organizationId, (delivery) => {
        const change = directoryChangeOf(delivery.event);
        if (!change || !readsDirectory(context, freshContext(context, delivery))) return null;
        return change;
      }),
  })
  directoryChanged(@Root() change: DirectoryChange): DirectoryChange {
    return change;
  }

  @Authorized(Rule.onResource('read', { idArg: 'resourceId', apiKey: Scope.permissionsRead }))
  @Subscription(() => ResourceAccessChange, {
    description: 'Who has access to this resource changed (grants, owner, inherited access). For those who may read it.',
    subscribe: ({ context, args }: Ctx) =>
      subscriptionStream(context.app.live, actingPrincipal(context).organizationId, (delivery) => {
        const event = delivery.event;
        const resourceId = String(args.resourceId).toLowerCase();
        if (event.type !== 'resourceAccessChanged' || !addressedTo(event.resourceIds, resourceId)) return null;
        const graph = freshContext(context, delivery);
        if (!graph.resource(resourceId)) return null;
        const principal = context.principal;
        const mayRead =
          principal?.kind === 'API_KEY'
            ? scopeAllows(principal.scopes, 'permissions', 'READ')
            : principal?.kind === 'USER' && decide(graph, { userId: principal.accountId, action: 'read', resourceId }).allowed;
        return mayRead ? { resourceId, revision: delivery.revision } : null;
      }),
  })
  resourceAccessChanged(
    @Root() change: ResourceAccessChange,
    @Arg('resourceId', () => ID, { description: 'The resource to watch.' }) _resourceId: string,
  ): ResourceAccessChange {
    return change;
  }

  @Authorized(Rule.can('auditLog.read', Scope.auditRead))
  @Subscription(() => AuditEntry, {
    description: 'Audit entries as they are written. For holders of auditLog.read.',
    subscribe: ({ context }: Ctx) =>
      subscriptionStream(context.app.live, actingPrincipal(context).organizationId, (delivery) => {
        const event = delivery.event;
        if (event.type !== 'auditEventAdded') return null;
        if (!stillHolds(context, freshContext(context, delivery), 'auditLog.read', 'audit')) return null;
        return delivery
          .shared(`audit:${event.auditEntryId}`, () => context.app.dataSource.getRepository(AuditEntryEntity).findOneBy({ id: event.auditEntryId }))
          .then((row) => (row ? presentAuditEntry(row) : null));
      }),
  })
  auditEventAdded(@Root() entry: AuditEntry): AuditEntry {
    return entry;
  }
}

@Resolver(() => MemberChangeEvent)
export class MemberChangeEventResolver {
  @FieldResolver(() => Member, { nullable: true, description: 'The member as they are now (null once they are gone).' })
  member(@Root() change: MemberChangeEvent, @Ctx() ctx: GraphQLContext): Promise<Member | null> | null {
    return change.userId ? loadMember(ctx, change.userId) : null;
  }
}

@Resolver(() => DirectoryChange)
export class DirectoryChangeResolver {
  @FieldResolver(() => Member, { nullable: true, description: 'The member as they are now, for MEMBER_ changes (null once they are gone).' })
  member(@Root() change: DirectoryChange, @Ctx() ctx: GraphQLContext): Promise<Member | null> | null {
    return change.userId ? loadMember(ctx, change.userId) : null;
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team as it is now, for TEAM_ changes (null once it is deleted).' })
  async team(@Root() change: DirectoryChange, @Ctx() ctx: GraphQLContext): Promise<Team | null> {
    const team = change.teamId ? await ctx.loaders.team.load(change.teamId) : null;
    return team ? presentTeam(team) : null;
  }
}

@Resolver(() => ResourceAccessChange)
export class ResourceAccessChangeResolver {
  @FieldResolver(() => Resource, { nullable: true, description: 'The resource, as it is now.' })
  async resource(@Root() change: ResourceAccessChange, @Ctx() ctx: GraphQLContext): Promise<Resource | null> {
    const [resource] = await readableResources(ctx, [change.resourceId]);
    return resource ?? null;
  }

  @FieldResolver(() => [AccessEntry], { description: 'Who has access now, and why.' })
  async access(@Root() change: ResourceAccessChange, @Ctx() ctx: GraphQLContext): Promise<AccessEntry[]> {
    const { graph, revision } = await ctx.access.graphAtRevision();
    return presentAccessEntries(graph, change.resourceId, ctx.access.revisionToken(revision));
  }
}
