import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { actingPrincipal, commandContextOf } from '../graphql/actingContext';
import { claimedDomains, configureSso, removeSso } from './ssoCommands';
import { SsoConnectionEntity } from './ssoConnection.entity';
import { redirectUri } from './ssoSignIn';
import { ConfigureSsoInput, SignInMethod, SsoConnection } from './sso.types';
import { signInMethod } from './signInMethod';

async function presentConnection(ctx: GraphQLContext, entity: SsoConnectionEntity): Promise<SsoConnection> {
  const secret: { has: boolean }[] = await ctx.app.dataSource.query(`SELECT client_secret IS NOT NULL AS has FROM sso_connections WHERE organization_id = $1`, [
    entity.organizationId,
  ]);
  return {
    issuer: entity.issuer,
    clientId: entity.clientId,
    hasClientSecret: secret[0]?.has === true,
    domains: await claimedDomains(ctx, entity.organizationId),
    defaultRole: entity.defaultRole,
    enforce: entity.enforce,
    groupsClaim: entity.groupsClaim,
    teamMappings: entity.teamMappings.map((m) => ({ group: m.group, teamId: m.teamId })),
    redirectUri: redirectUri(ctx.app),
    scimUrl: `${ctx.app.config.publicUrl}/scim/v2`,
    updatedAt: entity.updatedAt,
  };
}

@Resolver()
export class SsoResolver {
  @Query(() => SignInMethod, {
    description:
      'Public: whether this email’s domain signs in with single sign-on (and whether it is enforced), without saying whether an account has the email. Rate-limited per address (RATE_LIMITED).',
  })
  async signInMethod(@Arg('email', { description: 'The email the person typed.' }) email: string, @Ctx() ctx: GraphQLContext): Promise<SignInMethod> {
    return signInMethod(ctx.app, ctx.clientAddress, email);
  }

  @Authorized(Rule.can('sso.manage'))
  @Query(() => SsoConnection, { nullable: true, description: 'The OIDC single sign-on connection; null until configured. Owners only.' })
  async ssoConnection(@Ctx() ctx: GraphQLContext): Promise<SsoConnection | null> {
    const entity = await ctx.app.dataSource.getRepository(SsoConnectionEntity).findOneBy({ organizationId: actingPrincipal(ctx).organizationId });
    return entity ? presentConnection(ctx, entity) : null;
  }

  @Authorized(Rule.can('sso.manage'))
  @Mutation(() => SsoConnection, {
    description:
      'Save the OIDC connection. Discovery is checked first (BAD_USER_INPUT says what is wrong); a domain claimed by another organization is refused. Owners only.',
  })
  async configureSso(
    @Arg('input', () => ConfigureSsoInput, { description: 'The connection; see the input type.' }) input: ConfigureSsoInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SsoConnection> {
    return presentConnection(ctx, await configureSso(commandContextOf(ctx), input));
  }

  @Authorized(Rule.can('sso.manage'))
  @Mutation(() => Boolean, { description: 'Remove the connection and release its domains; false when there was none. Owners only.' })
  async removeSso(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    return removeSso(commandContextOf(ctx));
  }
}
