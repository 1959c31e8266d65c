import { Field, ID, InputType, InterfaceType, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { type AssistantStatus, type AssistantVisibility, type GrantLevel, type ResourceType } from '@rolegraph/shared';
import { AssistantStatusEnum, AssistantVisibilityEnum, GrantLevelEnum, ResourceTypeEnum } from '../graphql/enums';
import { ConnectionType } from '../graphql/pagination';
import type { ResourceEntity } from './resource.entity';

/**
 * What every resource type shares. The concrete GraphQL type is
 * chosen by `type`; per-type fields live on the implementations. A resource
 * is presented from the evaluator's snapshot (id, type, name, owner, parent,
 * status, visibility); the rest of its row (description, attributes, times)
 * is read only when asked for, batched per request (ResourceResolver).
 */
@InterfaceType({
  description: 'A protected resource of the catalog: project, assistant, corpus, connection, schema agent or semantic model.',
  resolveType: (value: { type: ResourceType }) => GRAPHQL_TYPE_NAME[value.type],
})
export abstract class Resource {
  @Field(() => ID, { description: 'Resource id.' })
  id: string;

  @Field(() => ResourceTypeEnum, { description: 'Resource type.' })
  type: ResourceType;

  @Field({ description: 'Name.' })
  name: string;

  ownerId: string;
  parentId: string | null;
  status: AssistantStatus | null;
  visibility: AssistantVisibility | null;
  /** The database row, when already at hand (after a mutation). */
  row?: ResourceEntity;
}

@ObjectType({ implements: Resource, description: 'A project: contains assistants; access to it reaches its live assistants.' })
export class Project extends Resource {}

@ObjectType({ implements: Resource, description: 'An assistant inside a project.' })
export class Assistant extends Resource {
  @Field(() => AssistantStatusEnum, { description: 'DRAFT (only its owner and org owners see it) or LIVE.' })
  override status: AssistantStatus;

  @Field(() => AssistantVisibilityEnum, { description: 'PRIVATE, or PUBLIC: while LIVE, everyone may read and chat, without sign-in.' })
  override visibility: AssistantVisibility;
}

@ObjectType({ implements: Resource, description: 'A knowledge corpus; assistants may use corpora.' })
export class Corpus extends Resource {}

@ObjectType({ implements: Resource, description: 'A data connection; its credentials are readable only by its admins.' })
export class Connection extends Resource {}

@ObjectType({ implements: Resource, description: 'A schema agent, built on one connection; it has an ERD.' })
export class SchemaAgent extends Resource {}

@ObjectType({ implements: Resource, description: 'A semantic model, built on one schema agent.' })
export class SemanticModel extends Resource {}

export const GRAPHQL_TYPE_NAME: Record<ResourceType, string> = {
  PROJECT: 'Project',
  ASSISTANT: 'Assistant',
  CORPUS: 'Corpus',
  CONNECTION: 'Connection',
  SCHEMA_AGENT: 'SchemaAgent',
  SEMANTIC_MODEL: 'SemanticModel',
};

/** The GraphQL class of each type (graphql-js needs instances of the implementing class for an interface). */
export const CLASS_OF: Record<ResourceType, new () => Resource> = {
  PROJECT: Project,
  ASSISTANT: Assistant,
  CORPUS: Corpus,
  CONNECTION: Connection,
  SCHEMA_AGENT: SchemaAgent,
  SEMANTIC_MODEL: SemanticModel,
};

export const ResourceConnection = ConnectionType(Resource, 'Resource', 'A page of resources, by name.');
export type ResourceConnection = InstanceType<typeof ResourceConnection>;

@ObjectType({ description: 'Who owns a resource. A former member keeps ownership (shown as such) until it is transferred.' })
export class ResourceOwner {
  @Field(() => ID, { description: 'Account id.' })
  id: string;

  @Field({ description: 'Display name.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Email. Null, with an error, for an API key without directory: READ.' })
  email: string;

  @Field({ description: 'Whether they are still a member of the organization.' })
  isMember: boolean;
}

@ObjectType({ description: 'A grant: a level on one resource for one member or one team.' })
export class Grant {
  @Field(() => ID, { description: 'Grant id.' })
  id: string;

  @Field(() => GrantLevelEnum, { description: 'The level given.' })
  level: GrantLevel;

  @Field({ description: 'When it was first given.' })
  createdAt: Date;

  @Field({ description: 'When its level last changed.' })
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it ends (null: no end). From that instant it gives nothing, and it is then removed.' })
  expiresAt: Date | null;

  resourceId: string;
  userId: string | null;
  teamId: string | null;
  grantedById: string | null;
}

@InputType({ description: 'Who a grant is for: exactly one of userId and teamId.' })
export class GrantSubjectInput {
  @Field(() => ID, { nullable: true, description: 'A member of the organization.' })
  userId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A team of the organization.' })
  teamId?: string | null;
}

@InputType({ description: 'Register a resource in the catalog.' })
export class CreateResourceInput {
  @Field(() => ResourceTypeEnum, { description: 'Type.' })
  type: ResourceType;

  @Field({ description: 'Name.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'Parent resource (the project, for an assistant).' })
  parentId?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Type-specific attributes: SCHEMA_AGENT needs { connectionId }, SEMANTIC_MODEL needs { schemaAgentId }; ASSISTANT may list { corpusIds }.',
  })
  attributes?: Record<string, unknown> | null;

  @Field(() => AssistantStatusEnum, { nullable: true, description: 'Assistants: DRAFT (default) or LIVE.' })
  status?: AssistantStatus | null;

  @Field(() => AssistantVisibilityEnum, { nullable: true, description: 'Assistants: PRIVATE (default) or PUBLIC.' })
  visibility?: AssistantVisibility | null;

  @Field(() => String, { nullable: true, description: 'Connections: the secret credentials (write-only here; read back only with readCredentials).' })
  credentials?: string | null;

  @Field(() => ID, { nullable: true, description: 'Owner; defaults to the caller. Required for API keys (a member of the organization).' })
  ownerId?: string | null;
}

@InputType({ description: 'Change a resource; each change needs its own action (update, setStatus, setVisibility, updateCredentials).' })
export class UpdateResourceInput {
  @Field(() => ID, { description: 'Resource id.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'New attributes (replaces them).' })
  attributes?: Record<string, unknown> | null;

  @Field(() => AssistantStatusEnum, { nullable: true, description: 'Assistants: new status.' })
  status?: AssistantStatus | null;

  @Field(() => AssistantVisibilityEnum, { nullable: true, description: 'Assistants: new visibility.' })
  visibility?: AssistantVisibility | null;

  @Field(() => String, { nullable: true, description: 'Connections: new credentials.' })
  credentials?: string | null;
}

@InputType({ description: 'Give a member or a team a level on a resource; granting again changes the level.' })
export class GrantAccessInput {
  @Field(() => ID, { description: 'Resource id.' })
  resourceId: string;

  @Field(() => GrantSubjectInput, { description: 'Who receives it.' })
  subject: GrantSubjectInput;

  @Field(() => GrantLevelEnum, { description: 'The level; must be grantable on the type.' })
  level: GrantLevel;

  @Field(() => Date, {
    nullable: true,
    description: 'When the grant ends, in the future (at most ten years ahead); omitted or null: no end. Granting again sets both the level and the end.',
  })
  expiresAt?: Date | null;
}

@InputType({ description: 'Remove a member’s or a team’s grant on a resource.' })
export class RevokeAccessInput {
  @Field(() => ID, { description: 'Resource id.' })
  resourceId: string;

  @Field(() => GrantSubjectInput, { description: 'Whose grant.' })
  subject: GrantSubjectInput;
}

@InputType({ description: 'Give a resource to another member.' })
export class TransferOwnershipInput {
  @Field(() => ID, { description: 'Resource id.' })
  resourceId: string;

  @Field(() => ID, { description: 'The new owner, a member of the organization.' })
  toUserId: string;

  @Field({ defaultValue: true, description: 'Whether the previous owner keeps an ADMIN grant (default true).' })
  keepAccess: boolean;
}
