import type { OrgRole } from './orgRoles';

/**
 * The permission matrix: which org role holds which capability.
 * This table is the single definition: the server enforces it, the API
 * returns it (`permissionMatrix`) and the web app renders it.
 */
export const CAPABILITIES = [
  { id: 'organization.manage', label: 'Organization profile', covers: 'Organization name; deleting the organization', roles: ['OWNER'] },
  { id: 'llmConfig.manage', label: 'LLM configuration', covers: 'LLM provider, model, provider API key', roles: ['OWNER'] },
  { id: 'billing.manage', label: 'Billing & subscription', covers: 'Plan, seats', roles: ['OWNER'] },
  { id: 'apiKeys.manage', label: 'API keys', covers: 'Create, list, revoke API keys', roles: ['OWNER'] },
  { id: 'sso.manage', label: 'Single sign-on', covers: 'OIDC connection, claimed domains, enforce SSO, group mapping', roles: ['OWNER'] },
  { id: 'users.manage', label: 'User management', covers: 'Invite, change role, remove members', roles: ['OWNER', 'ADMIN'] },
  { id: 'auditLog.read', label: 'Audit log', covers: 'Read the audit log', roles: ['OWNER', 'ADMIN'] },
  { id: 'teams.create', label: 'Create teams', covers: 'Create teams', roles: ['OWNER', 'ADMIN'] },
  { id: 'projects.create', label: 'Create projects', covers: 'Create projects', roles: ['OWNER', 'ADMIN'] },
  { id: 'connections.create', label: 'Create connections', covers: 'Create data connections', roles: ['OWNER', 'ADMIN'] },
  { id: 'connections.use', label: 'Use connections', covers: 'Use connections shared with you', roles: ['OWNER', 'ADMIN', 'USER'] },
  { id: 'schemaAgents.use', label: 'Schema agents', covers: 'Create and run schema agents', roles: ['OWNER', 'ADMIN', 'USER'] },
  { id: 'semanticModels.use', label: 'Semantic models', covers: 'Create semantic models, collaborate', roles: ['OWNER', 'ADMIN', 'USER'] },
  { id: 'corpora.create', label: 'Create corpora', covers: 'Create knowledge corpora', roles: ['OWNER', 'ADMIN', 'USER'] },
  { id: 'assistants.create', label: 'Create assistants', covers: 'Create assistants in projects you can use', roles: ['OWNER', 'ADMIN', 'USER'] },
  { id: 'publish', label: 'Publish', covers: 'Publish models you collaborate on', roles: ['OWNER', 'ADMIN', 'USER'] },
  { id: 'assets.share', label: 'Share assets', covers: 'Share what you administer', roles: ['OWNER', 'ADMIN', 'USER'] },
] as const satisfies readonly { id: string; label: string; covers: string; roles: readonly OrgRole[] }[];

export type Capability = (typeof CAPABILITIES)[number]['id'];

const CAPABILITY_IDS: ReadonlySet<string> = new Set(CAPABILITIES.map((c) => c.id));

const ROLE_CAPABILITIES: ReadonlyMap<OrgRole, ReadonlySet<Capability>> = new Map(
  (['OWNER', 'ADMIN', 'USER'] as const).map((role) => [
    role,
    new Set(CAPABILITIES.filter((c) => (c.roles as readonly OrgRole[]).includes(role)).map((c) => c.id)),
  ]),
);

export function isCapability(value: string): value is Capability {
  return CAPABILITY_IDS.has(value);
}

/** Does an org role hold a capability? */
export function roleHasCapability(role: OrgRole, capability: Capability): boolean {
  return ROLE_CAPABILITIES.get(role)?.has(capability) ?? false;
}

/** Every capability an org role holds, in matrix order. */
export function capabilitiesOf(role: OrgRole): Capability[] {
  return CAPABILITIES.filter((c) => roleHasCapability(role, c.id)).map((c) => c.id);
}
