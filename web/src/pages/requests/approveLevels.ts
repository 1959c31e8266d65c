import {
  ACCESS_LEVEL_LABELS,
  GRANTABLE_LEVELS,
  RESOURCE_TYPE_REGISTRY,
  aResourceLabel,
  levelRank,
  type GrantLevel,
  type ResourceType,
} from '@rolegraph/shared';

/** The levels an approver may grant, the one offered first, and, when that is not the level asked for, why. */
export interface ApproveLevels {
  readonly levels: readonly GrantLevel[];
  readonly initial: GrantLevel;
  /** Set when the requested level cannot be granted on the resource's type: "Jo asked for Viewer, which a connection does not have: …". */
  readonly unavailable: string | null;
}

/**
 * What the Approve dialog offers for a request: the resource type's grantable
 * levels (all four when the approver cannot see the resource, the server
 * then decides), starting at the level asked for when the type has it, else
 * at the nearest level above it, else at the type's highest.
 */
export function approveLevels(requested: GrantLevel, type: ResourceType | null, requester: string): ApproveLevels {
  if (type === null) return { levels: GRANTABLE_LEVELS, initial: requested, unavailable: null };
  const levels = RESOURCE_TYPE_REGISTRY[type].grantableLevels;
  if (levels.includes(requested)) return { levels, initial: requested, unavailable: null };
  const above = levels.find((level) => levelRank(level) > levelRank(requested));
  const initial = above ?? levels[levels.length - 1]!;
  const instead = above ? `${ACCESS_LEVEL_LABELS[initial]} is the nearest level above it` : `${ACCESS_LEVEL_LABELS[initial]} is the highest it has`;
  return {
    levels,
    initial,
    unavailable: `${requester} asked for ${ACCESS_LEVEL_LABELS[requested]}, which ${aResourceLabel(type)} does not have: ${instead}.`,
  };
}

/**
 * What the approver should know before approving access to a draft
 * assistant: the grant is made, but nobody but its owner and the
 * organization's owners can open a draft until it goes live.
 */
export function draftNotice(resource: { name: string; status?: string | null } | null, requester: string): string | null {
  if (resource?.status !== 'DRAFT') return null;
  return `${resource.name} is a draft: only its owner and the organization's owners can open it. ${requester} gets the access you grant, and can use it once the assistant goes live.`;
}
