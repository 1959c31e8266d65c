import type { AccessLevel, GrantLevel } from './accessLevels';
import type { Capability } from './capabilities';

/** The catalog's resource types. */
export const RESOURCE_TYPES = ['PROJECT', 'ASSISTANT', 'CORPUS', 'CONNECTION', 'SCHEMA_AGENT', 'SEMANTIC_MODEL'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** What an action on a resource requires: a minimum level, and where named an org capability. */
export interface ActionRequirement {
  readonly minLevel: AccessLevel;
  readonly capability?: Capability;
  /** Also allowed to every org owner, whatever their level on the resource. */
  readonly orgOwners?: true;
  /**
   * Also allowed to holders of this capability when the resource's owner is
   * no longer a member of the organization (rescuing a former member's
   * assets), whatever their level on it.
   */
  readonly formerMembersAssets?: Capability;
}

/**
 * A resource another one is built on, named in its attributes (a schema agent is built on one connection, a semantic model on one schema
 * agent; assistants may use corpora). Creating one needs `action` on each
 * referenced resource.
 */
export interface ResourceReference {
  readonly attribute: string;
  readonly type: ResourceType;
  readonly action: string;
  readonly required: boolean;
  /** The attribute holds a list of ids rather than one. */
  readonly many: boolean;
}

export interface ResourceTypeDefinition {
  readonly type: ResourceType;
  readonly label: string;
  readonly pluralLabel: string;
  /** The type of this resource's parent, or null for top-level resources. */
  readonly parentType: ResourceType | null;
  /** Whether a parent is required when creating one. */
  readonly parentRequired: boolean;
  readonly grantableLevels: readonly GrantLevel[];
  /** The level the share dialog proposes. */
  readonly defaultShareLevel: GrantLevel;
  /** The org capability needed to create one. */
  readonly createCapability: Capability;
  /** For child types: the action needed on the parent to create one there. */
  readonly createOnParentAction: string | null;
  /** Resources this type is built on. */
  readonly references: readonly ResourceReference[];
  /** Every action on this type and what it requires. */
  readonly actions: Readonly<Record<string, ActionRequirement>>;
}

const SHARE: ActionRequirement = { minLevel: 'ADMIN', capability: 'assets.share' };
/**
 * Giving a resource to another member: its owner; any org owner; and those who
 * manage members, but only for a resource whose owner has left. An admin can
 * never take, or give away, a current member's asset.
 */
const TRANSFER: ActionRequirement = { minLevel: 'OWNER', orgOwners: true, formerMembersAssets: 'users.manage' };

function definition(d: ResourceTypeDefinition): ResourceTypeDefinition {
  return d;
}

/**
 * The resource type registry. Adding a type is a row here plus its GraphQL
 * object type; the evaluator reads levels and actions from this table.
 */
export const RESOURCE_TYPE_REGISTRY: Readonly<Record<ResourceType, ResourceTypeDefinition>> = {
  PROJECT: definition({
    type: 'PROJECT',
    label: 'Project',
    pluralLabel: 'Projects',
    parentType: null,
    parentRequired: false,
    grantableLevels: ['MEMBER', 'ADMIN'],
    defaultShareLevel: 'MEMBER',
    createCapability: 'projects.create',
    createOnParentAction: null,
    references: [],
    actions: {
      read: { minLevel: 'MEMBER' },
      createAssistant: { minLevel: 'MEMBER', capability: 'assistants.create' },
      update: { minLevel: 'ADMIN' },
      delete: { minLevel: 'ADMIN' },
      manageAccess: SHARE,
      transferOwnership: TRANSFER,
    },
  }),
  ASSISTANT: definition({
    type: 'ASSISTANT',
    label: 'Assistant',
    pluralLabel: 'Assistants',
    parentType: 'PROJECT',
    parentRequired: true,
    grantableLevels: ['MEMBER', 'ADMIN'],
    defaultShareLevel: 'MEMBER',
    createCapability: 'assistants.create',
    createOnParentAction: 'createAssistant',
    references: [{ attribute: 'corpusIds', type: 'CORPUS', action: 'read', required: false, many: true }],
    actions: {
      read: { minLevel: 'MEMBER' },
      chat: { minLevel: 'MEMBER' },
      update: { minLevel: 'ADMIN' },
      delete: { minLevel: 'ADMIN' },
      manageAccess: SHARE,
      setStatus: { minLevel: 'ADMIN' },
      setVisibility: { minLevel: 'ADMIN' },
      transferOwnership: TRANSFER,
    },
  }),
  CORPUS: definition({
    type: 'CORPUS',
    label: 'Corpus',
    pluralLabel: 'Corpora',
    parentType: null,
    parentRequired: false,
    grantableLevels: ['VIEWER', 'EDITOR', 'ADMIN'],
    defaultShareLevel: 'VIEWER',
    createCapability: 'corpora.create',
    createOnParentAction: null,
    references: [],
    actions: {
      read: { minLevel: 'VIEWER' },
      editDocuments: { minLevel: 'EDITOR' },
      reindex: { minLevel: 'EDITOR' },
      update: { minLevel: 'ADMIN' },
      delete: { minLevel: 'ADMIN' },
      manageAccess: SHARE,
      transferOwnership: TRANSFER,
    },
  }),
  CONNECTION: definition({
    type: 'CONNECTION',
    label: 'Connection',
    pluralLabel: 'Connections',
    parentType: null,
    parentRequired: false,
    grantableLevels: ['MEMBER', 'ADMIN'],
    defaultShareLevel: 'MEMBER',
    createCapability: 'connections.create',
    createOnParentAction: null,
    references: [],
    actions: {
      read: { minLevel: 'MEMBER' },
      use: { minLevel: 'MEMBER', capability: 'connections.use' },
      readCredentials: { minLevel: 'ADMIN' },
      updateCredentials: { minLevel: 'ADMIN' },
      update: { minLevel: 'ADMIN' },
      delete: { minLevel: 'ADMIN' },
      manageAccess: SHARE,
      transferOwnership: TRANSFER,
    },
  }),
  SCHEMA_AGENT: definition({
    type: 'SCHEMA_AGENT',
    label: 'Schema agent',
    pluralLabel: 'Schema agents',
    parentType: null,
    parentRequired: false,
    grantableLevels: ['MEMBER', 'EDITOR', 'ADMIN'],
    defaultShareLevel: 'MEMBER',
    createCapability: 'schemaAgents.use',
    createOnParentAction: null,
    references: [{ attribute: 'connectionId', type: 'CONNECTION', action: 'use', required: true, many: false }],
    actions: {
      read: { minLevel: 'MEMBER' },
      viewErd: { minLevel: 'MEMBER' },
      useErd: { minLevel: 'MEMBER' },
      run: { minLevel: 'EDITOR', capability: 'schemaAgents.use' },
      update: { minLevel: 'ADMIN' },
      delete: { minLevel: 'ADMIN' },
      manageAccess: SHARE,
      transferOwnership: TRANSFER,
    },
  }),
  SEMANTIC_MODEL: definition({
    type: 'SEMANTIC_MODEL',
    label: 'Semantic model',
    pluralLabel: 'Semantic models',
    parentType: null,
    parentRequired: false,
    grantableLevels: ['VIEWER', 'EDITOR', 'ADMIN'],
    defaultShareLevel: 'EDITOR',
    createCapability: 'semanticModels.use',
    createOnParentAction: null,
    references: [{ attribute: 'schemaAgentId', type: 'SCHEMA_AGENT', action: 'useErd', required: true, many: false }],
    actions: {
      read: { minLevel: 'VIEWER' },
      reviewArtifacts: { minLevel: 'VIEWER' },
      downloadArtifacts: { minLevel: 'VIEWER' },
      participateInterview: { minLevel: 'EDITOR' },
      runDbt: { minLevel: 'EDITOR' },
      publish: { minLevel: 'EDITOR', capability: 'publish' },
      update: { minLevel: 'ADMIN' },
      delete: { minLevel: 'ADMIN' },
      manageAccess: SHARE,
      transferOwnership: TRANSFER,
    },
  }),
};

export function isResourceType(value: string): value is ResourceType {
  return (RESOURCE_TYPES as readonly string[]).includes(value);
}

/** The requirement of an action on a type, or undefined when the type has no such action. */
export function actionRequirement(type: ResourceType, action: string): ActionRequirement | undefined {
  return Object.prototype.hasOwnProperty.call(RESOURCE_TYPE_REGISTRY[type].actions, action) ? RESOURCE_TYPE_REGISTRY[type].actions[action] : undefined;
}

/** The type's label with its article, lower-cased: "an assistant", "a schema agent". */
export function aResourceLabel(type: ResourceType): string {
  const label = RESOURCE_TYPE_REGISTRY[type].label.toLowerCase();
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}

export const ASSISTANT_STATUSES = ['DRAFT', 'LIVE'] as const;
export type AssistantStatus = (typeof ASSISTANT_STATUSES)[number];
export const ASSISTANT_VISIBILITIES = ['PRIVATE', 'PUBLIC'] as const;
export type AssistantVisibility = (typeof ASSISTANT_VISIBILITIES)[number];
