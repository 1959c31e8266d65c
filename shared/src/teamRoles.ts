/** Roles inside a team (SPEC 1.6). New members are `MEMBER`; the creator is the first `ADMIN`. */
export const TEAM_ROLES = ['ADMIN', 'MEMBER'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const DEFAULT_TEAM_ROLE: TeamRole = 'MEMBER';

export function isTeamRole(value: string): value is TeamRole {
  return (TEAM_ROLES as readonly string[]).includes(value);
}
