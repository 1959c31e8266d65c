/** Organization roles, strongest first. */
export const ORG_ROLES = ['OWNER', 'ADMIN', 'USER'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** Roles an invitation may offer: owners are made by promotion only. */
export const INVITABLE_ROLES: readonly OrgRole[] = ['ADMIN', 'USER'];

export const ORG_ROLE_LABELS: Record<OrgRole, { name: string; seedName: string; summary: string }> = {
  OWNER: {
    name: 'Owner',
    seedName: 'Global Admin',
    summary: 'Full access, including billing, LLM configuration and API keys; admin of every team, project and asset.',
  },
  ADMIN: {
    name: 'Admin',
    seedName: 'Application Admin',
    summary: 'Manages members (not owners), teams, projects and connections; no billing or LLM configuration.',
  },
  USER: {
    name: 'User',
    seedName: 'User',
    summary: 'Uses shared connections, runs schema agents, creates semantic models, corpora and assistants.',
  },
};

/** Promoting beyond this many owners is allowed, with a warning in the web app ("keep owners to one or two"). */
export const RECOMMENDED_MAX_OWNERS = 2;
