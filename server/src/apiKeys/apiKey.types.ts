import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { ApiScopeAccess } from '@rolegraph/shared';
import { ApiScopeAccessEnum } from '../graphql/enums';

@ObjectType({ description: 'What an API key may do in each area.' })
export class ApiKeyScopesType {
  @Field(() => ApiScopeAccessEnum, { description: 'Members and teams.' })
  directory: ApiScopeAccess;

  @Field(() => ApiScopeAccessEnum, { description: 'Catalog and grants.' })
  resources: ApiScopeAccess;

  @Field(() => ApiScopeAccessEnum, { description: 'Checks and explanations for any member (READ is the most there is).' })
  permissions: ApiScopeAccess;

  @Field(() => ApiScopeAccessEnum, { description: 'The audit log (READ is the most there is).' })
  audit: ApiScopeAccess;

  @Field(() => ApiScopeAccessEnum, { description: 'SCIM provisioning at /scim/v2 (NONE or WRITE).' })
  provisioning: ApiScopeAccess;
}

@InputType({ description: 'Scopes for a new API key; areas left out get NONE.' })
export class ApiKeyScopesInput {
  @Field(() => ApiScopeAccessEnum, { defaultValue: 'NONE', description: 'Members and teams.' })
  directory: ApiScopeAccess;

  @Field(() => ApiScopeAccessEnum, { defaultValue: 'NONE', description: 'Catalog and grants.' })
  resources: ApiScopeAccess;

  @Field(() => ApiScopeAccessEnum, { defaultValue: 'NONE', description: 'Checks and explanations (NONE or READ).' })
  permissions: ApiScopeAccess;

  @Field(() => ApiScopeAccessEnum, { defaultValue: 'NONE', description: 'The audit log (NONE or READ).' })
  audit: ApiScopeAccess;

  @Field(() => ApiScopeAccessEnum, {
    defaultValue: 'NONE',
    description: 'SCIM provisioning at /scim/v2 (NONE or WRITE): create, change and deprovision members and map groups to teams. Not in the All preset.',
  })
  provisioning: ApiScopeAccess;
}

@ObjectType({ description: 'An API key of the organization. Its secret is never shown again after creation.' })
export class ApiKey {
  @Field(() => ID, { description: 'API key id.' })
  id: string;

  @Field({ description: 'Name given at creation.' })
  name: string;

  @Field({ description: 'The secret’s first characters, to recognise the key.' })
  prefix: string;

  @Field(() => ApiKeyScopesType, { description: 'What the key may do.' })
  scopes: ApiKeyScopesType;

  @Field({ description: 'When it was created.' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was last used (to the minute).' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; revoked keys are refused.' })
  revokedAt: Date | null;
}

@ObjectType({ description: 'A new API key and its secret, shown only in this response.' })
export class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The key.' })
  apiKey: ApiKey;

  @Field({ description: 'The secret: send it as `Authorization: Bearer <secret>`. Store it now; it cannot be shown again.' })
  secret: string;
}

@InputType({ description: 'Create an API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'A name saying what uses the key.' })
  name: string;

  @Field(() => ApiKeyScopesInput, { description: 'Scopes per area.' })
  scopes: ApiKeyScopesInput;
}
