/** Roles inside a team. New members are `MEMBER`; the creator is the first `ADMIN`. */
export const TEAM_ROLES = ['ADMIN', 'MEMBER'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
