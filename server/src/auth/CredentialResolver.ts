import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { assertUser } from './authCommands';
import { changePassword, endSession, mySessions, requestPasswordReset, resetPassword, signOutEverywhere } from './credentialCommands';
import { ChangePasswordInput, RequestPasswordResetInput, ResetPasswordInput, SessionInfo } from './credential.types';
import { Session } from './auth.types';
import { presentSession } from './sessionPresenter';
import { clearSessionCookie } from './sessionCookie';
import { sessionOriginOfRequest } from './sessionOrigin';

/** A person's own credentials: password and sessions. */
@Resolver()
export class CredentialResolver {
  @Authorized(Rule.person())
  @Mutation(() => Boolean, {
    description:
      'Change your password. The current password is required (wrong attempts count against the sign-in limits: RATE_LIMITED); every other session of yours ends at once.',
  })
  async changePassword(
    @Arg('input', () => ChangePasswordInput, { description: 'Current and new password.' }) input: ChangePasswordInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    assertUser(ctx.principal);
    await changePassword(ctx.app, ctx.principal, ctx.clientAddress, input);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Mail a single-use password reset link (valid one hour) to this email if an account has it. Always answers true, whether or not one does; requests are rate-limited per email and per address (RATE_LIMITED).',
  })
  async requestPasswordReset(
    @Arg('input', () => RequestPasswordResetInput, { description: 'The email.' }) input: RequestPasswordResetInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    await requestPasswordReset(ctx.app, ctx.clientAddress, input);
    return true;
  }

  @Mutation(() => Session, {
    description: 'Choose a new password with a reset link. The link works once; every session of the account ends and a new one starts.',
  })
  async resetPassword(
    @Arg('input', () => ResetPasswordInput, { description: 'The link’s token and the new password.' }) input: ResetPasswordInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Session> {
    return presentSession(ctx, await resetPassword(ctx.app, sessionOriginOfRequest(ctx), input));
  }

  @Authorized(Rule.person())
  @Query(() => [SessionInfo], { description: 'Your sessions that have not expired, newest first.' })
  async mySessions(@Ctx() ctx: GraphQLContext): Promise<SessionInfo[]> {
    assertUser(ctx.principal);
    const principal = ctx.principal;
    const sessions = await mySessions(ctx.app, principal);
    return Promise.all(
      sessions.map(async (s) => ({
        id: s.id,
        createdAt: s.createdAt,
        expiresAt: s.expiresAt,
        current: s.id === principal.sessionId,
        userAgent: s.userAgent,
        clientAddress: s.clientAddress,
        lastUsedAt: s.lastUsedAt,
        organization: s.organizationId ? ((await ctx.loaders.organization.load(s.organizationId)) ?? null) : null,
      })),
    );
  }

  @Authorized(Rule.person())
  @Mutation(() => Boolean, { description: 'End one of your sessions at once; its live subscriptions close. Another account’s session is NOT_FOUND.' })
  async endSession(@Arg('id', () => ID, { description: 'A session id from mySessions.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    assertUser(ctx.principal);
    await endSession(ctx.app, ctx.principal, id);
    if (id === ctx.principal.sessionId && ctx.http) clearSessionCookie(ctx.http.res, ctx.app.config.publicUrl.startsWith('https:'));
    return true;
  }

  @Authorized(Rule.person())
  @Mutation(() => Boolean, { description: 'End every session of yours, this one included ("sign out everywhere").' })
  async signOutEverywhere(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    assertUser(ctx.principal);
    await signOutEverywhere(ctx.app, ctx.principal);
    if (ctx.http) clearSessionCookie(ctx.http.res, ctx.app.config.publicUrl.startsWith('https:'));
    return true;
  }
}
