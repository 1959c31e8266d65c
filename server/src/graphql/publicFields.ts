/**
 * Deny by default: every field of the schema carries an `@Authorized` rule,
 * except those listed here. A test walks the whole schema and fails on any
 * field that is neither guarded nor listed, and on stale entries.
 *
 * Root fields listed here are open to anyone (they do their own checks, such
 * as a password or an invitation token). Fields of object types listed here
 * need no rule of their own because the object is only reachable through a
 * guarded field, and everything in it is for whoever may reach it.
 */
export const PUBLIC_FIELDS: Readonly<Record<string, readonly string[]>> = {
  // Open to anyone: the matrix is the same for every organization; the three
  // mutations check a password or an invitation token themselves.
  Query: ['permissionMatrix'],
  Mutation: ['signUp', 'signIn', 'acceptInvitation'],
  // Identity: reached through me, signUp/signIn/acceptInvitation (the caller's own session) and switchOrganization.
  Account: ['createdAt', 'email', 'id', 'name'],
  Organization: ['createdAt', 'id', 'name'],
  OrganizationMembership: ['joinedAt', 'organization', 'role'],
  Session: ['account', 'expiresAt', 'organization', 'token'],
  Viewer: ['account', 'apiKey', 'capabilities', 'organization', 'organizations', 'role'],
  ViewerApiKey: ['id', 'name'],
  // The permission matrix: the same public tables for everyone.
  PermissionMatrix: ['apiKeyPresets', 'apiScopeAreas', 'capabilities', 'levels', 'resourceTypes', 'roles'],
  RoleDescription: ['name', 'role', 'seedName', 'summary'],
  CapabilityRow: ['covers', 'id', 'label', 'roles'],
  ResourceTypeRow: ['actions', 'createCapability', 'defaultShareLevel', 'grantableLevels', 'label', 'parentType', 'type'],
  ActionRequirementRow: ['action', 'capability', 'minLevel'],
  ApiScopeAreaRow: ['accesses', 'covers', 'id', 'label'],
  ApiKeyPreset: ['id', 'label', 'scopes'],
  ApiKeyScopesType: ['audit', 'directory', 'permissions', 'resources'],
  PlanOption: ['defaultSeats', 'id', 'label', 'maxSeats'],
  // Pagination wrappers: their lists come from guarded queries.
  PageInfo: ['endCursor', 'hasNextPage'],
  MemberConnection: ['edges', 'pageInfo', 'totalCount'],
  MemberEdge: ['cursor', 'node'],
  TeamConnection: ['edges', 'pageInfo', 'totalCount'],
  TeamEdge: ['cursor', 'node'],
  ResourceConnection: ['edges', 'pageInfo', 'totalCount'],
  ResourceEdge: ['cursor', 'node'],
  AuditEntryConnection: ['edges', 'pageInfo', 'totalCount'],
  AuditEntryEdge: ['cursor', 'node'],
  NotificationConnection: ['edges', 'pageInfo', 'totalCount'],
  NotificationEdge: ['cursor', 'node'],
  // Directory: members, invitations and teams are visible to members of the organization (members, teams) or to those who manage members (invitations, removal results). Member.ownedResources shows only what the viewer may read, unless they manage members.
  Member: ['assignableRoles', 'email', 'id', 'isYou', 'joinedAt', 'name', 'ownedResources', 'role', 'teams'],
  RoleOption: ['allowed', 'reason', 'role'],
  Invitation: ['createdAt', 'email', 'expiresAt', 'id', 'invitedBy', 'role', 'status'],
  CreatedInvitation: ['acceptUrl', 'invitation'],
  RemovedMember: ['email', 'ownedResourceCount', 'ownedResourceIds', 'reassignedResourceIds', 'reassignedTo', 'userId'],
  Team: ['createdAt', 'description', 'grants', 'id', 'memberCount', 'members', 'name', 'viewerIsAdmin'],
  TeamMembership: ['addedAt', 'member', 'role'],
  // Resources: reached only through guarded queries, and every field that leads to another resource (parent, assistants, corpora, Grant.resource) shows only what the viewer may read. Connection.credentials is guarded (readCredentials) and is not listed here; SchemaAgent.connection and SemanticModel.schemaAgent show what they are built on, as sharing promises (credentials stay guarded).
  Project: ['assistants', 'attributes', 'createdAt', 'description', 'id', 'myLevel', 'name', 'owner', 'parent', 'sharedWith', 'type', 'updatedAt'],
  Assistant: ['attributes', 'corpora', 'createdAt', 'description', 'id', 'myLevel', 'name', 'owner', 'parent', 'sharedWith', 'status', 'type', 'updatedAt', 'visibility'],
  Corpus: ['attributes', 'createdAt', 'description', 'id', 'myLevel', 'name', 'owner', 'parent', 'sharedWith', 'type', 'updatedAt'],
  Connection: ['attributes', 'createdAt', 'description', 'hasCredentials', 'id', 'myLevel', 'name', 'owner', 'parent', 'sharedWith', 'type', 'updatedAt'],
  SchemaAgent: ['attributes', 'connection', 'createdAt', 'description', 'id', 'myLevel', 'name', 'owner', 'parent', 'sharedWith', 'type', 'updatedAt'],
  SemanticModel: ['attributes', 'createdAt', 'description', 'id', 'myLevel', 'name', 'owner', 'parent', 'schemaAgent', 'sharedWith', 'type', 'updatedAt'],
  ResourceOwner: ['email', 'id', 'isMember', 'name'],
  Grant: ['createdAt', 'grantedBy', 'id', 'level', 'resource', 'team', 'updatedAt', 'user'],
  // Decisions: reached through checkPermission(s), explainAccess, resourceAccess and the live feed, each guarded.
  Decision: ['action', 'allowed', 'denial', 'level', 'reasons', 'resourceId', 'userId'],
  Denial: ['capability', 'kind', 'message', 'requiredLevel'],
  AccessExplanation: ['allowedActions', 'level', 'reasons', 'resourceId', 'userId'],
  AccessEntry: ['isPublic', 'level', 'reasons', 'user', 'userId'],
  AccessReason: ['anchorResource', 'anchorResourceId', 'inherited', 'kinds', 'level', 'source', 'summary', 'team', 'teamId', 'winning'],
  // Keys, settings, audit, notifications: reached through queries guarded by apiKeys.manage, llmConfig.manage, billing.manage, auditLog.read, or the caller's own notifications.
  ApiKey: ['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'scopes'],
  CreatedApiKey: ['apiKey', 'secret'],
  LlmConfiguration: ['apiKeyLast4', 'model', 'provider', 'updatedAt'],
  Billing: ['plan', 'plans', 'seats', 'seatsUsed'],
  AuditEntry: ['action', 'actor', 'after', 'before', 'createdAt', 'id', 'outcome', 'requestId', 'targetId', 'targetLabel', 'targetType'],
  AuditActor: ['id', 'label', 'type'],
  Notification: ['createdAt', 'data', 'id', 'kind', 'message', 'read'],
  // Live events: each delivery is re-authorized before its payload is resolved.
  AccessChange: ['reason', 'revision'],
  MemberChangeEvent: ['change', 'invitationId', 'member', 'userId'],
  ResourceAccessChange: ['access', 'resource', 'resourceId', 'revision'],
};
