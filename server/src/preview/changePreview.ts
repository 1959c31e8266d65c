import { RESOURCE_TYPES, type OrgRole, type TeamRole } from '@rolegraph/shared';
import { findResource, type AccessGraph } from '../access/accessGraph';
import { isGain, levelChangesWithin, type LevelChange } from '../access/levelChanges';
import { overlayInOrder, type ChangeReach, type PlannedChange } from '../access/plannedChange';
import { BadUserInputError, NotFoundError } from '../errors';
import { isUuid } from '../ids';
import { parseSubject, planGrant } from '../resources/grantCommands';
import type { UpdateResourceInput } from '../resources/resource.types';
import type { ChangePreview, PreviewedLevelChange, PreviewedUserChanges } from './changePreview.types';
import type { ChangeFields } from './changePreviewPolicy';

/** The change input with every field each mutation takes. */
export interface FullChangeFields extends ChangeFields {
  changeMemberRole?: { userId: string; role: OrgRole } | null;
  removeMember?: { userId: string; reassignTo?: string | null } | null;
  addTeamMember?: { teamId: string; userId: string; role?: TeamRole | null } | null;
  removeTeamMember?: { teamId: string; userId: string } | null;
  grantAccess?: Parameters<typeof planGrant>[1] | null;
  revokeAccess?: { resourceId: string; subject: { userId?: string | null; teamId?: string | null } } | null;
  updateResource?: UpdateResourceInput | null;
  transferOwnership?: { resourceId: string; toUserId: string; keepAccess: boolean } | null;
}

/** Most people listed in one preview. */
export const MAX_PREVIEW_USERS = 100;
export const DEFAULT_ITEMS_PER_USER = 10;
export const MAX_ITEMS_PER_USER = 100;
/**
 * Most levels one preview reads for changes that reach every resource (a role
 * change to or from Owner, removing an owner): people × resources. One such
 * change is always previewed, whatever the organization's size; several only
 * within this bound, which keeps one preview from holding the server for seconds.
 */
export const MAX_PREVIEW_LEVELS_EVERYWHERE = 250_000;

function memberId(graph: AccessGraph, userId: string): string {
  const id = userId.toLowerCase();
  if (!isUuid(id) || graph.memberRole(id) === undefined) throw new NotFoundError('member', userId);
  return id;
}

function teamId(graph: AccessGraph, id: string): string {
  const team = id.toLowerCase();
  if (!isUuid(team) || !graph.teamExists(team)) throw new NotFoundError('team', id);
  return team;
}

/**
 * The change a mutation's input describes, checked against the graph as the
 * mutation checks it (ids that exist, grantable levels, an end in the
 * future), but without writing anything.
 */
export function plannedChangeOf(graph: AccessGraph, change: FullChangeFields): PlannedChange {
  const given = Object.values(change).filter((value) => value !== null && value !== undefined);
  if (given.length !== 1) throw new BadUserInputError('Give exactly one change to preview.', 'change');
  if (change.changeMemberRole) {
    return { kind: 'SET_ROLE', userId: memberId(graph, change.changeMemberRole.userId), role: change.changeMemberRole.role };
  }
  if (change.removeMember) {
    const userId = memberId(graph, change.removeMember.userId);
    const reassignTo = change.removeMember.reassignTo ? memberId(graph, change.removeMember.reassignTo) : null;
    if (reassignTo === userId) throw new BadUserInputError('Reassign the resources to another member.', 'reassignTo');
    return { kind: 'REMOVE_MEMBER', userId, reassignTo };
  }
  if (change.addTeamMember) {
    const team = teamId(graph, change.addTeamMember.teamId);
    return { kind: 'ADD_TEAM_MEMBER', teamId: team, userId: memberId(graph, change.addTeamMember.userId), role: change.addTeamMember.role ?? 'MEMBER' };
  }
  if (change.removeTeamMember) {
    const team = teamId(graph, change.removeTeamMember.teamId);
    return { kind: 'REMOVE_TEAM_MEMBER', teamId: team, userId: memberId(graph, change.removeTeamMember.userId) };
  }
  if (change.grantAccess) {
    const plan = planGrant(graph, change.grantAccess);
    return {
      kind: 'SET_GRANT',
      resourceId: plan.resource.id,
      subjectType: plan.subject.kind,
      subjectId: plan.subject.id,
      level: plan.level,
      expiresAt: plan.expiresAt?.getTime() ?? null,
    };
  }
  if (change.revokeAccess) {
    const resource = findResource(graph, change.revokeAccess.resourceId);
    if (!resource) throw new NotFoundError('resource', change.revokeAccess.resourceId);
    const subject = parseSubject(graph, change.revokeAccess.subject);
    const exists = [...graph.grantsOn(resource.id)].some((g) => g.subjectType === subject.kind && g.subjectId === subject.id);
    if (!exists) throw new NotFoundError(`grant for that ${subject.kind === 'USER' ? 'member' : 'team'} on this resource`);
    return { kind: 'REMOVE_GRANT', resourceId: resource.id, subjectType: subject.kind, subjectId: subject.id };
  }
  if (change.updateResource) {
    const resource = findResource(graph, change.updateResource.id);
    if (!resource) throw new NotFoundError('resource', change.updateResource.id);
    return { kind: 'SET_STATUS', resourceId: resource.id, status: change.updateResource.status ?? null, visibility: change.updateResource.visibility ?? null };
  }
  if (typeof change.deleteTeam === 'string') return { kind: 'DELETE_TEAM', teamId: teamId(graph, change.deleteTeam) };
  if (typeof change.deleteResource === 'string') {
    const resource = findResource(graph, change.deleteResource);
    if (!resource) throw new NotFoundError('resource', change.deleteResource);
    return { kind: 'DELETE_RESOURCE', resourceId: resource.id };
  }
  const transfer = change.transferOwnership!;
  const resource = findResource(graph, transfer.resourceId);
  if (!resource) throw new NotFoundError('resource', transfer.resourceId);
  const toUserId = memberId(graph, transfer.toUserId);
  if (toUserId === resource.ownerId) throw new BadUserInputError('That member already owns this resource.', 'toUserId');
  return { kind: 'TRANSFER_OWNERSHIP', resourceId: resource.id, toUserId, keepAccess: transfer.keepAccess ?? true };
}

/**
 * What the changes would do, made in the order given (one, for previewChange;
 * a share dialog's whole Save, for previewChanges): the evaluator asked about
 * the graph as it is and as it would be (each change planned and checked on
 * the graph the ones before it leave, and laid over it), within their reach.
 */
export function previewOfChanges(graph: AccessGraph, changes: readonly FullChangeFields[], itemsPerUser: number): ChangePreview {
  const { after, reaches } = overlayInOrder(graph, changes, plannedChangeOf);
  refuseTooLarge(graph, reaches);
  return previewBetween(graph, after, reaches, itemsPerUser);
}

/** Refuses, before reading any level, changes that together would read more than MAX_PREVIEW_LEVELS_EVERYWHERE levels everywhere. */
function refuseTooLarge(graph: AccessGraph, reaches: readonly ChangeReach[]): void {
  let people = 0;
  for (const reach of reaches) {
    if (reach.resources === 'ALL') people += reach.users === 'ALL' ? [...graph.members()].length : reach.users.size;
  }
  if (people <= 1) return;
  const resources = RESOURCE_TYPES.reduce((sum, type) => sum + graph.resourcesOfType(type).length, 0);
  if (people * resources <= MAX_PREVIEW_LEVELS_EVERYWHERE) return;
  const count = (n: number) => n.toLocaleString('en-US');
  throw new BadUserInputError(
    `These changes reach every resource for ${count(people)} people (a role change to or from Owner, or removing an owner): ` +
      `${count(people * resources)} levels to read, more than the ${count(MAX_PREVIEW_LEVELS_EVERYWHERE)} one preview reads. Preview them a few at a time.`,
    'changes',
  );
}

/**
 * The levels that differ between two graphs within the reaches, per person, most
 * affected first; per person, losses first, then by resource name; the first
 * `itemsPerUser` items with the totals.
 */
function previewBetween(graph: AccessGraph, after: AccessGraph, reaches: readonly ChangeReach[], itemsPerUser: number): ChangePreview {
  const moved = levelChangesWithin(graph, after, reaches);
  const byUser = new Map<string | null, LevelChange[]>();
  for (const item of moved) {
    const list = byUser.get(item.userId);
    if (list) list.push(item);
    else byUser.set(item.userId, [item]);
  }
  const users: PreviewedUserChanges[] = [...byUser].map(([userId, items]) => {
    // levelChanges lists by resource already; losses go first (stable).
    const ordered = [...items.filter((i) => !isGain(i)), ...items.filter(isGain)];
    const changes: PreviewedLevelChange[] = ordered.slice(0, itemsPerUser).map((i) => ({
      resourceId: i.resourceId,
      resourceType: (graph.resource(i.resourceId) ?? { type: 'PROJECT' as const }).type,
      before: i.before,
      after: i.after,
      gain: isGain(i),
    }));
    const gains = items.filter(isGain).length;
    return {
      userId,
      gains,
      losses: items.length - gains,
      lostAccess: items.filter((i) => i.after === 'NONE').length,
      changes,
      hasMore: items.length > changes.length,
    };
  });
  users.sort((a, b) => b.gains + b.losses - (a.gains + a.losses) || (a.userId === null ? 1 : b.userId === null ? -1 : a.userId < b.userId ? -1 : 1));
  const totalGains = users.reduce((sum, u) => sum + u.gains, 0);
  return {
    affectedUsers: users.length,
    totalGains,
    totalLosses: moved.length - totalGains,
    users: users.slice(0, MAX_PREVIEW_USERS),
    hasMoreUsers: users.length > MAX_PREVIEW_USERS,
  };
}
