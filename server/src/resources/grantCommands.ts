import { randomUUID } from 'node:crypto';
import { ACCESS_LEVEL_LABELS, RESOURCE_TYPE_REGISTRY, aResourceLabel, type GrantLevel } from '@rolegraph/shared';
import { execute, type CommandContext } from '../commands/commandContext';
import type { CommandScope } from '../commands/commandScope';
import { BadUserInputError, NotFoundError } from '../errors';
import { isUuid } from '../ids';
import { notify } from '../notifications/notify';
import { findResource, type AccessGraph, type ResourceNode } from '../access/accessGraph';
import { checkPolicy } from '../policies/policy';
import { enforce } from '../policies/verdict';
import { grantAccessPolicy, revokeGrantPolicy, revokeGrantRequest, transferOwnershipPolicy } from './resourcePolicy';
import { TeamEntity } from '../teams/team.entity';
import { publishTeamChanged } from '../teams/teamEvents';
import { GrantEntity } from './grant.entity';
import { ResourceEntity } from './resource.entity';
import { findMembership } from '../directory/membershipStore';

export type { ResourceNode };

export type GrantSubject = { readonly kind: 'USER'; readonly id: string } | { readonly kind: 'TEAM'; readonly id: string };

/** Exactly one of userId and teamId; the subject must belong to this organization (else NOT_FOUND). */
export function parseSubject(graph: AccessGraph, input: { userId?: string | null; teamId?: string | null }): GrantSubject {
  if (Boolean(input.userId) === Boolean(input.teamId)) throw new BadUserInputError('Give exactly one of subject.userId and subject.teamId.', 'subject');
  if (input.userId) {
    const id = input.userId.toLowerCase();
    if (!isUuid(id) || !graph.memberRole(id)) throw new NotFoundError('member', input.userId);
    return { kind: 'USER', id };
  }
  const id = (input.teamId ?? '').toLowerCase();
  if (!isUuid(id) || !graph.teamExists(id)) throw new NotFoundError('team', input.teamId ?? undefined);
  return { kind: 'TEAM', id };
}

function subjectColumns(subject: GrantSubject): { subjectUserId: string | null; subjectTeamId: string | null } {
  return subject.kind === 'USER' ? { subjectUserId: subject.id, subjectTeamId: null } : { subjectUserId: null, subjectTeamId: subject.id };
}

/** The subject as a find condition (the other subject column is null by the table's check). */
function subjectWhere(subject: GrantSubject): { subjectUserId: string } | { subjectTeamId: string } {
  return subject.kind === 'USER' ? { subjectUserId: subject.id } : { subjectTeamId: subject.id };
}

/** The accounts whose access a grant to `subject` decides. */
function accountsBehind(graph: AccessGraph, subject: GrantSubject): string[] {
  return subject.kind === 'USER' ? [subject.id] : [...graph.teamMembers(subject.id)].map((m) => m.userId);
}

/** The resource and the descendants its access reaches. */
function reachedResourceIds(graph: AccessGraph, resource: ResourceNode): string[] {
  return [resource.id, ...[...graph.childrenOf(resource.id)].map((c) => c.id)];
}

async function findGrant(scope: CommandScope, resourceId: string, subject: GrantSubject): Promise<GrantEntity | null> {
  return scope.tx.findOneBy(GrantEntity, { resourceId, organizationId: scope.organizationId, ...subjectWhere(subject) });
}

async function subjectLabel(scope: CommandScope, subject: GrantSubject): Promise<string> {
  if (subject.kind === 'TEAM') return `team ${(await scope.tx.findOneBy(TeamEntity, { id: subject.id }))?.name ?? subject.id}`;
  const rows: { email: string }[] = await scope.tx.query(`SELECT email FROM accounts WHERE id = $1`, [subject.id]);
  return rows[0]?.email ?? subject.id;
}

/** The furthest ahead a grant may end: beyond this, "no end" says what is meant. */
const LONGEST_GRANT_MS = 10 * 366 * 24 * 3600 * 1000;

/**
 * A grant's end date: null for none; otherwise in the future (a date already
 * past would give nothing) and within ten years.
 */
export function parseGrantExpiry(expiresAt: Date | null | undefined, now: number = Date.now(), field = 'expiresAt'): Date | null {
  if (expiresAt === null || expiresAt === undefined) return null;
  const at = expiresAt.getTime();
  if (!Number.isFinite(at)) throw new BadUserInputError('The end date is not a valid date.', field);
  if (at <= now) throw new BadUserInputError('The end date must be in the future; omit it for access without an end.', field);
  if (at > now + LONGEST_GRANT_MS) throw new BadUserInputError('The end date may be at most ten years ahead; omit it for access without an end.', field);
  return new Date(at);
}

/** A grant checked against the graph, ready to be written. */
export interface GrantPlan {
  readonly resource: ResourceNode;
  readonly subject: GrantSubject;
  readonly level: GrantLevel;
  readonly expiresAt: Date | null;
  /** The accounts it gives access to (notified). */
  readonly recipients: readonly string[];
  /** The resource and the descendants its access reaches. */
  readonly reached: readonly string[];
}

/**
 * Checks a grant's input against the graph: the resource exists (else
 * NOT_FOUND), the level is grantable on its type, the subject is a member or
 * team of this organization, the end date in the future.
 */
export function planGrant(
  graph: AccessGraph,
  input: { resourceId: string; subject: { userId?: string | null; teamId?: string | null }; level: GrantLevel; expiresAt?: Date | null },
): GrantPlan {
  const expiresAt = parseGrantExpiry(input.expiresAt);
  const resource = findResource(graph, input.resourceId);
  if (!resource) throw new NotFoundError('resource', input.resourceId);
  const definition = RESOURCE_TYPE_REGISTRY[resource.type];
  if (!definition.grantableLevels.includes(input.level)) {
    throw new BadUserInputError(
      `${ACCESS_LEVEL_LABELS[input.level]} cannot be granted on ${aResourceLabel(resource.type)}; choose ${definition.grantableLevels.map((l) => ACCESS_LEVEL_LABELS[l]).join(' or ')}.`,
      'level',
    );
  }
  const subject = parseSubject(graph, input.subject);
  return { resource, subject, level: input.level, expiresAt, recipients: accountsBehind(graph, subject), reached: reachedResourceIds(graph, resource) };
}

/**
 * grantAccess (`grantAccessPolicy`: manageAccess). One grant per (resource,
 * subject): granting again changes the level. The level must be grantable on
 * the type, the subject a member or team of this organization, an end date
 * (`expiresAt`) in the future. The people it reaches are notified.
 */
export async function grantAccess(
  ctx: CommandContext,
  input: { resourceId: string; subject: { userId?: string | null; teamId?: string | null }; level: GrantLevel; expiresAt?: Date | null },
): Promise<GrantEntity> {
  enforce(await checkPolicy(ctx.access, grantAccessPolicy, { resourceId: input.resourceId }));
  const plan = planGrant(await ctx.access.graph(), input);
  return execute(ctx, (scope) => writeGrant(ctx, scope, plan));
}

export interface WriteGrantOptions {
  /** False when the caller tells the recipients itself (an approved access request). */
  readonly notifyRecipients?: boolean;
}

/**
 * Writes a grant decided by grantAccess or by an approved access request, in
 * the caller's transaction: insert or change level and end, audit, notify,
 * publish.
 */
export async function writeGrant(ctx: CommandContext, scope: CommandScope, plan: GrantPlan, options: WriteGrantOptions = {}): Promise<GrantEntity> {
  const { resource, subject, expiresAt, recipients, reached } = plan;
  const input = { level: plan.level };
  const definition = RESOURCE_TYPE_REGISTRY[resource.type];
  const row = await scope.tx.findOneBy(ResourceEntity, { id: resource.id, organizationId: ctx.organizationId });
  if (!row) throw new NotFoundError('resource', resource.id);
  const existing = await findGrant(scope, resource.id, subject);
  if (existing?.level === input.level && (existing.expiresAt?.getTime() ?? null) === (expiresAt?.getTime() ?? null)) return existing;
  const label = await subjectLabel(scope, subject);
  let grantId: string;
  if (existing) {
    grantId = existing.id;
    await scope.tx.update(GrantEntity, { id: existing.id }, { level: input.level, expiresAt, grantedBy: ctx.actor.type === 'USER' ? ctx.actor.id : null });
  } else {
    grantId = randomUUID();
    await scope.tx.insert(GrantEntity, {
      id: grantId,
      organizationId: ctx.organizationId,
      resourceId: resource.id,
      ...subjectColumns(subject),
      level: input.level,
      expiresAt,
      grantedBy: ctx.actor.type === 'USER' ? ctx.actor.id : null,
    });
  }
  await scope.audit({
    action: existing ? 'grant.updated' : 'grant.created',
    target: { type: resource.type, id: resource.id, label: row.name },
    before: existing ? { subject: label, level: existing.level, expiresAt: existing.expiresAt?.toISOString() ?? null } : null,
    after: { subject: label, subjectType: subject.kind, subjectId: subject.id, level: input.level, expiresAt: expiresAt?.toISOString() ?? null },
  });
  const sharer = ctx.principal.kind === 'USER' ? ctx.principal.name : ctx.actor.label;
  const what = `${definition.label} '${row.name}'`;
  const until = expiresAt ? ` until ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
  for (const recipient of options.notifyRecipients === false ? [] : recipients) {
    const message =
      subject.kind === 'USER'
        ? `${sharer} shared ${what} with you as ${ACCESS_LEVEL_LABELS[input.level]}${until}.`
        : `${sharer} shared ${what} with ${label} as ${ACCESS_LEVEL_LABELS[input.level]}${until}.`;
    await notify(scope, recipient, 'RESOURCE_SHARED', message, {
      resourceId: resource.id,
      resourceType: resource.type,
      parentId: resource.parentId,
      level: input.level,
      teamId: subject.kind === 'TEAM' ? subject.id : null,
      expiresAt: expiresAt?.toISOString() ?? null,
    });
  }
  if (recipients.length) scope.publish({ type: 'accessChanged', organizationId: ctx.organizationId, accountIds: recipients, reason: 'GRANT_CHANGED' });
  scope.publish({ type: 'resourceAccessChanged', organizationId: ctx.organizationId, resourceIds: reached });
  if (subject.kind === 'TEAM') publishTeamChanged(scope, subject.id, 'GRANTS_CHANGED');
  return scope.tx.findOneByOrFail(GrantEntity, { id: grantId });
}

/**
 * revokeAccess (`revokeGrantPolicy`: manageAccess, or an admin of the team
 * whose grant it is). Returns once the grant is gone: no later check answers
 * with it (see ARCHITECTURE.md, "Consistency").
 */
export async function revokeAccess(
  ctx: CommandContext,
  input: { resourceId: string; subject: { userId?: string | null; teamId?: string | null } },
): Promise<void> {
  enforce(await checkPolicy(ctx.access, revokeGrantPolicy, revokeGrantRequest(input)));
  const graph = await ctx.access.graph();
  const resource = findResource(graph, input.resourceId)!;
  const subject = parseSubject(graph, input.subject);
  const affected = accountsBehind(graph, subject);
  const reached = reachedResourceIds(graph, resource);

  await execute(ctx, async (scope) => {
    const existing = await findGrant(scope, resource.id, subject);
    if (!existing) throw new NotFoundError(`grant for that ${subject.kind === 'USER' ? 'member' : 'team'} on this resource`);
    const label = await subjectLabel(scope, subject);
    await scope.tx.delete(GrantEntity, { id: existing.id });
    const row = await scope.tx.findOneBy(ResourceEntity, { id: resource.id });
    await scope.audit({
      action: 'grant.revoked',
      target: { type: resource.type, id: resource.id, label: row?.name },
      before: { subject: label, subjectType: subject.kind, subjectId: subject.id, level: existing.level },
    });
    const remover = ctx.principal.kind === 'USER' ? ctx.principal.name : ctx.actor.label;
    const what = `${RESOURCE_TYPE_REGISTRY[resource.type].label} '${row?.name ?? resource.id}'`;
    const level = ACCESS_LEVEL_LABELS[existing.level];
    for (const recipient of affected) {
      const message =
        subject.kind === 'USER' ? `${remover} removed your ${level} access to ${what}.` : `${remover} removed ${label}'s ${level} access to ${what}.`;
      await notify(scope, recipient, 'ACCESS_REVOKED', message, {
        resourceId: resource.id,
        resourceType: resource.type,
        parentId: resource.parentId,
        level: existing.level,
        teamId: subject.kind === 'TEAM' ? subject.id : null,
      });
    }
    if (affected.length) scope.publish({ type: 'accessChanged', organizationId: ctx.organizationId, accountIds: affected, reason: 'GRANT_REVOKED' });
    scope.publish({ type: 'resourceAccessChanged', organizationId: ctx.organizationId, resourceIds: reached });
    if (subject.kind === 'TEAM') publishTeamChanged(scope, subject.id, 'GRANTS_CHANGED');
  });
}

/**
 * transferOwnership (`transferOwnershipPolicy`, decided by the evaluator's
 * transferOwnership action, so checkPermission answers exactly what this
 * allows): by the resource's owner, by any org owner, and by a holder of
 * users.manage only for a resource whose owner has left. The previous owner
 * keeps an ADMIN grant unless `keepAccess` is false (or they are no longer a
 * member).
 */
export async function transferOwnership(ctx: CommandContext, input: { resourceId: string; toUserId: string; keepAccess: boolean }): Promise<ResourceEntity> {
  enforce(await checkPolicy(ctx.access, transferOwnershipPolicy, { resourceId: input.resourceId }));
  const graph = await ctx.access.graph();
  const resource = findResource(graph, input.resourceId)!;
  const to = parseSubject(graph, { userId: input.toUserId });
  if (to.id === resource.ownerId) throw new BadUserInputError('That member already owns this resource.', 'toUserId');
  const previousOwner = resource.ownerId;
  const keepGrant = input.keepAccess && graph.memberRole(previousOwner) !== undefined;
  const reached = reachedResourceIds(graph, resource);

  return execute(ctx, async (scope) => {
    const row = await scope.tx.findOneBy(ResourceEntity, { id: resource.id, organizationId: ctx.organizationId });
    if (!row) throw new NotFoundError('resource', resource.id);
    await scope.tx.update(ResourceEntity, { id: resource.id }, { ownerId: to.id });
    // The new owner needs no grant of their own; one they had stays (it matters again if ownership moves on).
    // The previous owner keeps one only while still a member: one removed meanwhile gets none, and the transfer stands.
    const keeps = keepGrant && (await findMembership(scope.tx, ctx.organizationId, previousOwner)) !== null;
    if (keeps) {
      const previous: GrantSubject = { kind: 'USER', id: previousOwner };
      const existing = await findGrant(scope, resource.id, previous);
      if (!existing) {
        await scope.tx.insert(GrantEntity, {
          id: randomUUID(),
          organizationId: ctx.organizationId,
          resourceId: resource.id,
          ...subjectColumns(previous),
          level: 'ADMIN',
          grantedBy: ctx.actor.type === 'USER' ? ctx.actor.id : null,
        });
      } else if (existing.level !== 'ADMIN') {
        await scope.tx.update(GrantEntity, { id: existing.id }, { level: 'ADMIN' });
      }
    }
    await scope.audit({
      action: 'resource.ownership_transferred',
      target: { type: resource.type, id: resource.id, label: row.name },
      before: { ownerId: previousOwner },
      after: { ownerId: to.id, previousOwnerKeepsAdmin: keeps },
    });
    const definition = RESOURCE_TYPE_REGISTRY[resource.type];
    await notify(scope, to.id, 'OWNERSHIP_RECEIVED', `You now own ${definition.label} '${row.name}'.`, {
      resourceId: resource.id,
      resourceType: resource.type,
      parentId: resource.parentId,
      from: previousOwner,
    });
    scope.publish({ type: 'accessChanged', organizationId: ctx.organizationId, accountIds: [previousOwner, to.id], reason: 'OWNERSHIP_TRANSFERRED' });
    scope.publish({ type: 'resourceAccessChanged', organizationId: ctx.organizationId, resourceIds: reached });
    return scope.tx.findOneByOrFail(ResourceEntity, { id: resource.id });
  });
}
