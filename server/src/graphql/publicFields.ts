/**
 * Deny by default: every field of the schema carries an `@Authorized` rule,
 * or belongs to a type with an API key area (fieldAreas.ts: the type is only
 * reached through guarded fields, and API keys need its area), or is listed
 * here with the reason it needs no rule. A test walks the whole schema and
 * fails on any field that is none of these, and on stale entries; the rule
 * snapshot records every field's rules and these reasons.
 */
export interface PublicFields {
  readonly reason: string;
  readonly fields: readonly string[];
}

export const PUBLIC_FIELDS: Readonly<Record<string, PublicFields>> = {
  Query: {
    reason:
      'Open to anyone: the permission matrix is the same public table for every organization; an invitation preview checks the invitation token itself and shows only what the invitation says.',
    fields: ['invitationPreview', 'permissionMatrix'],
  },
  InvitationPreview: {
    reason: 'What an invitation link shows its holder, reached only through invitationPreview, which checks the token.',
    fields: ['email', 'expiresAt', 'invitedByName', 'organizationName', 'role'],
  },
  Mutation: {
    reason: 'Open to anyone: they check a password or an invitation token themselves, and are rate-limited.',
    fields: ['acceptInvitation', 'signIn', 'signUp'],
  },
  Organization: {
    reason: 'The caller’s own organizations, reached through me, signUp, signIn, acceptInvitation and switchOrganization.',
    fields: ['createdAt', 'id', 'name'],
  },
  OrganizationMembership: { reason: 'The caller’s own memberships, reached through me.', fields: ['joinedAt', 'organization', 'role'] },
  Session: {
    reason: 'The caller’s own new session, returned once by signUp, signIn, acceptInvitation and switchOrganization.',
    fields: ['account', 'expiresAt', 'organization', 'token'],
  },
  Viewer: { reason: 'The caller themself (me).', fields: ['account', 'apiKey', 'capabilities', 'organization', 'organizations', 'role'] },
  ViewerApiKey: { reason: 'The API key the caller is using (me).', fields: ['id', 'name'] },
  PermissionMatrix: {
    reason: 'The permission matrix: the same public tables for everyone.',
    fields: ['apiKeyPresets', 'apiScopeAreas', 'capabilities', 'levels', 'resourceTypes', 'roles'],
  },
  RoleDescription: { reason: 'Part of the public permission matrix.', fields: ['name', 'role', 'seedName', 'summary'] },
  CapabilityRow: { reason: 'Part of the public permission matrix.', fields: ['covers', 'id', 'label', 'roles'] },
  ResourceTypeRow: {
    reason: 'Part of the public permission matrix.',
    fields: ['actions', 'createCapability', 'defaultShareLevel', 'grantableLevels', 'label', 'parentType', 'type'],
  },
  ActionRequirementRow: { reason: 'Part of the public permission matrix.', fields: ['action', 'capability', 'formerMembersAssets', 'minLevel', 'orgOwners'] },
  ApiScopeAreaRow: { reason: 'Part of the public permission matrix.', fields: ['accesses', 'covers', 'id', 'label'] },
  ApiKeyPreset: { reason: 'Part of the public permission matrix.', fields: ['id', 'label', 'scopes'] },
  ApiKeyScopesType: {
    reason: 'Scopes of a key: in the public matrix presets, or of keys listed to apiKeys.manage.',
    fields: ['audit', 'directory', 'permissions', 'resources'],
  },
  PlanOption: { reason: 'The plans on offer, reached through billing (billing.manage).', fields: ['defaultSeats', 'id', 'label', 'maxSeats'] },
  PageInfo: { reason: 'Pagination of a list whose query is guarded.', fields: ['endCursor', 'hasNextPage'] },
  MemberConnection: { reason: 'Pagination of a list whose query is guarded.', fields: ['edges', 'pageInfo', 'totalCount'] },
  MemberEdge: { reason: 'Pagination of a list whose query is guarded.', fields: ['cursor', 'node'] },
  TeamConnection: { reason: 'Pagination of a list whose query is guarded.', fields: ['edges', 'pageInfo', 'totalCount'] },
  TeamEdge: { reason: 'Pagination of a list whose query is guarded.', fields: ['cursor', 'node'] },
  ResourceConnection: { reason: 'Pagination of a list whose query is guarded.', fields: ['edges', 'pageInfo', 'totalCount'] },
  ResourceEdge: { reason: 'Pagination of a list whose query is guarded.', fields: ['cursor', 'node'] },
  AuditEntryConnection: { reason: 'Pagination of a list whose query is guarded.', fields: ['edges', 'pageInfo', 'totalCount'] },
  AuditEntryEdge: { reason: 'Pagination of a list whose query is guarded.', fields: ['cursor', 'node'] },
  NotificationConnection: { reason: 'Pagination of a list whose query is guarded.', fields: ['edges', 'pageInfo', 'totalCount'] },
  NotificationEdge: { reason: 'Pagination of a list whose query is guarded.', fields: ['cursor', 'node'] },
  ApiKey: {
    reason: 'Reached only through the API key queries and mutations (apiKeys.manage; never by an API key).',
    fields: ['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'scopes'],
  },
  CreatedApiKey: { reason: 'Returned once by createApiKey (apiKeys.manage).', fields: ['apiKey', 'secret'] },
  LlmConfiguration: {
    reason: 'Reached only through llmConfiguration / updateLlmConfiguration (llmConfig.manage); the key itself is never returned.',
    fields: ['apiKeyLast4', 'model', 'provider', 'updatedAt'],
  },
  Billing: { reason: 'Reached only through billing / updateBilling (billing.manage).', fields: ['plan', 'plans', 'seats', 'seatsUsed'] },
  Notification: {
    reason: 'The caller’s own notifications (notifications, notificationAdded).',
    fields: ['createdAt', 'data', 'id', 'kind', 'message', 'read'],
  },
  ViewerAbility: {
    reason: 'What the viewer themself may do to an object they reached through a guarded field (empty for API keys).',
    fields: ['action', 'allowed', 'reason'],
  },
  AccessChange: { reason: 'The caller’s own access changed (myAccessChanged); each delivery is re-authorized.', fields: ['reason', 'revision'] },
};
