import { ACCESS_LEVEL_LABELS } from '@rolegraph/shared';
import type { AccessGraph } from '../access/accessGraph';
import type { EffectiveLevel } from '@rolegraph/shared';
import { resourceAccess, type AccessPath, type Decision as EvaluatorDecision, type Denial as EvaluatorDenial } from '../access/evaluator';
import { Decision, type AccessEntry, type AccessReason, type Denial } from './decision.types';

/** One path of the evaluator as the API presents it. */
export function presentPath(path: AccessPath): AccessReason {
  const inherited = path.inheritedFrom !== undefined;
  return {
    source: path.source,
    kinds: inherited ? [path.source, 'INHERITED'] : [path.source],
    level: path.level,
    winning: path.winning,
    inherited,
    teamId: path.teamId ?? null,
    anchorResourceId: path.anchorResourceId ?? null,
    expiresAt: path.expiresAt === undefined ? null : new Date(path.expiresAt),
  };
}

/**
 * A denial of the evaluator in words a person can act on: the one presenter
 * behind checkPermission's `denial` (for `action`) and explainAccess's (for
 * `read`, opening the resource). `level` is the user's effective level.
 */
export function presentDenial(denial: EvaluatorDenial | undefined, level: EffectiveLevel, action: string): Denial | null {
  if (!denial) return null;
  const none = { requiredLevel: null, capability: null, expiredAt: null };
  switch (denial.kind) {
    case 'NOT_A_MEMBER':
      return { kind: 'NOT_A_MEMBER', ...none, message: 'Not a member of this organization.' };
    case 'DRAFT':
      return { kind: 'DRAFT', ...none, message: 'Draft: only its owner and the organization’s owners can open it.' };
    case 'EXPIRED':
      return {
        kind: 'EXPIRED',
        requiredLevel: denial.requiredLevel,
        capability: null,
        expiredAt: new Date(denial.expiredAt),
        message: `The grant that gave ${ACCESS_LEVEL_LABELS[denial.grantLevel]} ended on ${new Date(denial.expiredAt).toISOString()}.`,
      };
    case 'NO_ACCESS':
      return {
        kind: 'NO_ACCESS',
        requiredLevel: denial.requiredLevel,
        capability: null,
        expiredAt: null,
        message: 'No path gives access: no ownership, and no grant to the user or one of their teams on it or on a resource above it.',
      };
    case 'MISSING_CAPABILITY':
      return {
        kind: 'MISSING_CAPABILITY',
        requiredLevel: null,
        capability: denial.capability,
        expiredAt: null,
        message: `"${action}" needs the ${denial.capability} capability.`,
      };
    case 'INSUFFICIENT_LEVEL':
      return {
        kind: 'INSUFFICIENT_LEVEL',
        requiredLevel: denial.requiredLevel,
        capability: null,
        expiredAt: null,
        message:
          denial.requiredLevel === 'OWNER'
            ? `"${action}" is for the resource’s owner and the organization’s owners; the level is ${ACCESS_LEVEL_LABELS[level]}.`
            : `"${action}" needs ${ACCESS_LEVEL_LABELS[denial.requiredLevel]}; the level is ${ACCESS_LEVEL_LABELS[level]}.`,
      };
  }
}

/**
 * A check's answer as the API presents it. The denial's words and the paths
 * are worked out only when a query asks for them: a batch of checks that
 * selects `allowed` and `level` allocates nothing more per check.
 */
export class PresentedDecision extends Decision {
  constructor(
    private readonly decided: EvaluatorDecision,
    userId: string,
    action: string,
    resourceId: string | null,
    revision: string,
  ) {
    super();
    this.allowed = decided.allowed;
    this.level = decided.level;
    this.allowedBy = decided.allowance?.kind ?? null;
    this.userId = userId;
    this.action = action;
    this.resourceId = resourceId;
    this.revision = revision;
  }

  whyNot(): Denial | null {
    return presentDenial(this.decided.denial, this.decided.level, this.action);
  }

  explain(): readonly AccessReason[] {
    return this.decided.paths.map(presentPath);
  }
}

/** Who has access to a resource, as the API presents it. */
export function presentAccessEntries(graph: AccessGraph, resourceId: string, revision: string): AccessEntry[] {
  return resourceAccess(graph, resourceId).map((entry) => ({
    revision,
    userId: entry.userId,
    isPublic: entry.userId === null,
    level: entry.level,
    reasons: entry.paths.map(presentPath),
  }));
}
