import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { OrgRole } from '@rolegraph/shared';
import { OrgRoleEnum } from '../graphql/enums';

@ObjectType({ description: 'A group claim value and the team whose membership follows it.' })
export class SsoTeamMapping {
  @Field({ description: 'A value of the groups claim.' })
  group: string;

  @Field(() => ID, { description: 'The team people with that group are in.' })
  teamId: string;
}

@ObjectType({
  description:
    'A claimed email domain. Pending until the TXT record below is found in its DNS (verifySsoDomain); only a verified domain sends its people to the provider, is enforced and lets SCIM take over its accounts.',
})
export class SsoDomainClaim {
  @Field({ description: 'The email domain, e.g. example.com.' })
  domain: string;

  @Field({
    description: 'Whether the domain is this organization’s: its DNS record was found (or it was claimed before verification existed, and kept).',
  })
  verified: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was verified; null while pending.' })
  verifiedAt: Date | null;

  @Field({ description: 'The name of the TXT record to add at the domain’s DNS provider.' })
  recordName: string;

  @Field({ description: 'The value of that TXT record.' })
  recordValue: string;
}

@ObjectType({ description: 'The organization’s OIDC single sign-on connection. The client secret is write-only.' })
export class SsoConnection {
  @Field({ description: 'The issuer URL (discovery at /.well-known/openid-configuration).' })
  issuer: string;

  @Field({ description: 'The client id registered at the provider.' })
  clientId: string;

  @Field({ description: 'Whether a client secret is stored (it is never returned).' })
  hasClientSecret: boolean;

  @Field(() => [String], {
    description: 'Claimed email domains, verified or not (see domainClaims): people of the verified ones sign in through the provider.',
  })
  domains: string[];

  @Field(() => [SsoDomainClaim], { description: 'Each claimed domain with whether it is verified and the DNS record that proves it.' })
  domainClaims: SsoDomainClaim[];

  @Field(() => OrgRoleEnum, { description: 'The role of people who arrive by single sign-on (User or Admin).' })
  defaultRole: OrgRole;

  @Field({ description: 'On: members of a claimed domain cannot sign in with a password; owners keep it as a break-glass path (audited).' })
  enforce: boolean;

  @Field({ description: 'The ID token claim that lists the person’s groups (default "groups").' })
  groupsClaim: string;

  @Field(() => [SsoTeamMapping], { description: 'Groups mapped to teams; each sign-in brings these teams in line with the claim.' })
  teamMappings: SsoTeamMapping[];

  @Field({ description: 'The redirect URI to register at the provider.' })
  redirectUri: string;

  @Field({ description: 'The SCIM 2.0 base URL for the provider’s provisioning (needs an API key with provisioning: WRITE).' })
  scimUrl: string;

  @Field({ description: 'When the connection was last saved.' })
  updatedAt: Date;
}

@InputType({ description: 'A group claim value mapped to a team.' })
export class SsoTeamMappingInput {
  @Field({ description: 'A value of the groups claim.' })
  group: string;

  @Field(() => ID, { description: 'A team of the organization.' })
  teamId: string;
}

@InputType({ description: 'The OIDC connection to save. Discovery is checked before anything is saved.' })
export class ConfigureSsoInput {
  @Field({ description: 'Issuer URL (https).' })
  issuer: string;

  @Field({ description: 'Client id.' })
  clientId: string;

  @Field(() => String, { nullable: true, description: 'Client secret; left out, the stored one stays. Never returned.' })
  clientSecret?: string | null;

  @Field(() => [String], {
    description: 'Email domains to claim; each new one is pending until verified (verifySsoDomain). One another organization verified is refused.',
  })
  domains: string[];

  @Field(() => OrgRoleEnum, { description: 'Role for people who arrive by single sign-on: USER or ADMIN.' })
  defaultRole: OrgRole;

  @Field({ description: 'Enforce single sign-on for the claimed domains (owners keep password sign-in).' })
  enforce: boolean;

  @Field(() => String, { nullable: true, description: 'The groups claim; default "groups".' })
  groupsClaim?: string | null;

  @Field(() => [SsoTeamMappingInput], { nullable: true, description: 'Groups mapped to teams.' })
  teamMappings?: SsoTeamMappingInput[] | null;
}

@ObjectType({
  description:
    'How an email signs in, for the sign-in page. It speaks of the email’s domain only, never of an account; an unclaimed domain gets the same shape.',
})
export class SignInMethod {
  @Field({ description: 'Whether the email’s domain is claimed by an organization’s single sign-on connection.' })
  singleSignOn: boolean;

  @Field(() => String, { nullable: true, description: 'The provider to name on the button (its issuer’s host); null without single sign-on.' })
  providerName: string | null;

  @Field({ description: 'Whether that organization enforces single sign-on: its members sign in through the provider, owners may still use a password.' })
  enforced: boolean;
}
