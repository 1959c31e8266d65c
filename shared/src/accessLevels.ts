/**
 * Resource access levels, weakest first. `NONE` is the effective
 * level of someone with no path to a resource; `OWNER` is never granted, it
 * comes from owning the resource.
 */
export const ACCESS_LEVELS = ['VIEWER', 'MEMBER', 'EDITOR', 'ADMIN', 'OWNER'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export type EffectiveLevel = AccessLevel | 'NONE';

/** Levels a grant may carry. */
export const GRANTABLE_LEVELS = ['VIEWER', 'MEMBER', 'EDITOR', 'ADMIN'] as const;
export type GrantLevel = (typeof GRANTABLE_LEVELS)[number];

const RANK: Record<EffectiveLevel, number> = { NONE: 0, VIEWER: 1, MEMBER: 2, EDITOR: 3, ADMIN: 4, OWNER: 5 };

export function levelRank(level: EffectiveLevel): number {
  return RANK[level];
}

/** True when `level` allows everything `required` allows. */
export function levelAtLeast(level: EffectiveLevel, required: EffectiveLevel): boolean {
  return RANK[level] >= RANK[required];
}

export const ACCESS_LEVEL_LABELS: Record<EffectiveLevel, string> = {
  NONE: 'No access',
  VIEWER: 'Viewer',
  MEMBER: 'Member',
  EDITOR: 'Editor',
  ADMIN: 'Admin',
  OWNER: 'Owner',
};
