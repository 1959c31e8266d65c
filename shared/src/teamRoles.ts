/** Roles inside a team (SPEC 1.6). New members are `MEMBER`; the creator is the first `ADMIN`. */
export const TEAM_ROLES = ['ADMIN', 'MEMBER'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
