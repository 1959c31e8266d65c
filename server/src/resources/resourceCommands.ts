import { randomUUID } from 'node:crypto';
import { aResourceLabel, RESOURCE_TYPE_REGISTRY, TEXT_LIMITS, type AssistantStatus, type AssistantVisibility, type ResourceType } from '@rolegraph/shared';
import { execute, type CommandContext } from '../commands/commandContext';
import type { CommandScope } from '../commands/commandScope';
import { optionalLines, requiredLine } from '../commands/textInput';
import { BadUserInputError, NotFoundError } from '../errors';
import { assertId } from '../ids';
import { findResource, type ResourceNode } from '../access/accessGraph';
import { GraphOverlay } from '../access/graphOverlay';
import { overlayChange, resourceAndDescendants } from '../access/plannedChange';
import { readersOf } from '../access/userLevels';
import { checkPolicy } from '../policies/policy';
import { enforce } from '../policies/verdict';
import { createResourcePolicy, createResourceRequest, deleteResourcePolicy, updateResourcePolicy, updateResourceRequest } from './resourcePolicy';
import { findMembership } from '../directory/membershipStore';
import { ResourceEntity } from './resource.entity';
import { publishTeamChanged } from '../teams/teamEvents';
import { toJsonObject, type JsonObject } from '../db/json';
import { CONNECTION_CREDENTIALS, sealStoredSecret } from '../secrets/storedSecrets';

const MAX_ATTRIBUTES_BYTES = 16 * 1024;
const MAX_CREDENTIALS = 10_000;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function assertName(raw: string): string {
  return requiredLine(raw, { field: 'name', what: 'a name', max: TEXT_LIMITS.resourceName });
}

function assertDescription(raw: string | null | undefined): string {
  return optionalLines(raw, { field: 'description', what: 'a description', max: TEXT_LIMITS.resourceDescription });
}

function assertAttributes(raw: Record<string, unknown> | null | undefined): JsonObject {
  const attributes = toJsonObject(raw ?? {}, 'attributes');
  if (Buffer.byteLength(JSON.stringify(attributes)) > MAX_ATTRIBUTES_BYTES) {
    throw new BadUserInputError(`Attributes are limited to ${MAX_ATTRIBUTES_BYTES / 1024} KB of JSON.`, 'attributes');
  }
  return attributes;
}

function assertCredentials(raw: string): string {
  if (raw.length > MAX_CREDENTIALS) throw new BadUserInputError(`Credentials are limited to ${MAX_CREDENTIALS} characters.`, 'credentials');
  return raw;
}

/** Assistants alone have status and visibility; connections alone have credentials. */
function assertTypeFields(type: ResourceType, input: { status?: unknown; visibility?: unknown; credentials?: unknown }): void {
  const label = RESOURCE_TYPE_REGISTRY[type].pluralLabel.toLowerCase();
  if (type !== 'ASSISTANT' && (input.status != null || input.visibility != null)) {
    throw new BadUserInputError(`Only assistants have a status and a visibility; ${label} do not.`, input.status != null ? 'status' : 'visibility');
  }
  if (type !== 'CONNECTION' && input.credentials != null) {
    throw new BadUserInputError(`Only connections have credentials; ${label} do not.`, 'credentials');
  }
}

/**
 * Checks the ids a resource is built on (registry `references`) as input:
 * present when required, ids of the right type; and writes each as the
 * resource's own id (an id is matched whatever its case, and stored as
 * integrators will read and compare it). Whether the caller may use them is
 * the policy's question (resourcePolicy.ts).
 */
async function checkReferences(ctx: CommandContext, type: ResourceType, attributes: Record<string, unknown>): Promise<void> {
  const graph = await ctx.access.graph();
  for (const reference of RESOURCE_TYPE_REGISTRY[type].references) {
    const value = attributes[reference.attribute];
    const field = `attributes.${reference.attribute}`;
    if (value === undefined || value === null) {
      if (reference.required)
        throw new BadUserInputError(`Name the ${RESOURCE_TYPE_REGISTRY[reference.type].label.toLowerCase()} it is built on in ${field}.`, field);
      continue;
    }
    const ids = reference.many ? value : [value];
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      throw new BadUserInputError(`${field} must be ${reference.many ? 'a list of ids' : 'an id'}.`, field);
    }
    const canonical = (ids as string[]).map((id) => {
      const target = findResource(graph, id);
      if (!target) throw new NotFoundError(RESOURCE_TYPE_REGISTRY[reference.type].label.toLowerCase(), id);
      if (target.type !== reference.type) throw new BadUserInputError(`${field}: ${id} is not ${aResourceLabel(reference.type)}.`, field);
      return target.id;
    });
    attributes[reference.attribute] = reference.many ? canonical : canonical[0];
  }
}

/** The owner of a new resource: the caller, or — for API keys and holders of users.manage (see the policy) — a named member. */
async function resolveOwner(ctx: CommandContext, ownerId: string | null | undefined): Promise<string> {
  const caller = ctx.principal.kind === 'USER' ? ctx.principal.accountId : null;
  if (!ownerId || ownerId.toLowerCase() === caller) {
    if (caller) return caller;
    throw new BadUserInputError('An API key registers resources on behalf of a member: give ownerId.', 'ownerId');
  }
  const membership = await findMembership(ctx.app.dataSource.manager, ctx.organizationId, assertId(ownerId, 'member'));
  if (!membership) throw new NotFoundError('member', ownerId);
  return membership.accountId;
}

export interface CreateResourceCommand {
  readonly type: ResourceType;
  readonly name: string;
  readonly description?: string | null;
  readonly parentId?: string | null;
  readonly attributes?: Record<string, unknown> | null;
  readonly status?: AssistantStatus | null;
  readonly visibility?: AssistantVisibility | null;
  readonly credentials?: string | null;
  readonly ownerId?: string | null;
}

/**
 * createResource: who may is `createResourcePolicy` (the type's create
 * capability, the parent's creation action, the actions on what it is built
 * on). New assistants start DRAFT and PRIVATE unless told otherwise.
 */
export async function createResource(ctx: CommandContext, input: CreateResourceCommand): Promise<ResourceEntity> {
  const definition = RESOURCE_TYPE_REGISTRY[input.type];
  const name = assertName(input.name);
  const description = assertDescription(input.description);
  const attributes = assertAttributes(input.attributes);
  assertTypeFields(input.type, input);
  enforce(await checkPolicy(ctx.access, createResourcePolicy, createResourceRequest(input)));

  let parent: ResourceNode | undefined;
  if (definition.parentType) {
    if (!input.parentId) {
      if (definition.parentRequired) {
        throw new BadUserInputError(
          `${capitalize(aResourceLabel(input.type))} belongs to ${aResourceLabel(definition.parentType)}: give parentId.`,
          'parentId',
        );
      }
    } else {
      parent = findResource(await ctx.access.graph(), input.parentId);
      if (!parent) throw new NotFoundError('resource', input.parentId);
      if (parent.type !== definition.parentType) {
        throw new BadUserInputError(`The parent of ${aResourceLabel(input.type)} must be ${aResourceLabel(definition.parentType)}.`, 'parentId');
      }
    }
  } else if (input.parentId) {
    throw new BadUserInputError(`${definition.pluralLabel} have no parent.`, 'parentId');
  }
  await checkReferences(ctx, input.type, attributes);
  const ownerId = await resolveOwner(ctx, input.ownerId);
  const isAssistant = input.type === 'ASSISTANT';
  const status: AssistantStatus | null = isAssistant ? (input.status ?? 'DRAFT') : null;
  const visibility: AssistantVisibility | null = isAssistant ? (input.visibility ?? 'PRIVATE') : null;

  const id = randomUUID();
  const credentials = input.type === 'CONNECTION' && input.credentials != null ? assertCredentials(input.credentials) : null;
  const created = new GraphOverlay(await ctx.access.graph());
  created.setResource({ id, type: input.type, parentId: parent?.id ?? null, ownerId, status, visibility, name, sortName: name.toLowerCase() });
  const readers = readersOf([created], [id]);

  return execute(ctx, async (scope) => {
    const entity = scope.tx.create(ResourceEntity, {
      id,
      organizationId: ctx.organizationId,
      type: input.type,
      parentId: parent?.id ?? null,
      ownerId,
      name,
      description,
      attributes,
      status,
      visibility,
      credentials: credentials === null ? null : sealStoredSecret(ctx.app.secrets, CONNECTION_CREDENTIALS, id, credentials),
      createdBy: ctx.actor.type === 'USER' ? ctx.actor.id : null,
    });
    await scope.tx.insert(ResourceEntity, entity);
    await scope.audit({
      action: 'resource.created',
      target: { type: input.type, id: entity.id, label: name },
      after: {
        type: input.type,
        name,
        description,
        parentId: entity.parentId,
        ownerId,
        attributes,
        status,
        visibility,
        hasCredentials: entity.credentials !== null,
      },
    });
    publishToReaders(scope, ctx, readers, 'RESOURCE_CREATED');
    return scope.tx.findOneByOrFail(ResourceEntity, { id: entity.id });
  });
}

export interface UpdateResourceCommand {
  readonly id: string;
  readonly name?: string | null;
  readonly description?: string | null;
  readonly attributes?: Record<string, unknown> | null;
  readonly status?: AssistantStatus | null;
  readonly visibility?: AssistantVisibility | null;
  readonly credentials?: string | null;
}

/**
 * updateResource: each requested change needs its own action
 * (`updateResourcePolicy`), all checked before anything is written.
 */
export async function updateResource(ctx: CommandContext, input: UpdateResourceCommand): Promise<ResourceEntity> {
  enforce(await checkPolicy(ctx.access, updateResourcePolicy, updateResourceRequest(input)));
  const graph = await ctx.access.graph();
  const node = findResource(graph, input.id)!;
  assertTypeFields(node.type, input);
  const changes: Partial<ResourceEntity> = {};
  if (input.name != null) changes.name = assertName(input.name);
  if (input.description != null) changes.description = assertDescription(input.description);
  if (input.attributes != null) changes.attributes = assertAttributes(input.attributes);
  if (input.status != null) changes.status = input.status;
  if (input.visibility != null) changes.visibility = input.visibility;
  if (input.credentials != null) changes.credentials = sealStoredSecret(ctx.app.secrets, CONNECTION_CREDENTIALS, node.id, assertCredentials(input.credentials));
  if (Object.keys(changes).length === 0) throw new BadUserInputError('Nothing to change: give at least one field.', 'id');
  if (changes.attributes !== undefined) await checkReferences(ctx, node.type, changes.attributes);
  const statusChanged = changes.status !== undefined || changes.visibility !== undefined;
  const readers = statusChanged
    ? readersOf(
        [graph, overlayChange(graph, { kind: 'SET_STATUS', resourceId: node.id, status: changes.status ?? null, visibility: changes.visibility ?? null })],
        [node.id],
      )
    : null;

  return execute(ctx, async (scope) => {
    const before = await scope.tx.findOneBy(ResourceEntity, { id: node.id, organizationId: ctx.organizationId });
    if (!before) throw new NotFoundError('resource', node.id);
    await scope.tx.update(ResourceEntity, { id: node.id }, changes);
    const { credentials, ...visible } = changes;
    const beforeVisible = Object.fromEntries(Object.keys(visible).map((k) => [k, before[k as keyof ResourceEntity]]));
    await scope.audit({
      action: 'resource.updated',
      target: { type: node.type, id: node.id, label: changes.name ?? before.name },
      before: beforeVisible,
      after: { ...visible, ...(credentials !== undefined ? { credentialsChanged: true } : {}) },
    });
    if (readers) {
      publishToReaders(scope, ctx, readers, 'RESOURCE_STATUS_CHANGED');
      scope.publish({ type: 'resourceAccessChanged', organizationId: ctx.organizationId, resourceIds: [node.id] });
    }
    return scope.tx.findOneByOrFail(ResourceEntity, { id: node.id });
  });
}

/** deleteResource (`deleteResourcePolicy`): its children (a project's assistants) and every grant go with it. */
export async function deleteResource(ctx: CommandContext, id: string): Promise<void> {
  enforce(await checkPolicy(ctx.access, deleteResourcePolicy, { id }));
  const graph = await ctx.access.graph();
  const node = findResource(graph, id)!;
  const childIds = [...graph.childrenOf(node.id)].map((c) => c.id);
  const readers = readersOf([graph], [...resourceAndDescendants(graph, node.id)]);
  await execute(ctx, async (scope) => {
    const before = await scope.tx.findOneBy(ResourceEntity, { id: node.id, organizationId: ctx.organizationId });
    if (!before) throw new NotFoundError('resource', node.id);
    // The teams whose grants go with it: their pages list those grants.
    const teams: { team_id: string }[] = await scope.tx.query(
      `SELECT DISTINCT subject_team_id AS team_id FROM grants WHERE resource_id = ANY($1::uuid[]) AND subject_team_id IS NOT NULL`,
      [[node.id, ...childIds]],
    );
    await scope.tx.delete(ResourceEntity, { id: node.id });
    await scope.audit({
      action: 'resource.deleted',
      target: { type: node.type, id: node.id, label: before.name },
      before: { type: before.type, name: before.name, ownerId: before.ownerId, parentId: before.parentId, deletedChildIds: childIds },
    });
    publishToReaders(scope, ctx, readers, 'RESOURCE_DELETED');
    scope.publish({ type: 'resourceAccessChanged', organizationId: ctx.organizationId, resourceIds: [node.id, ...childIds] });
    for (const { team_id } of teams) publishTeamChanged(scope, team_id, 'GRANTS_CHANGED');
  });
}

/**
 * Tells those who read a resource (readersOf: before or after its change)
 * that their access may have changed: their lists show it, its status, or
 * no longer show it. Everyone else's view is untouched, so a change to one
 * private assistant does not make every open app in the organization refetch.
 */
function publishToReaders(scope: CommandScope, ctx: CommandContext, readers: ReadonlySet<string> | 'ALL', reason: string): void {
  if (readers !== 'ALL' && readers.size === 0) return;
  scope.publish({ type: 'accessChanged', organizationId: ctx.organizationId, accountIds: readers === 'ALL' ? 'ALL' : [...readers], reason });
}
