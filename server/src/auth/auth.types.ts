import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { OrgRole } from '@rolegraph/shared';
import { OrgRoleEnum } from '../graphql/enums';

@ObjectType({ description: 'A person: one account may belong to several organizations.' })
export class Account {
  @Field(() => ID, { description: 'Account id; the same as the user id in members, grants and checks.' })
  id: string;

  @Field({ description: 'Email address (unique, case-insensitive).' })
  email: string;

  @Field({ description: 'Display name.' })
  name: string;

  @Field({ description: 'When the account was created.' })
  createdAt: Date;
}

@ObjectType({ description: 'A tenant: members, teams, resources and grants all belong to one organization.' })
export class Organization {
  @Field(() => ID, { description: 'Organization id.' })
  id: string;

  @Field({ description: 'Display name.' })
  name: string;

  @Field({ description: 'When the organization was created.' })
  createdAt: Date;
}

@ObjectType({ description: 'One organization the signed-in account belongs to, with its role there.' })
export class OrganizationMembership {
  @Field(() => Organization, { description: 'The organization.' })
  organization: Organization;

  @Field(() => OrgRoleEnum, { description: 'The account’s role in it.' })
  role: OrgRole;

  @Field({ description: 'When the account joined it.' })
  joinedAt: Date;
}

@ObjectType({ description: 'A signed-in session. The token is shown once; the web app also receives it as an httpOnly cookie.' })
export class Session {
  @Field({ description: 'Opaque bearer token: send it as `Authorization: Bearer <token>`.' })
  token: string;

  @Field(() => Account, { description: 'Who signed in.' })
  account: Account;

  @Field(() => Organization, { nullable: true, description: 'The organization this session acts in; null when the account belongs to none.' })
  organization: Organization | null;

  @Field({ description: 'When the session expires.' })
  expiresAt: Date;
}

@ObjectType({ description: 'The API key a request was made with.' })
export class ViewerApiKey {
  @Field(() => ID, { description: 'API key id.' })
  id: string;

  @Field({ description: 'The key’s name.' })
  name: string;
}

@ObjectType({ description: 'Who is calling: a person in their current organization, or an API key.' })
export class Viewer {
  @Field(() => Account, { nullable: true, description: 'The signed-in account; null for API keys.' })
  account: Account | null;

  @Field(() => ViewerApiKey, { nullable: true, description: 'The API key; null for people.' })
  apiKey: ViewerApiKey | null;

  @Field(() => Organization, { nullable: true, description: 'The organization requests act in; null when the account belongs to none.' })
  organization: Organization | null;

  @Field(() => OrgRoleEnum, { nullable: true, description: 'The account’s role in the current organization; null for API keys and non-members.' })
  role: OrgRole | null;

  @Field(() => [String], { description: 'Capabilities of that role, e.g. "users.manage".' })
  capabilities: string[];

  @Field(() => [OrganizationMembership], { description: 'Every organization the account belongs to, for switching.' })
  organizations: OrganizationMembership[];
}

@InputType({ description: 'Create an account and a new organization owned by it.' })
export class SignUpInput {
  @Field({ description: 'Email address.' })
  email: string;

  @Field({ description: 'Password, at least 10 characters.' })
  password: string;

  @Field({ description: 'Display name.' })
  name: string;

  @Field({ description: 'Name of the new organization.' })
  organizationName: string;
}

@InputType({ description: 'Create another organization, owned by the signed-in account.' })
export class CreateOrganizationInput {
  @Field({ description: 'Name of the new organization.' })
  name: string;
}

@InputType({ description: 'Sign in with email and password.' })
export class SignInInput {
  @Field({ description: 'Email address.' })
  email: string;

  @Field({ description: 'Password.' })
  password: string;

  @Field(() => ID, { nullable: true, description: 'Organization to act in; defaults to the one joined first.' })
  organizationId?: string | null;
}
