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
      'Open to anyone: the permission matrix is the same public table for every organization; an invitation preview checks the invitation token itself and shows only what the invitation says; signInMethod speaks of an email’s domain only, never of an account, and is rate-limited.',
    fields: ['invitationPreview', 'permissionMatrix', 'signInMethod'],
  },
  InvitationPreview: {
    reason: 'What an invitation link shows its holder, reached only through invitationPreview, which checks the token.',
    fields: ['email', 'expiresAt', 'invitedByName', 'organizationName', 'role'],
  },
  SignInMethod: {
    reason: 'Reached only through signInMethod (open to anyone): whether a domain signs in with single sign-on, never whether an account exists.',
    fields: ['enforced', 'providerName', 'singleSignOn'],
  },
  Mutation: {
    reason: 'Open to anyone: they check a password, an invitation token or a reset token themselves, or only mail a link; they are rate-limited.',
    fields: ['acceptInvitation', 'requestPasswordReset', 'resetPassword', 'signIn', 'signUp'],
  },
  Organization: {
    reason:
      'The caller’s own organizations, reached through me, signUp, signIn, acceptInvitation, switchOrganization, createOrganization, deleteOrganization, renameOrganization and organizationChanged.',
    fields: ['createdAt', 'id', 'name'],
  },
  OrganizationDeletionPreview: {
    reason: 'Reached only through organizationDeletionPreview (organization.manage): counts of the caller’s own organization.',
    fields: ['apiKeys', 'grants', 'members', 'pendingInvitations', 'resources', 'teams'],
  },
  OrganizationMembership: { reason: 'The caller’s own memberships, reached through me.', fields: ['joinedAt', 'organization', 'role'] },
  Session: {
    reason: 'The caller’s own new session, returned once by signUp, signIn, acceptInvitation and resetPassword.',
    fields: ['account', 'expiresAt', 'organization', 'token'],
  },
  Viewer: { reason: 'The caller themself (me).', fields: ['account', 'apiKey', 'capabilities', 'organization', 'organizations', 'role'] },
  SessionInfo: {
    reason: 'The caller’s own sessions (mySessions, a signed-in person only).',
    fields: ['clientAddress', 'createdAt', 'current', 'expiresAt', 'id', 'lastUsedAt', 'organization', 'userAgent'],
  },
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
    fields: ['audit', 'directory', 'permissions', 'provisioning', 'resources'],
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
  SsoConnection: {
    reason: 'Reached only through ssoConnection / configureSso (sso.manage); the client secret is never returned.',
    fields: [
      'clientId',
      'defaultRole',
      'domainClaims',
      'domains',
      'enforce',
      'groupsClaim',
      'hasClientSecret',
      'issuer',
      'redirectUri',
      'scimUrl',
      'teamMappings',
      'updatedAt',
    ],
  },
  SsoTeamMapping: { reason: 'Part of the SSO connection (sso.manage).', fields: ['group', 'teamId'] },
  SsoDomainClaim: {
    reason: 'Part of the SSO connection, or verifySsoDomain’s answer (sso.manage); the record is published in DNS anyway.',
    fields: ['domain', 'recordName', 'recordValue', 'verified', 'verifiedAt'],
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
  AccessRequest: {
    reason:
      'Reached only through the access request queries and mutations (members, never API keys): the caller’s own requests and those they may answer; its resource only when the caller may read it.',
    fields: [
      'answerReason',
      'answeredAt',
      'createdAt',
      'grantedExpiresAt',
      'grantedLevel',
      'id',
      'level',
      'reason',
      'requester',
      'resource',
      'resourceId',
      'status',
      'viewerCanAnswer',
      'viewerCanCancel',
    ],
  },
  AccessRequestConnection: { reason: 'Pagination of a list whose query is guarded.', fields: ['edges', 'pageInfo', 'totalCount'] },
  AccessRequestEdge: { reason: 'Pagination of a list whose query is guarded.', fields: ['cursor', 'node'] },
  AccessRequestReceipt: { reason: 'Returned by requestAccess to the member who asked; the same for any resource id.', fields: ['id', 'message', 'status'] },
  ChangePreview: {
    reason: 'Returned by previewChange, authorized as the mutation previewed; resources are named only where the caller may read them.',
    fields: ['affectedUsers', 'hasMoreUsers', 'totalGains', 'totalLosses', 'users'],
  },
  PreviewedUserChanges: {
    reason: 'Part of a previewChange answer (authorized as the mutation previewed).',
    fields: ['changes', 'gains', 'hasMore', 'lostAccess', 'losses', 'user', 'userId'],
  },
  PreviewedLevelChange: {
    reason: 'Part of a previewChange answer; its resource only when the caller may read it.',
    fields: ['after', 'before', 'gain', 'resource', 'resourceType'],
  },
  AccessChange: { reason: 'The caller’s own access changed (myAccessChanged); each delivery is re-authorized.', fields: ['reason', 'revision'] },
};
