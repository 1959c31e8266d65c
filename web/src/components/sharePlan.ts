import { ACCESS_LEVEL_LABELS, levelRank, type GrantLevel } from '@rolegraph/shared';
import type { GrantAccessInput, RevokeAccessInput } from '../graphql/generated/graphql';

export type ShareSubject = { readonly userId: string } | { readonly teamId: string };

export interface ExistingGrant {
  readonly id: string;
  readonly level: GrantLevel;
  readonly subject: ShareSubject;
  /** The person's or team's name as the dialog shows it. */
  readonly label: string;
  /** When it ends (ISO instant), or null/absent for no end; a level change keeps it. */
  readonly expiresAt?: string | null;
}

export interface Sharee {
  readonly subject: ShareSubject;
  readonly label: string;
}

/** What the person set in the share dialog and has not saved yet. */
export interface ShareDraft {
  readonly additions: readonly Sharee[];
  readonly addLevel: GrantLevel;
  /** When the access given to the additions ends (ISO instant); absent or null for no end. */
  readonly addExpiresAt?: string | null;
  /** New levels of existing grants, by grant id. */
  readonly levelChanges: ReadonlyMap<string, GrantLevel>;
  /** Existing grants to remove, by grant id. */
  readonly removals: ReadonlySet<string>;
}

export type ShareOperation =
  | {
      readonly kind: 'grant';
      readonly subject: ShareSubject;
      readonly level: GrantLevel;
      readonly label: string;
      readonly lowers: boolean;
      /** The end the grant has after saving (granting again sets both level and end). */
      readonly expiresAt: string | null;
    }
  | { readonly kind: 'revoke'; readonly subject: ShareSubject; readonly label: string };

export const subjectKey = (subject: ShareSubject) => ('userId' in subject ? `user:${subject.userId}` : `team:${subject.teamId}`);

/**
 * The mutations Save makes, in the order it makes them. Save makes them one
 * by one, each allowed or not on the access as it is by then, so the order
 * keeps each allowed when its turn comes: first what gives access (new
 * shares, higher levels), then what takes it from others (removals, lower
 * levels), and last what takes away the saver's own (`ownSubjects`, keys of
 * the saver and of the teams that give them access here): handing a
 * resource to someone and removing yourself in one Save makes both. A level
 * set back to what it was, or on a grant being removed, is no change; a
 * newcomer who already has a grant gets the chosen level, as one grant (a
 * grant removed and added again in one Save is that grant at the new level).
 */
export function planShareChanges(grants: readonly ExistingGrant[], draft: ShareDraft, ownSubjects: ReadonlySet<string> = new Set()): ShareOperation[] {
  const operations: ShareOperation[] = [];
  const byKey = new Map(grants.map((g) => [subjectKey(g.subject), g]));
  const addedKeys = new Set(draft.additions.map((a) => subjectKey(a.subject)));
  for (const grant of grants) {
    if (draft.removals.has(grant.id) && !addedKeys.has(subjectKey(grant.subject)))
      operations.push({ kind: 'revoke', subject: grant.subject, label: grant.label });
  }
  for (const grant of grants) {
    const next = draft.levelChanges.get(grant.id);
    if (!next || next === grant.level || draft.removals.has(grant.id)) continue;
    operations.push({
      kind: 'grant',
      subject: grant.subject,
      level: next,
      label: grant.label,
      lowers: levelRank(next) < levelRank(grant.level),
      expiresAt: grant.expiresAt ?? null,
    });
  }
  const seen = new Set<string>();
  for (const sharee of draft.additions) {
    const key = subjectKey(sharee.subject);
    if (seen.has(key)) continue;
    seen.add(key);
    const existing = byKey.get(key);
    if (existing && !draft.removals.has(existing.id) && (draft.levelChanges.get(existing.id) ?? existing.level) === draft.addLevel) continue;
    const lowers = existing !== undefined && levelRank(draft.addLevel) < levelRank(existing.level);
    operations.push({ kind: 'grant', subject: sharee.subject, level: draft.addLevel, label: sharee.label, lowers, expiresAt: draft.addExpiresAt ?? null });
  }
  const turn = (o: ShareOperation) => (!takesAccess(o) ? 0 : takesOwnAccess(o, ownSubjects) ? 2 : 1);
  // Array sort is stable: within each turn, the order above.
  return operations.sort((a, b) => turn(a) - turn(b));
}

function takesAccess(operation: ShareOperation): boolean {
  return operation.kind === 'revoke' || operation.lowers;
}

/** Whether the operation takes away access the saver has here (their own share, or one of a team that gives them access). */
export function takesOwnAccess(operation: ShareOperation, ownSubjects: ReadonlySet<string>): boolean {
  return takesAccess(operation) && ownSubjects.has(subjectKey(operation.subject));
}

/** The operations that take access away (a removal or a lower level): Save asks before making them. */
export function accessRemovals(operations: readonly ShareOperation[]): ShareOperation[] {
  return operations.filter(takesAccess);
}

/** The confirmation's title: "away" when every change removes a share, "reduce" when one only lowers a level. */
export function removalTitle(removing: readonly ShareOperation[]): string {
  const lowersOnly = removing.some((o) => o.kind !== 'revoke');
  if (removing.length === 1) return lowersOnly ? 'Reduce this access?' : 'Take this access away?';
  return lowersOnly ? `Reduce or take away access for ${removing.length}?` : `Take access away from ${removing.length}?`;
}

/** One line per operation that takes access away, for the confirmation; the saver's own share (`viewerId`) is "you". */
export function describeRemoval(operation: ShareOperation, viewerId?: string): string {
  const own = viewerId !== undefined && 'userId' in operation.subject && operation.subject.userId === viewerId;
  if (own) {
    return operation.kind === 'revoke'
      ? 'You stop having access through this share.'
      : `You go down to ${ACCESS_LEVEL_LABELS[operation.level]} through this share.`;
  }
  return operation.kind === 'revoke'
    ? `${operation.label} stops having access through this share.`
    : `${operation.label} goes down to ${ACCESS_LEVEL_LABELS[operation.level]}.`;
}

/**
 * The mutation input of one operation on `resourceId`: what Save sends, and
 * what the confirmation previews (`previewChanges` takes the same inputs), so
 * the preview is of exactly the change that is made.
 */
export function operationInput(
  resourceId: string,
  operation: ShareOperation,
): { readonly revokeAccess: RevokeAccessInput } | { readonly grantAccess: GrantAccessInput } {
  return operation.kind === 'revoke'
    ? { revokeAccess: { resourceId, subject: operation.subject } }
    : { grantAccess: { resourceId, subject: operation.subject, level: operation.level, expiresAt: operation.expiresAt } };
}
