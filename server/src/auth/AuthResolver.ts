import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { presentSession } from './sessionPresenter';
import { UnauthenticatedError } from '../errors';
import { presentViewer } from './viewerPresenter';
import { assertUser, createOrganization, signIn, signOut, signUp, switchOrganization } from './authCommands';
import { clearSessionCookie } from './sessionCookie';
import { CreateOrganizationInput, Session, SignInInput, SignUpInput, Viewer } from './auth.types';
import { sessionOriginOfRequest } from './sessionOrigin';

@Resolver()
export class AuthResolver {
  @Mutation(() => Session, {
    description: 'Create an account and a new organization whose first member (its Owner) it is. Sign-ups are rate-limited per address (RATE_LIMITED).',
  })
  async signUp(
    @Arg('input', () => SignUpInput, { description: 'What to do; see the input type.' }) input: SignUpInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Session> {
    return presentSession(ctx, await signUp(ctx.app, ctx.requestId, ctx.clientAddress, sessionOriginOfRequest(ctx), input));
  }

  @Mutation(() => Session, { description: 'Sign in. Failed attempts are rate-limited per account and per address (RATE_LIMITED).' })
  async signIn(
    @Arg('input', () => SignInInput, { description: 'What to do; see the input type.' }) input: SignInInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Session> {
    return presentSession(ctx, await signIn(ctx.app, ctx.clientAddress, sessionOriginOfRequest(ctx), input));
  }

  @Authorized(Rule.person())
  @Mutation(() => Boolean, { description: 'End the current session at once; its live subscriptions close.' })
  async signOut(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    assertUser(ctx.principal);
    await signOut(ctx.app, ctx.principal);
    if (ctx.http) clearSessionCookie(ctx.http.res, ctx.app.config.publicUrl.startsWith('https:'));
    return true;
  }

  @Authorized(Rule.person())
  @Mutation(() => Viewer, { description: 'Act in another organization the account belongs to. Open subscriptions close and must reconnect.' })
  async switchOrganization(
    @Arg('organizationId', () => ID, { description: 'An organization the account belongs to.' }) organizationId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Viewer> {
    assertUser(ctx.principal);
    await switchOrganization(ctx.app, ctx.principal, organizationId);
    ctx.access.sessionMoved();
    return presentViewer(ctx, ctx.principal.accountId, organizationId);
  }

  @Authorized(Rule.person())
  @Mutation(() => Viewer, {
    description:
      'Create another organization, with the signed-in account as its Owner, and act in it (as switchOrganization: open subscriptions close and must reconnect). Rate-limited per address with sign-ups (RATE_LIMITED).',
  })
  async createOrganization(
    @Arg('input', () => CreateOrganizationInput, { description: 'What to do; see the input type.' }) input: CreateOrganizationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Viewer> {
    assertUser(ctx.principal);
    const organizationId = await createOrganization(ctx.app, ctx.requestId, ctx.clientAddress, ctx.principal, input);
    ctx.access.sessionMoved();
    return presentViewer(ctx, ctx.principal.accountId, organizationId);
  }

  @Authorized(Rule.authenticated())
  @Query(() => Viewer, { description: 'Who is calling: account, current organization, org role and its capabilities.' })
  async me(@Ctx() ctx: GraphQLContext): Promise<Viewer> {
    const principal = ctx.principal;
    if (!principal) throw new UnauthenticatedError();
    if (principal.kind === 'API_KEY') {
      const organization = await ctx.loaders.organization.load(principal.organizationId);
      return { account: null, apiKey: { id: principal.apiKeyId, name: principal.name }, organization, role: null, capabilities: [], organizations: [] };
    }
    return presentViewer(ctx, principal.accountId, principal.role ? principal.organizationId : null);
  }
}
