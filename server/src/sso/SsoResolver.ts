import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { actingPrincipal, commandContextOf } from '../graphql/actingContext';
import { configureSso, domainClaims, removeSso, verifySsoDomain, type DomainClaim } from './ssoCommands';
import { challengeRecordName, challengeRecordValue } from './domainOwnership';
import { SsoConnectionEntity } from './ssoConnection.entity';
import { redirectUri } from './ssoSignIn';
import { ConfigureSsoInput, SignInMethod, SsoConnection, SsoDomainClaim } from './sso.types';
import { signInMethod } from './signInMethod';

function presentClaim(claim: DomainClaim): SsoDomainClaim {
  return {
    domain: claim.domain,
    verified: claim.verifiedAt !== null,
    verifiedAt: claim.verifiedAt,
    recordName: challengeRecordName(claim.domain),
    recordValue: challengeRecordValue(claim.verificationToken),
  };
}

async function presentConnection(ctx: GraphQLContext, entity: SsoConnectionEntity): Promise<SsoConnection> {
  const secret: { has: boolean }[] = await ctx.app.dataSource.query(`SELECT client_secret IS NOT NULL AS has FROM sso_connections WHERE organization_id = $1`, [
    entity.organizationId,
  ]);
  const claims = await domainClaims(ctx.app.dataSource, entity.organizationId);
  return {
    issuer: entity.issuer,
    clientId: entity.clientId,
    hasClientSecret: secret[0]?.has === true,
    domains: claims.map((c) => c.domain),
    domainClaims: claims.map(presentClaim),
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
      'Save the OIDC connection. Discovery is checked first (BAD_USER_INPUT says what is wrong); new domains are pending until verified (verifySsoDomain), and one another organization verified is refused. Owners only.',
  })
  async configureSso(
    @Arg('input', () => ConfigureSsoInput, { description: 'The connection; see the input type.' }) input: ConfigureSsoInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SsoConnection> {
    return presentConnection(ctx, await configureSso(commandContextOf(ctx), input));
  }

  @Authorized(Rule.can('sso.manage'))
  @Mutation(() => SsoDomainClaim, {
    description:
      'Look for a claimed domain’s TXT record (recordName, recordValue) in DNS and, found, verify the domain; one already verified is answered without asking. Not found, BAD_USER_INPUT says what DNS answered and nothing changes; NOT_FOUND for a domain the connection does not claim; RATE_LIMITED after too many look-ups. Owners only.',
  })
  async verifySsoDomain(
    @Arg('domain', { description: 'A domain the connection claims.' }) domain: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SsoDomainClaim> {
    return presentClaim(await verifySsoDomain(commandContextOf(ctx), domain));
  }

  @Authorized(Rule.can('sso.manage'))
  @Mutation(() => Boolean, { description: 'Remove the connection and release its domains; false when there was none. Owners only.' })
  async removeSso(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    return removeSso(commandContextOf(ctx));
  }
}
