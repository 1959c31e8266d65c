import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { actingMember, commandContextOf } from '../graphql/actingContext';
import { Member } from '../directory/directory.types';
import { loadMember } from '../directory/memberQueries';
import { Resource } from '../resources/resource.types';
import { readableResources } from '../resources/resourceQueries';
import { checkPolicy } from '../policies/policy';
import type { AccessRequestStatus } from './accessRequest.entity';
import {
  AccessRequest,
  AccessRequestConnection,
  AccessRequestListEnum,
  AccessRequestReceipt,
  AccessRequestStatusEnum,
  ApproveAccessRequestInput,
  DenyAccessRequestInput,
  RequestAccessInput,
  type AccessRequestList,
} from './accessRequest.types';
import { answerAccessRequestPolicy, cancelAccessRequestPolicy, requestAccessPolicy } from './accessRequestPolicy';
import { approveAccessRequest, cancelAccessRequest, denyAccessRequest, requestAccess } from './accessRequestCommands';
import { accessRequestPage } from './accessRequestQueries';
import { presentAccessRequest } from './accessRequestPresenter';

/** Access requests: asking for access, answering, cancelling, and the lists of both sides. */
@Resolver(() => AccessRequest)
export class AccessRequestResolver {
  @Authorized(Rule.policy(requestAccessPolicy, () => ({})))
  @Mutation(() => AccessRequestReceipt, {
    description:
      'Ask for a level on a resource, also one you cannot see (opened from a link). The answer is the same whether it exists or not; the people who may share it are notified. Asking again while a request is pending answers with that request.',
  })
  async requestAccess(
    @Arg('input', () => RequestAccessInput, { description: 'What to ask for.' }) input: RequestAccessInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccessRequestReceipt> {
    const { request, message } = await requestAccess(commandContextOf(ctx), input);
    return { id: request.id, status: request.status, message };
  }

  @Authorized(Rule.policy(answerAccessRequestPolicy, () => ({ resourceId: null, requesterId: null })))
  @Mutation(() => AccessRequest, {
    description:
      'Approve a pending request (manageAccess on its resource): the requester gets a grant at the level asked for or the one given, ending at expiresAt if given, and is notified.',
  })
  async approveAccessRequest(
    @Arg('input', () => ApproveAccessRequestInput, { description: 'Which request, and what to grant.' }) input: ApproveAccessRequestInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccessRequest> {
    return presentAccessRequest(await approveAccessRequest(commandContextOf(ctx), input));
  }

  @Authorized(Rule.policy(answerAccessRequestPolicy, () => ({ resourceId: null, requesterId: null })))
  @Mutation(() => AccessRequest, { description: 'Deny a pending request (manageAccess on its resource); the requester is told, with the reason if given.' })
  async denyAccessRequest(
    @Arg('input', () => DenyAccessRequestInput, { description: 'Which request, and why.' }) input: DenyAccessRequestInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccessRequest> {
    return presentAccessRequest(await denyAccessRequest(commandContextOf(ctx), input));
  }

  @Authorized(Rule.policy(cancelAccessRequestPolicy, () => ({ requesterId: null })))
  @Mutation(() => AccessRequest, { description: 'Withdraw your own pending request.' })
  async cancelAccessRequest(@Arg('id', () => ID, { description: 'Request id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<AccessRequest> {
    return presentAccessRequest(await cancelAccessRequest(commandContextOf(ctx), id));
  }

  @Authorized(Rule.member())
  @Query(() => AccessRequestConnection, {
    description: 'Access requests you made and those you may answer (for resources you may share), newest first.',
  })
  async accessRequests(
    @Ctx() ctx: GraphQLContext,
    @Arg('list', () => AccessRequestListEnum, { defaultValue: 'ALL', description: 'MINE, TO_ANSWER or ALL (default).' }) list: AccessRequestList,
    @Arg('status', () => AccessRequestStatusEnum, { nullable: true, description: 'Only requests in this status.' }) status?: AccessRequestStatus | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1-100 (default 25).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the item to continue after.' }) after?: string | null,
  ): Promise<AccessRequestConnection> {
    const me = actingMember(ctx);
    return accessRequestPage(ctx.app.dataSource, ctx.app.cursors, await ctx.access.graph(), me, { list, status: status ?? null, first, after });
  }

  @FieldResolver(() => Member, { nullable: true, description: 'Who asked (null once they have left the organization).' })
  async requester(@Root() request: AccessRequest, @Ctx() ctx: GraphQLContext): Promise<Member | null> {
    return loadMember(ctx, request.requesterId);
  }

  @FieldResolver(() => Resource, { nullable: true, description: 'The resource, when you may read it (null otherwise: a request reveals nothing about it).' })
  async resource(@Root() request: AccessRequest, @Ctx() ctx: GraphQLContext): Promise<Resource | null> {
    const [resource] = await readableResources(ctx, [request.resourceId]);
    return resource ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may approve or deny it (it is pending and you may share its resource).' })
  async viewerCanAnswer(@Root() request: AccessRequest, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    if (request.status !== 'PENDING') return false;
    return (await checkPolicy(ctx.access, answerAccessRequestPolicy, { resourceId: request.resourceId, requesterId: request.requesterId })).allowed;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may cancel it (it is pending and yours).' })
  async viewerCanCancel(@Root() request: AccessRequest, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    if (request.status !== 'PENDING') return false;
    return (await checkPolicy(ctx.access, cancelAccessRequestPolicy, { requesterId: request.requesterId })).allowed;
  }
}
