import { randomUUID } from 'node:crypto';
import { ACCESS_LEVEL_LABELS, RESOURCE_TYPE_REGISTRY, aResourceLabel, actionRequirement, levelRank, type GrantLevel } from '@rolegraph/shared';
import { execute, type CommandContext } from '../commands/commandContext';
import { optionalLines } from '../commands/textInput';
import type { CommandScope } from '../commands/commandScope';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../errors';
import { isUuid } from '../ids';
import { notify } from '../notifications/notify';
import { findResource, type AccessGraph, type ResourceNode } from '../access/accessGraph';
import { decide, decideOnResource, effectiveLevel } from '../access/evaluator';
import { usersAbovePublicLevel } from '../access/userLevels';
import { GraphAtInstant } from '../access/graphAtInstant';
import { REMINDER_LEAD_MS } from '../lifecycle/grantExpirySweep';
import { checkPolicy } from '../policies/policy';
import { enforce } from '../policies/verdict';
import { planGrant, writeGrant } from '../resources/grantCommands';
import { AccessRequestEntity, type AccessRequestStatus } from './accessRequest.entity';
import { answerAccessRequestPolicy, cancelAccessRequestPolicy, requestAccessPolicy } from './accessRequestPolicy';

const MAX_REASON = 1000;
/** Pending requests one member may have in an organization at once (ids need not exist, so this bounds what one member can file). */
export const MAX_PENDING_PER_MEMBER = 50;

/** Same answer for every resource id, seen, hidden or missing. */
const RECEIVED = 'Your request was sent to the people who can share this resource, if it exists. You will be notified when it is answered.';

function reasonText(reason: string | null | undefined, field: string): string {
  return optionalLines(reason, { field, what: 'the reason', max: MAX_REASON });
}

/** The highest level the public holds anywhere: MEMBER, on a live public assistant (userLevels.ts). */
const PUBLIC_LEVEL_AT_MOST = levelRank('MEMBER');

/**
 * The members who may share a resource (manageAccess): they answer its
 * requests. manageAccess needs a level above any the public holds, and no
 * allowance gives it without one, so only those who may hold more than the
 * public's level on the resource (usersAbovePublicLevel: its owners, grants
 * and org owners) are asked, not every member of the organization; should
 * the action's requirement change so that this no longer holds, every member
 * is asked again.
 */
export function approversOf(graph: AccessGraph, resourceId: string): string[] {
  const resource = graph.resource(resourceId);
  if (!resource) return [];
  const need = actionRequirement(resource.type, 'manageAccess');
  const onlyAbovePublic = need !== undefined && !need.orgOwners && !need.formerMembersAssets && levelRank(need.minLevel) > PUBLIC_LEVEL_AT_MOST;
  const candidates = onlyAbovePublic ? usersAbovePublicLevel(graph, [resource.id]) : [...graph.members()].map(([userId]) => userId);
  const approvers: string[] = [];
  for (const userId of candidates) {
    if (graph.memberRole(userId) !== undefined && decideOnResource(graph, userId, 'manageAccess', resource).allowed) approvers.push(userId);
  }
  return approvers.sort();
}

function formatInstant(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * requestAccess (`requestAccessPolicy`: any member). The resource id is taken
 * as given: for one the requester can read, the level must be grantable on
 * its type and above what they will have in 24 hours (so access about to
 * end can be renewed); for one they cannot see — hidden or
 * missing — the request is stored all the same and the answer is identical,
 * so it reveals nothing. At most one pending request per (requester,
 * resource) in an organization: asking again answers with the pending one (the database's unique
 * index decides between concurrent requests). Approvers are notified live.
 */
export async function requestAccess(
  ctx: CommandContext,
  input: { resourceId: string; level: GrantLevel; reason?: string | null },
): Promise<{ request: AccessRequestEntity; alreadyPending: boolean; message: string }> {
  enforce(await checkPolicy(ctx.access, requestAccessPolicy, {}));
  if (ctx.principal.kind !== 'USER') throw new ForbiddenError('API keys cannot ask for access; a member does.');
  const requesterId = ctx.principal.accountId;
  const resourceId = input.resourceId.toLowerCase();
  if (!isUuid(resourceId)) throw new BadUserInputError('That is not a resource id.', 'resourceId');
  const reason = reasonText(input.reason, 'reason');
  const graph = await ctx.access.graph();
  const resource = findResource(graph, resourceId);
  const visible = resource !== undefined && decide(graph, { userId: requesterId, action: 'read', resourceId }).allowed;
  if (resource && visible) {
    const definition = RESOURCE_TYPE_REGISTRY[resource.type];
    if (!definition.grantableLevels.includes(input.level)) {
      throw new BadUserInputError(
        `${ACCESS_LEVEL_LABELS[input.level]} cannot be granted on ${aResourceLabel(resource.type)}; ask for ${definition.grantableLevels.map((l) => ACCESS_LEVEL_LABELS[l]).join(' or ')}.`,
        'level',
      );
    }
    // Access that ends within the reminder's 24 hours may be asked for again (a renewal).
    const current = effectiveLevel(new GraphAtInstant(graph, Date.now() + REMINDER_LEAD_MS), requesterId, resourceId);
    if (levelRank(current) >= levelRank(input.level)) {
      throw new BadUserInputError(`You already have ${ACCESS_LEVEL_LABELS[current]} access to this ${definition.label.toLowerCase()}.`, 'level');
    }
  }
  const approvers = resource ? approversOf(graph, resource.id).filter((id) => id !== requesterId) : [];

  return execute(ctx, async (scope) => {
    const id = randomUUID();
    const inserted: { id: string }[] = await scope.tx.query(
      `INSERT INTO access_requests (id, organization_id, requester_id, resource_id, level, reason, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', date_trunc('milliseconds', now()))
       ON CONFLICT (organization_id, requester_id, resource_id) WHERE status = 'PENDING' DO NOTHING
       RETURNING id`,
      [id, ctx.organizationId, requesterId, resourceId, input.level, reason],
    );
    if (inserted.length === 0) {
      const pending = await scope.tx.findOneByOrFail(AccessRequestEntity, { organizationId: ctx.organizationId, requesterId, resourceId, status: 'PENDING' });
      return { request: pending, alreadyPending: true, message: RECEIVED };
    }
    const pendingCount = await scope.tx.countBy(AccessRequestEntity, { organizationId: ctx.organizationId, requesterId, status: 'PENDING' });
    if (pendingCount > MAX_PENDING_PER_MEMBER) {
      throw new BadUserInputError(`You have ${MAX_PENDING_PER_MEMBER} requests waiting for an answer; cancel some before asking again.`, 'resourceId');
    }
    await scope.audit({
      action: 'accessRequest.created',
      target: { type: 'ACCESS_REQUEST', id, label: resource && visible ? resource.name : undefined },
      after: { resourceId, level: input.level, reason },
    });
    if (resource) {
      const who = ctx.principal.kind === 'USER' ? ctx.principal.name : 'Someone';
      const what = `${RESOURCE_TYPE_REGISTRY[resource.type].label} '${resource.name}'`;
      const why = reason ? `: “${reason}”` : '.';
      for (const approver of approvers) {
        await notify(scope, approver, 'ACCESS_REQUESTED', `${who} asks for ${ACCESS_LEVEL_LABELS[input.level]} access to ${what}${why}`, {
          accessRequestId: id,
          resourceId: resource.id,
          resourceType: resource.type,
          level: input.level,
          requesterId,
        });
      }
    }
    return { request: await scope.tx.findOneByOrFail(AccessRequestEntity, { id }), alreadyPending: false, message: RECEIVED };
  });
}

/** The request, in this organization; NOT_FOUND otherwise. */
async function loadRequest(ctx: CommandContext, id: string): Promise<AccessRequestEntity> {
  const requestId = id.toLowerCase();
  if (!isUuid(requestId)) throw new NotFoundError('access request', id);
  const row = await ctx.app.dataSource.getRepository(AccessRequestEntity).findOneBy({ id: requestId, organizationId: ctx.organizationId });
  if (!row) throw new NotFoundError('access request', id);
  return row;
}

function stillPending(row: AccessRequestEntity): void {
  if (row.status !== 'PENDING') throw new BadUserInputError(`This request is no longer pending: it was ${row.status.toLowerCase()}.`, 'id');
}

/**
 * Moves a pending request to its answer; the WHERE status = 'PENDING' claims
 * it, so of two concurrent answers one wins and the other is told.
 */
async function answer(
  scope: CommandScope,
  id: string,
  status: AccessRequestStatus,
  fields: { answeredBy: string | null; answerReason?: string | null; grantedLevel?: GrantLevel | null; grantedExpiresAt?: Date | null },
): Promise<AccessRequestEntity> {
  const claimed: { id: string }[] = await scope.tx.query(
    `WITH claimed AS (
       UPDATE access_requests SET status = $2, answered_at = now(), answered_by = $3, answer_reason = $4, granted_level = $5, granted_expires_at = $6
       WHERE id = $1 AND status = 'PENDING' RETURNING id
     )
     SELECT id FROM claimed`,
    [id, status, fields.answeredBy, fields.answerReason ?? null, fields.grantedLevel ?? null, fields.grantedExpiresAt ?? null],
  );
  // Nothing claimed: another answer committed first.
  if (claimed.length === 0) throw new BadUserInputError('This request was answered meanwhile.', 'id');
  return scope.tx.findOneByOrFail(AccessRequestEntity, { id });
}

function describeResource(resource: ResourceNode): string {
  return `${RESOURCE_TYPE_REGISTRY[resource.type].label} '${resource.name}'`;
}

/**
 * approveAccessRequest (`answerAccessRequestPolicy`: manageAccess on the
 * resource). Grants the requester the level asked for, or the one the
 * approver picks, until `expiresAt` if given; the requester is notified live.
 */
export async function approveAccessRequest(
  ctx: CommandContext,
  input: { id: string; level?: GrantLevel | null; expiresAt?: Date | null },
): Promise<AccessRequestEntity> {
  const row = await loadRequest(ctx, input.id);
  enforce(await checkPolicy(ctx.access, answerAccessRequestPolicy, { resourceId: row.resourceId, requesterId: row.requesterId }));
  stillPending(row);
  const level = input.level ?? row.level;
  const plan = planGrant(await ctx.access.graph(), { resourceId: row.resourceId, subject: { userId: row.requesterId }, level, expiresAt: input.expiresAt });
  return execute(ctx, async (scope) => {
    const answered = await answer(scope, row.id, 'APPROVED', { answeredBy: actorAccount(ctx), grantedLevel: level, grantedExpiresAt: plan.expiresAt });
    await writeGrant(ctx, scope, plan, { notifyRecipients: false });
    await scope.audit({
      action: 'accessRequest.approved',
      target: { type: 'ACCESS_REQUEST', id: row.id, label: plan.resource.name },
      before: { status: 'PENDING', requesterId: row.requesterId, resourceId: row.resourceId, level: row.level },
      after: { status: 'APPROVED', level, expiresAt: plan.expiresAt?.toISOString() ?? null },
    });
    const until = plan.expiresAt ? ` until ${formatInstant(plan.expiresAt)}` : '';
    await notify(
      scope,
      row.requesterId,
      'ACCESS_REQUEST_ANSWERED',
      `${approverName(ctx)} approved your request: you have ${ACCESS_LEVEL_LABELS[level]} access to ${describeResource(plan.resource)}${until}.`,
      {
        accessRequestId: row.id,
        status: 'APPROVED',
        resourceId: row.resourceId,
        resourceType: plan.resource.type,
        parentId: plan.resource.parentId,
        level,
        expiresAt: plan.expiresAt?.toISOString() ?? null,
      },
    );
    return answered;
  });
}

/** denyAccessRequest (`answerAccessRequestPolicy`). The requester is told, with the reason if one is given. */
export async function denyAccessRequest(ctx: CommandContext, input: { id: string; reason?: string | null }): Promise<AccessRequestEntity> {
  const row = await loadRequest(ctx, input.id);
  enforce(await checkPolicy(ctx.access, answerAccessRequestPolicy, { resourceId: row.resourceId, requesterId: row.requesterId }));
  stillPending(row);
  const reason = reasonText(input.reason, 'reason');
  const resource = findResource(await ctx.access.graph(), row.resourceId);
  return execute(ctx, async (scope) => {
    const answered = await answer(scope, row.id, 'DENIED', { answeredBy: actorAccount(ctx), answerReason: reason || null });
    await scope.audit({
      action: 'accessRequest.denied',
      target: { type: 'ACCESS_REQUEST', id: row.id, label: resource?.name },
      before: { status: 'PENDING', requesterId: row.requesterId, resourceId: row.resourceId, level: row.level },
      after: { status: 'DENIED', reason },
    });
    // The requester may not be able to see the resource: its name is not repeated to them.
    await notify(
      scope,
      row.requesterId,
      'ACCESS_REQUEST_ANSWERED',
      `${approverName(ctx)} denied your request for ${ACCESS_LEVEL_LABELS[row.level]} access${reason ? `: “${reason}”` : '.'}`,
      { accessRequestId: row.id, status: 'DENIED', resourceId: row.resourceId },
    );
    return answered;
  });
}

/** cancelAccessRequest (`cancelAccessRequestPolicy`: the requester). */
export async function cancelAccessRequest(ctx: CommandContext, id: string): Promise<AccessRequestEntity> {
  const row = await loadRequest(ctx, id);
  enforce(await checkPolicy(ctx.access, cancelAccessRequestPolicy, { requesterId: row.requesterId }));
  stillPending(row);
  return execute(ctx, async (scope) => {
    const answered = await answer(scope, row.id, 'CANCELLED', { answeredBy: actorAccount(ctx) });
    await scope.audit({
      action: 'accessRequest.cancelled',
      target: { type: 'ACCESS_REQUEST', id: row.id },
      before: { status: 'PENDING', resourceId: row.resourceId, level: row.level },
      after: { status: 'CANCELLED' },
    });
    return answered;
  });
}

function actorAccount(ctx: CommandContext): string | null {
  return ctx.principal.kind === 'USER' ? ctx.principal.accountId : null;
}

function approverName(ctx: CommandContext): string {
  return ctx.principal.kind === 'USER' ? ctx.principal.name : ctx.actor.label;
}
