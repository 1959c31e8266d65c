import type { EffectiveLevel, ResourceType } from '@rolegraph/shared';

export type { EffectiveLevel, ResourceType };

/**
 * How fresh an answer must be. Omitted: the client asks AT_LEAST the most
 * recent revision it has seen (so it always sees its own writes and anything
 * it was told about), or FULL before it has seen one.
 */
export type Consistency = { readonly mode: 'FULL' } | { readonly mode: 'AT_LEAST'; readonly atLeast: string } | { readonly mode: 'MINIMIZE_LATENCY' };

export interface CheckInput {
  readonly userId: string;
  /** An action of the resource's type (e.g. "chat"), or without a resource an org capability (e.g. "users.manage"). */
  readonly action: string;
  readonly resourceId?: string | null;
}

export interface Denial {
  readonly kind: 'NOT_A_MEMBER' | 'DRAFT' | 'EXPIRED' | 'NO_ACCESS' | 'INSUFFICIENT_LEVEL' | 'MISSING_CAPABILITY';
  readonly requiredLevel: EffectiveLevel | null;
  readonly capability: string | null;
  readonly message: string;
}

export interface Decision {
  readonly allowed: boolean;
  readonly level: EffectiveLevel;
  readonly denial: Denial | null;
  readonly allowedBy: 'ORG_OWNER' | 'FORMER_MEMBERS_ASSET' | null;
  readonly userId: string;
  readonly action: string;
  readonly resourceId: string | null;
  /** The revision token the answer was decided at. */
  readonly revision: string;
}

export interface AccessReason {
  readonly source: 'ORG_ROLE' | 'OWNERSHIP' | 'DIRECT_GRANT' | 'TEAM_GRANT' | 'PUBLIC';
  readonly level: EffectiveLevel;
  readonly winning: boolean;
  readonly inherited: boolean;
  readonly teamId: string | null;
  readonly anchorResourceId: string | null;
  readonly expiresAt: string | null;
  readonly summary: string;
}

export interface AccessExplanation {
  readonly userId: string;
  readonly resourceId: string;
  readonly level: EffectiveLevel;
  readonly allowedActions: readonly string[];
  readonly reasons: readonly AccessReason[];
  /** Why the user cannot open the resource, when they cannot (the denial of "read"); null when they can. */
  readonly denial: Denial | null;
  readonly revision: string;
}

export interface ResourceSummary {
  readonly id: string;
  readonly type: ResourceType;
}

export interface ResourcePage {
  readonly resources: readonly ResourceSummary[];
  readonly totalCount: number;
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
  readonly revision: string;
}

export interface AccessEntry {
  /** null for the entry of everyone (a live public assistant). */
  readonly userId: string | null;
  readonly level: EffectiveLevel;
  readonly reasons: readonly AccessReason[];
  readonly revision: string;
}

/** One message of the access change stream. */
export interface AccessLevelChange {
  readonly kind: 'LEVEL_CHANGED' | 'CAUGHT_UP' | 'RESYNC_REQUIRED';
  readonly userId: string | null;
  readonly resourceId: string | null;
  readonly resourceType: ResourceType | null;
  readonly before: EffectiveLevel | null;
  readonly after: EffectiveLevel | null;
  readonly revision: string;
  readonly endOfRevision: boolean;
}
