import { RESOURCE_TYPE_REGISTRY, type ResourceType } from '@rolegraph/shared';
import { findResource } from '../access/accessGraph';
import { Scope } from '../policies/apiKeyNeeds';
import { capabilityVerdict, resourceActionVerdict } from '../policies/authorize';
import { definePolicy, type PolicyCaller } from '../policies/policy';
import { ALLOW, type Verdict } from '../policies/verdict';
import { mayManageTeam } from '../teams/teamPolicy';

/**
 * Who may change the catalog and its sharing. Each mutation on resources
 * declares one of these policies on its field and its command enforces the
 * same one; levels and actions come from the evaluator (shared/resourceTypes.ts
 * lists what each action needs). An API key with resources: WRITE acts for the
 * organization: it registers, changes, shares and transfers resources within
 * that scope (it never reads connection credentials).
 */

/** Runs verdicts in order and answers with the first refusal. */
async function firstRefusal(verdicts: readonly (() => Verdict | Promise<Verdict>)[]): Promise<Verdict> {
  for (const next of verdicts) {
    const verdict = await next();
    if (!verdict.allowed) return verdict;
  }
  return ALLOW;
}

function onResource(caller: PolicyCaller, action: string, resourceId: string | null | undefined): Promise<Verdict> {
  return resourceActionVerdict(caller.access, action, resourceId, Scope.resourcesWrite);
}

/** The ids an attribute names: one id, or a list of ids. */
export function idsNamedBy(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The resources a new or changed resource is built on (the registry's
 * `references`, e.g. a schema agent's connection) each need their action
 * (`use` on the connection). Ids of another type are left to the command's
 * input checks.
 */
async function builtOnVerdict(caller: PolicyCaller, type: ResourceType, attributes: Record<string, unknown> | null | undefined): Promise<Verdict> {
  if (!attributes) return ALLOW;
  const graph = await caller.access.graph();
  for (const reference of RESOURCE_TYPE_REGISTRY[type].references) {
    for (const id of idsNamedBy(attributes[reference.attribute])) {
      const target = findResource(graph, id);
      if (target && target.type !== reference.type) continue;
      const verdict = await onResource(caller, reference.action, id);
      if (!verdict.allowed) return verdict;
    }
  }
  return ALLOW;
}

export interface CreateResourceRequest {
  readonly type: ResourceType;
  readonly parentId: string | null;
  readonly attributes: Record<string, unknown> | null;
  readonly ownerId: string | null;
}

export function createResourceRequest(input: {
  type: ResourceType;
  parentId?: string | null;
  attributes?: Record<string, unknown> | null;
  ownerId?: string | null;
}): CreateResourceRequest {
  return { type: input.type, parentId: input.parentId ?? null, attributes: input.attributes ?? null, ownerId: input.ownerId ?? null };
}

export const createResourcePolicy = definePolicy<CreateResourceRequest>({
  name: 'resource.create',
  rule: 'the type’s create capability; a child type also the parent’s creation action (createAssistant on the project); `use`-like actions on what it is built on; naming another owner needs users.manage',
  apiKey: Scope.resourcesWrite,
  decide(caller, input) {
    const definition = RESOURCE_TYPE_REGISTRY[input.type];
    return firstRefusal([
      () => capabilityVerdict(caller.principal, definition.createCapability, Scope.resourcesWrite),
      async () => {
        if (!definition.parentType || !input.parentId) return ALLOW;
        const parent = findResource(await caller.access.graph(), input.parentId);
        if (parent && parent.type !== definition.parentType) return ALLOW; // the command refuses the wrong parent type as bad input
        return onResource(caller, definition.createOnParentAction ?? 'update', input.parentId);
      },
      () => builtOnVerdict(caller, input.type, input.attributes),
      () =>
        caller.principal.kind === 'USER' && input.ownerId && input.ownerId.toLowerCase() !== caller.principal.accountId
          ? capabilityVerdict(caller.principal, 'users.manage')
          : ALLOW,
    ]);
  },
});

/** Which action each field of updateResource needs. */
const UPDATE_ACTIONS = {
  name: 'update',
  description: 'update',
  attributes: 'update',
  status: 'setStatus',
  visibility: 'setVisibility',
  credentials: 'updateCredentials',
} as const;
export type UpdatableField = keyof typeof UPDATE_ACTIONS;

export interface UpdateResourceRequest {
  readonly id: string;
  /** The fields being changed. */
  readonly fields: readonly UpdatableField[];
  readonly attributes: Record<string, unknown> | null;
}

export function updateResourceRequest(input: { id: string } & { [F in UpdatableField]?: unknown }): UpdateResourceRequest {
  const fields = (Object.keys(UPDATE_ACTIONS) as UpdatableField[]).filter((field) => input[field] !== undefined && input[field] !== null);
  const attributes = input.attributes && typeof input.attributes === 'object' ? (input.attributes as Record<string, unknown>) : null;
  return { id: input.id, fields, attributes };
}

export const updateResourcePolicy = definePolicy<UpdateResourceRequest>({
  name: 'resource.update',
  rule: 'each changed field needs its action: name, description, attributes → update; status → setStatus; visibility → setVisibility; credentials → updateCredentials; new attributes also the actions on what it is built on',
  apiKey: Scope.resourcesWrite,
  decide(caller, input) {
    const actions = ['read', ...new Set(input.fields.map((field) => UPDATE_ACTIONS[field]))];
    return firstRefusal([
      ...actions.map((action) => () => onResource(caller, action, input.id)),
      async () => {
        const node = findResource(await caller.access.graph(), input.id);
        return node ? builtOnVerdict(caller, node.type, input.attributes) : ALLOW;
      },
    ]);
  },
});

export const deleteResourcePolicy = definePolicy<{ id: string }>({
  name: 'resource.delete',
  rule: 'action delete (Admin on the resource)',
  apiKey: Scope.resourcesWrite,
  decide: (caller, input) => onResource(caller, 'delete', input.id),
});

export const grantAccessPolicy = definePolicy<{ resourceId: string }>({
  name: 'resource.grantAccess',
  rule: 'action manageAccess (Admin on the resource and assets.share)',
  apiKey: Scope.resourcesWrite,
  decide: (caller, input) => onResource(caller, 'manageAccess', input.resourceId),
});

export interface RevokeGrantRequest {
  readonly resourceId: string;
  readonly userId: string | null;
  readonly teamId: string | null;
}

export function revokeGrantRequest(input: { resourceId: string; subject: { userId?: string | null; teamId?: string | null } }): RevokeGrantRequest {
  return { resourceId: input.resourceId, userId: input.subject.userId ?? null, teamId: input.subject.teamId ?? null };
}

export const revokeGrantPolicy = definePolicy<RevokeGrantRequest>({
  name: 'resource.revokeGrant',
  rule: 'action manageAccess on the resource; a team’s grant also by that team’s admins',
  apiKey: Scope.resourcesWrite,
  async decide(caller, input) {
    const manage = await onResource(caller, 'manageAccess', input.resourceId);
    if (manage.allowed || !input.teamId || input.userId) return manage;
    if (!findResource(await caller.access.graph(), input.resourceId)) return manage;
    return (await mayManageTeamOf(caller, input.teamId)).allowed ? ALLOW : manage;
  },
});

async function mayManageTeamOf(caller: PolicyCaller, teamId: string): Promise<Verdict> {
  return mayManageTeam(await caller.access.graph(), caller.actor, teamId);
}

export const transferOwnershipPolicy = definePolicy<{ resourceId: string }>({
  name: 'resource.transferOwnership',
  rule: 'action transferOwnership: the resource’s owner, any org owner, or users.manage for a resource whose owner has left',
  apiKey: Scope.resourcesWrite,
  decide: (caller, input) => onResource(caller, 'transferOwnership', input.resourceId),
});
