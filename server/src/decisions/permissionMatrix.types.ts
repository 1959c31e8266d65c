import { Field, ObjectType } from 'type-graphql';
import type { AccessLevel, ApiScopeAccess, GrantLevel, OrgRole, ResourceType } from '@rolegraph/shared';
import { AccessLevelEnum, ApiScopeAccessEnum, GrantLevelEnum, OrgRoleEnum, ResourceTypeEnum } from '../graphql/enums';
import { ApiKeyScopesType } from '../apiKeys/apiKey.types';

@ObjectType({ description: 'An org role as the matrix shows it.' })
export class RoleDescription {
  @Field(() => OrgRoleEnum, { description: 'The role.' })
  role: OrgRole;

  @Field({ description: 'Display name.' })
  name: string;

  @Field({ description: 'Name on the seed pages (Global Admin, Application Admin, User).' })
  seedName: string;

  @Field({ description: 'What the role is for.' })
  summary: string;
}

@ObjectType({ description: 'One row of the permission matrix: a capability and the roles that hold it.' })
export class CapabilityRow {
  @Field({ description: 'Capability id, e.g. "users.manage"; usable as `action` in checkPermission without a resource.' })
  id: string;

  @Field({ description: 'Display name.' })
  label: string;

  @Field({ description: 'What it covers.' })
  covers: string;

  @Field(() => [OrgRoleEnum], { description: 'Roles that hold it.' })
  roles: OrgRole[];
}

@ObjectType({ description: 'An action on a resource type and what it requires.' })
export class ActionRequirementRow {
  @Field({ description: 'Action name, e.g. "chat".' })
  action: string;

  @Field(() => AccessLevelEnum, { description: 'Lowest level that allows it.' })
  minLevel: AccessLevel;

  @Field(() => String, { nullable: true, description: 'Org capability also needed, if any.' })
  capability: string | null;

  @Field({ description: 'Whether every org owner may also do it, whatever their level (transferOwnership).' })
  orgOwners: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'A capability whose holders may also do it on a resource whose owner has left the organization (transferOwnership: users.manage).',
  })
  formerMembersAssets: string | null;
}

@ObjectType({ description: 'A resource type of the registry.' })
export class ResourceTypeRow {
  @Field(() => ResourceTypeEnum, { description: 'The type.' })
  type: ResourceType;

  @Field({ description: 'Display name.' })
  label: string;

  @Field(() => ResourceTypeEnum, { nullable: true, description: 'Type of its parent, if it has one.' })
  parentType: ResourceType | null;

  @Field(() => [GrantLevelEnum], { description: 'Levels a grant may give on it.' })
  grantableLevels: GrantLevel[];

  @Field(() => GrantLevelEnum, { description: 'Level the share dialog proposes.' })
  defaultShareLevel: GrantLevel;

  @Field({ description: 'Capability needed to create one.' })
  createCapability: string;

  @Field(() => [ActionRequirementRow], { description: 'Its actions.' })
  actions: ActionRequirementRow[];
}

@ObjectType({ description: 'An API key scope area.' })
export class ApiScopeAreaRow {
  @Field({ description: 'Area id: directory, resources, permissions or audit.' })
  id: string;

  @Field({ description: 'Display name.' })
  label: string;

  @Field({ description: 'What it covers.' })
  covers: string;

  @Field(() => [ApiScopeAccessEnum], { description: 'Accesses that make sense for this area.' })
  accesses: ApiScopeAccess[];
}

@ObjectType({ description: 'A named set of API key scopes.' })
export class ApiKeyPreset {
  @Field({ description: 'Preset id.' })
  id: string;

  @Field({ description: 'Display name: All, Read only, Restricted.' })
  label: string;

  @Field(() => ApiKeyScopesType, { description: 'The scopes.' })
  scopes: ApiKeyScopesType;
}

@ObjectType({ description: 'Roles × capabilities, levels and the resource type registry: the tables the server enforces.' })
export class PermissionMatrix {
  @Field(() => [RoleDescription], { description: 'Org roles, strongest first.' })
  roles: RoleDescription[];

  @Field(() => [CapabilityRow], { description: 'Capabilities and the roles holding them.' })
  capabilities: CapabilityRow[];

  @Field(() => [AccessLevelEnum], { description: 'Resource levels, weakest first.' })
  levels: AccessLevel[];

  @Field(() => [ResourceTypeRow], { description: 'Resource types and their actions.' })
  resourceTypes: ResourceTypeRow[];

  @Field(() => [ApiScopeAreaRow], { description: 'API key scope areas.' })
  apiScopeAreas: ApiScopeAreaRow[];

  @Field(() => [ApiKeyPreset], { description: 'API key scope presets.' })
  apiKeyPresets: ApiKeyPreset[];
}
