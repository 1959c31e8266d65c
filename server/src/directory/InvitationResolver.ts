import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsNull, MoreThan } from 'typeorm';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { Scope } from '../policies/apiKeyNeeds';
import { inviteMemberPolicy } from './memberPolicy';
import { actingPrincipal, commandContextOf } from '../graphql/actingContext';
import { presentSession } from '../auth/sessionPresenter';
import { Session } from '../auth/auth.types';
import { Account } from '../auth/auth.types';
import { InvitationEntity, invitationStatus } from './invitation.entity';
import { acceptInvitation, inviteMember, previewInvitation, resendInvitation, revokeInvitation, type CreatedInvitation as Created } from './invitationCommands';
import { AcceptInvitationInput, CreatedInvitation, Invitation, InvitationPreview, InviteMemberInput } from './directory.types';
import { sessionOriginOfRequest } from '../auth/sessionOrigin';

export function presentInvitation(entity: InvitationEntity): Invitation {
  return {
    id: entity.id,
    email: entity.email,
    role: entity.role,
    status: invitationStatus(entity),
    createdAt: entity.createdAt,
    expiresAt: entity.expiresAt,
    invitedById: entity.invitedBy,
  };
}

function presentCreated(created: Created): CreatedInvitation {
  return { invitation: presentInvitation(created.invitation), acceptUrl: created.acceptUrl };
}

@Resolver(() => Invitation)
export class InvitationResolver {
  @Authorized(Rule.can('users.manage', Scope.directoryRead))
  @Query(() => [Invitation], { description: 'Pending (unexpired, unaccepted, unrevoked) invitations, newest first.' })
  async pendingInvitations(@Ctx() ctx: GraphQLContext): Promise<Invitation[]> {
    const principal = actingPrincipal(ctx);
    const rows = await ctx.app.dataSource.getRepository(InvitationEntity).find({
      where: { organizationId: principal.organizationId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
      take: 500,
    });
    return rows.map(presentInvitation);
  }

  @Query(() => InvitationPreview, {
    description:
      'What an invitation link shows before it is accepted, to whoever holds its token: the organization, the inviter, the invited email and the role. NOT_FOUND for an unknown token; BAD_USER_INPUT for one used, revoked or expired.',
  })
  async invitationPreview(
    @Arg('token', { description: 'The token from the invitation link (#token=…).' }) token: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InvitationPreview> {
    return previewInvitation(ctx.app, token);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'Who sent the invitation, if their account still exists.' })
  async invitedBy(@Root() invitation: Invitation, @Ctx() ctx: GraphQLContext): Promise<Account | null> {
    return invitation.invitedById ? ctx.loaders.account.load(invitation.invitedById) : null;
  }

  @Authorized(Rule.policy(inviteMemberPolicy, () => ({})))
  @Mutation(() => CreatedInvitation, {
    description:
      'Invite someone as ADMIN or USER. The accept link is returned here once and mailed when SMTP is configured; no stored copy of the mail keeps it. Re-inviting an email revokes its previous link. ALREADY_MEMBER, SEAT_LIMIT.',
  })
  async inviteMember(
    @Arg('input', () => InviteMemberInput, { description: 'What to do; see the input type.' }) input: InviteMemberInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreatedInvitation> {
    return presentCreated(await inviteMember(commandContextOf(ctx), input));
  }

  @Authorized(Rule.policy(inviteMemberPolicy, () => ({})))
  @Mutation(() => CreatedInvitation, { description: 'Send a pending invitation again with a new link; the old link stops working.' })
  async resendInvitation(@Arg('id', () => ID, { description: 'Its id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<CreatedInvitation> {
    return presentCreated(await resendInvitation(commandContextOf(ctx), id));
  }

  @Authorized(Rule.policy(inviteMemberPolicy, () => ({})))
  @Mutation(() => Invitation, { description: 'Revoke a pending invitation; its link stops working.' })
  async revokeInvitation(@Arg('id', () => ID, { description: 'Its id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Invitation> {
    return presentInvitation(await revokeInvitation(commandContextOf(ctx), id));
  }

  @Mutation(() => Session, {
    description:
      'Accept an invitation: creates the account (name, password of at least 10 characters) or, when signed in as the invited email, adds the membership. Returns a session in the organization.',
  })
  async acceptInvitation(
    @Arg('input', () => AcceptInvitationInput, { description: 'What to do; see the input type.' }) input: AcceptInvitationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Session> {
    return presentSession(ctx, await acceptInvitation(ctx.app, ctx.principal, ctx.requestId, sessionOriginOfRequest(ctx), input));
  }
}
