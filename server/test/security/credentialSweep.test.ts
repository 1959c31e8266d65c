import { getNamedType, parse, specifiedRules, validate, type GraphQLSchema, type OperationTypeNode, type ValidationRule } from 'graphql';
import { requestLimits } from '../../src/graphql/requestLimits';
import { buildRolegraphSchema } from '../../src/graphql/schema';
import { startTestServer, ok, type GraphQLResult, type TestServer } from '../support/testServer';
import { fullSelection, walkResponse } from './support/selection';
import { liveClient, settle } from '../support/liveClient';
import { buildSweepFixture, CONNECTION_SECRET, CREDENTIALS, KEY_AREA, LLM_SECRET, stateOf, type CredentialName, type SweepFixture } from './support/fixture';

/*
 * Every root query, asked with every field it can reach (three levels deep),
 * by every kind of caller: anonymous, the organization's owner, an admin, a
 * user, the owner of another organization, and one API key per area. The
 * expected answers are written here from the access rules, not read from the
 * code: who may call what, which API key area each type belongs to, and
 * which values must never appear.
 */

type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

/** The area an API key needs to read each type; fields that lead into another area are listed apart. */
const AREA_OF_TYPE: Record<string, string> = {
  Member: 'directory',
  RoleOption: 'directory',
  Team: 'directory',
  TeamMembership: 'directory',
  Invitation: 'directory',
  Account: 'directory',
  Project: 'resources',
  Assistant: 'resources',
  Corpus: 'resources',
  Connection: 'resources',
  SchemaAgent: 'resources',
  SemanticModel: 'resources',
  ResourceOwner: 'resources',
  Grant: 'resources',
  Decision: 'permissions',
  Denial: 'permissions',
  AccessExplanation: 'permissions',
  AccessEntry: 'permissions',
  AccessReason: 'permissions',
  AuditEntry: 'audit',
  AuditActor: 'audit',
};
/** Ids and types name things across areas (a decision names its user and resource): any key may read them. */
const IDENTITY_FIELDS = ['id', 'type'];
const AREA_OF_FIELD: Record<string, string> = {
  'Member.ownedResources': 'resources',
  'Team.grants': 'resources',
  'ResourceOwner.email': 'directory',
  'Grant.user': 'directory',
  'Grant.team': 'directory',
  'Grant.grantedBy': 'directory',
  'AccessEntry.user': 'directory',
  'AccessReason.team': 'directory',
  'AccessReason.anchorResource': 'resources',
};

const ALL = (outcome: Outcome): Record<CredentialName, Outcome> => Object.fromEntries(CREDENTIALS.map((c) => [c, outcome])) as Record<CredentialName, Outcome>;
const KEYS_FORBIDDEN = { keyDirectory: 'FORBIDDEN', keyResources: 'FORBIDDEN', keyPermissions: 'FORBIDDEN', keyAudit: 'FORBIDDEN' } as const;

interface RootCase {
  readonly field: string;
  readonly args?: (f: SweepFixture) => Record<string, unknown>;
  readonly argTypes?: string;
  readonly expected: Record<CredentialName, Outcome>;
}

const MEMBERS_ONLY = { ...ALL('OK'), anonymous: 'UNAUTHENTICATED', ...KEYS_FORBIDDEN } as const;

const ROOTS: readonly RootCase[] = [
  { field: 'me', expected: { ...ALL('OK'), anonymous: 'UNAUTHENTICATED' } },
  { field: 'permissionMatrix', expected: ALL('OK') },
  // Whoever holds the link's token sees what the invitation says; the token is the credential.
  { field: 'invitationPreview', argTypes: '$token: String!', args: (f) => ({ token: f.invitationToken }), expected: ALL('OK') },
  { field: 'signInMethod', argTypes: '$email: String!', args: () => ({ email: 'someone@example.com' }), expected: ALL('OK') },
  { field: 'members', expected: { ...MEMBERS_ONLY, keyDirectory: 'OK' } },
  { field: 'member', argTypes: '$id: ID!', args: (f) => ({ id: f.jo.id }), expected: { ...MEMBERS_ONLY, outsider: 'NOT_FOUND', keyDirectory: 'OK' } },
  { field: 'pendingInvitations', expected: { ...MEMBERS_ONLY, user: 'FORBIDDEN', keyDirectory: 'OK' } },
  { field: 'teams', expected: { ...MEMBERS_ONLY, keyDirectory: 'OK' } },
  { field: 'team', argTypes: '$id: ID!', args: (f) => ({ id: f.teamId }), expected: { ...MEMBERS_ONLY, outsider: 'NOT_FOUND', keyDirectory: 'OK' } },
  {
    field: 'resource',
    argTypes: '$id: ID!',
    args: (f) => ({ id: f.connectionId }),
    // The owner's connection: neither the admin nor a user can see it; other organizations are told it does not exist.
    expected: { ...MEMBERS_ONLY, admin: 'NOT_FOUND', user: 'NOT_FOUND', outsider: 'NOT_FOUND', keyResources: 'OK' },
  },
  { field: 'resources', expected: { ...MEMBERS_ONLY, keyResources: 'OK' } },
  { field: 'resourcesOfFormerMembers', expected: { ...MEMBERS_ONLY, user: 'FORBIDDEN', keyResources: 'OK' } },
  {
    field: 'checkPermission',
    argTypes: '$input: CheckPermissionInput!',
    args: (f) => ({ input: { userId: f.kim.id, action: 'chat', resourceId: f.assistantId } }),
    expected: { ...MEMBERS_ONLY, outsider: 'NOT_FOUND', keyPermissions: 'OK' },
  },
  {
    field: 'checkPermissions',
    argTypes: '$inputs: [CheckPermissionInput!]!',
    args: (f) => ({
      inputs: [
        { userId: f.kim.id, action: 'chat', resourceId: f.assistantId },
        { userId: f.kim.id, action: 'users.manage' },
      ],
    }),
    expected: { ...MEMBERS_ONLY, outsider: 'NOT_FOUND', keyPermissions: 'OK' },
  },
  {
    field: 'explainAccess',
    argTypes: '$userId: ID!, $resourceId: ID!',
    args: (f) => ({ userId: f.kim.id, resourceId: f.assistantId }),
    expected: { ...MEMBERS_ONLY, outsider: 'NOT_FOUND', keyPermissions: 'OK' },
  },
  {
    field: 'accessibleResources',
    argTypes: '$userId: ID!, $type: ResourceType!, $action: String!',
    args: (f) => ({ userId: f.kim.id, type: 'ASSISTANT', action: 'chat' }),
    // The outsider manages members of their own organization, where Kim is nobody: an empty answer.
    expected: { ...MEMBERS_ONLY, keyPermissions: 'OK' },
  },
  {
    field: 'resourceAccess',
    argTypes: '$resourceId: ID!',
    args: (f) => ({ resourceId: f.connectionId }),
    expected: { ...MEMBERS_ONLY, admin: 'NOT_FOUND', user: 'NOT_FOUND', outsider: 'NOT_FOUND', keyPermissions: 'OK' },
  },
  { field: 'apiKeys', expected: { ...MEMBERS_ONLY, admin: 'FORBIDDEN', user: 'FORBIDDEN' } },
  { field: 'auditLog', expected: { ...MEMBERS_ONLY, user: 'FORBIDDEN', keyAudit: 'OK' } },
  { field: 'notifications', expected: MEMBERS_ONLY },
  { field: 'unreadNotificationCount', expected: MEMBERS_ONLY },
  { field: 'accessRequests', expected: MEMBERS_ONLY },
  {
    field: 'previewChange',
    argTypes: '$change: ChangeInput!',
    // Authorized as grantAccess on Hana's connection: only she (and no API key) may preview sharing it.
    args: (f) => ({ change: { grantAccess: { resourceId: f.connectionId, subject: { userId: f.kim.id }, level: 'ADMIN' } } }),
    expected: { ...MEMBERS_ONLY, admin: 'NOT_FOUND', user: 'NOT_FOUND', outsider: 'NOT_FOUND' },
  },
  { field: 'llmConfiguration', expected: { ...MEMBERS_ONLY, admin: 'FORBIDDEN', user: 'FORBIDDEN' } },
  { field: 'billing', expected: { ...MEMBERS_ONLY, admin: 'FORBIDDEN', user: 'FORBIDDEN' } },
  { field: 'ssoConnection', expected: { ...MEMBERS_ONLY, admin: 'FORBIDDEN', user: 'FORBIDDEN' } },
  // A person's own sessions: every signed-in person, never an API key.
  { field: 'mySessions', expected: MEMBERS_ONLY },
];

let t: TestServer;
let f: SweepFixture;
let schema: GraphQLSchema;
const LIMITS = requestLimits({ introspection: true }).validationRules as ValidationRule[];
beforeAll(async () => {
  t = await startTestServer();
  f = await buildSweepFixture(t);
  schema = await buildRolegraphSchema();
});
afterAll(() => t.close());

/**
 * The operation asking for everything under a root field, as deep as the
 * server's cost and depth limits allow (three levels of objects, or fewer).
 */
function rootOperation(kind: 'query' | 'mutation', root: { field: string; argTypes?: string }): string {
  const field = schema.getRootType(kind as OperationTypeNode)!.getFields()[root.field];
  if (!field) throw new Error(`no ${kind} field ${root.field}`);
  const args = field.args.filter((a) => root.argTypes?.includes(`$${a.name}:`)).map((a) => `${a.name}: $${a.name}`);
  for (let depth = 3; ; depth--) {
    const operation = `${kind}${root.argTypes ? `(${root.argTypes})` : ''} { ${root.field}${args.length ? `(${args.join(', ')})` : ''} ${fullSelection(schema, getNamedType(field.type), depth)} }`;
    if (depth === 0 || validate(schema, parse(operation), [...specifiedRules, ...LIMITS]).length === 0) return operation;
  }
}

/**
 * The outcome at the root field: the code of an error at the root itself, or
 * OK when the root answered (fields below it may still be refused, with their
 * own errors: a refusal deeper down is the API key areas at work).
 */
function outcomeOf(result: GraphQLResult, field: string): Outcome | string {
  const own = (result.errors ?? []).filter((e) => e.path?.[0] === field);
  const atRoot = own.find((e) => e.path?.length === 1) ?? (own.length === 0 && !result.data ? result.errors?.[0] : undefined);
  if (atRoot) return atRoot.extensions?.code ?? 'NO CODE';
  return result.data === undefined ? 'NO DATA' : 'OK';
}

/** Every root query's answer for every caller, asked once for the tests below. */
const answers = new Map<string, GraphQLResult>();
const answerKey = (credential: CredentialName, field: string) => `${credential}|${field}`;
function answer(credential: CredentialName, root: RootCase): GraphQLResult {
  const result = answers.get(answerKey(credential, root.field));
  if (!result) throw new Error(`not asked: ${credential} ${root.field}`);
  return result;
}

beforeAll(async () => {
  for (const root of ROOTS) {
    const query = rootOperation('query', root);
    for (const credential of CREDENTIALS) answers.set(answerKey(credential, root.field), await t.gql(query, root.args?.(f) ?? {}, f.tokens[credential]));
  }
}, 300_000);

describe('every root query, by every kind of caller', () => {
  for (const root of ROOTS) {
    it(`${root.field}: the right callers get an answer, the others the right code`, () => {
      const outcomes: Record<string, string> = {};
      for (const credential of CREDENTIALS) {
        const result = answer(credential, root);
        outcomes[credential] = outcomeOf(result, root.field);
        for (const error of result.errors ?? []) expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
      }
      expect(outcomes).toEqual(root.expected);
    });
  }
});

describe('what each answer may contain', () => {
  it('an API key reads only fields of its own area, however it reached them', () => {
    const seen: string[] = [];
    for (const credential of CREDENTIALS) {
      const area = KEY_AREA[credential];
      if (!area) continue;
      for (const root of ROOTS) {
        walkResponse(answer(credential, root).data, (type, field) => {
          if (IDENTITY_FIELDS.includes(field)) return;
          const needed = AREA_OF_FIELD[`${type}.${field}`] ?? AREA_OF_TYPE[type];
          if (needed && needed !== area) seen.push(`${credential} read ${type}.${field} (${needed}) through ${root.field}`);
        });
      }
    }
    expect(seen).toEqual([]);
  });

  it('no answer to one organization holds another organization’s ids', () => {
    const leaks: string[] = [];
    for (const credential of CREDENTIALS) {
      const foreign =
        credential === 'outsider'
          ? [f.org.id, f.org.owner.id, f.admin.id, f.jo.id, f.kim.id, f.teamId, f.connectionId, f.projectId, f.assistantId, f.corpusId]
          : f.outsiderIds;
      for (const root of ROOTS) {
        // Only the data: an error may repeat the id the caller sent ("No member with id …").
        const data = JSON.stringify(answer(credential, root).data ?? null);
        for (const id of foreign) if (data.includes(id)) leaks.push(`${credential} saw ${id} through ${root.field}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('secrets appear only where the rules allow: credentials to the connection’s owner, never an API key secret or the LLM key', () => {
    const appearances = new Set<string>();
    for (const credential of CREDENTIALS) {
      for (const root of ROOTS) {
        const body = JSON.stringify(answer(credential, root));
        if (body.includes(CONNECTION_SECRET)) appearances.add(`credentials to ${credential}`);
        if (body.includes(LLM_SECRET)) appearances.add(`LLM key to ${credential} through ${root.field}`);
        for (const secret of f.apiKeySecrets) if (body.includes(secret)) appearances.add(`an API key secret to ${credential} through ${root.field}`);
      }
    }
    // Hana owns the connection: readCredentials is hers (and every org owner's), wherever she reaches it.
    expect([...appearances]).toEqual(['credentials to owner']);
  });
});

interface MutationCase {
  readonly field: string;
  readonly argTypes: string;
  readonly args: (f: SweepFixture) => Record<string, unknown>;
  /** Only the refusals are swept here: what each of these callers must get. */
  readonly refused: Partial<Record<CredentialName, Outcome>>;
}

const KEYS_READ_ONLY_FORBIDDEN = KEYS_FORBIDDEN;

const MUTATIONS: readonly MutationCase[] = [
  {
    field: 'changeMemberRole',
    argTypes: '$input: ChangeMemberRoleInput!',
    args: (f) => ({ input: { userId: f.jo.id, role: 'ADMIN' } }),
    refused: { anonymous: 'UNAUTHENTICATED', user: 'FORBIDDEN', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'changeMemberRole',
    argTypes: '$input: ChangeMemberRoleInput!',
    args: (f) => ({ input: { userId: f.org.owner.id, role: 'USER' } }),
    refused: { admin: 'FORBIDDEN', user: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  {
    field: 'removeMember',
    argTypes: '$input: RemoveMemberInput!',
    args: (f) => ({ input: { userId: f.jo.id } }),
    refused: { anonymous: 'UNAUTHENTICATED', user: 'FORBIDDEN', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'removeMember',
    argTypes: '$input: RemoveMemberInput!',
    args: (f) => ({ input: { userId: f.org.owner.id } }),
    refused: { admin: 'FORBIDDEN', user: 'FORBIDDEN' },
  },
  {
    field: 'revokeInvitation',
    argTypes: '$id: ID!',
    args: (f) => ({ id: f.invitationId }),
    refused: { anonymous: 'UNAUTHENTICATED', user: 'FORBIDDEN', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'resendInvitation',
    argTypes: '$id: ID!',
    args: (f) => ({ id: f.invitationId }),
    refused: { anonymous: 'UNAUTHENTICATED', user: 'FORBIDDEN', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'updateTeam',
    argTypes: '$input: UpdateTeamInput!',
    args: (f) => ({ input: { id: f.teamId, name: 'Renamed' } }),
    // Kim is a plain member of the team; the admin is not in it and is no org owner.
    refused: { anonymous: 'UNAUTHENTICATED', user: 'FORBIDDEN', admin: 'FORBIDDEN', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'deleteTeam',
    argTypes: '$id: ID!',
    args: (f) => ({ id: f.teamId }),
    refused: { anonymous: 'UNAUTHENTICATED', user: 'FORBIDDEN', admin: 'FORBIDDEN', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'addTeamMember',
    argTypes: '$input: AddTeamMemberInput!',
    args: (f) => ({ input: { teamId: f.teamId, userId: f.admin.id } }),
    refused: { anonymous: 'UNAUTHENTICATED', user: 'FORBIDDEN', admin: 'FORBIDDEN', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'removeTeamMember',
    argTypes: '$input: RemoveTeamMemberInput!',
    args: (f) => ({ input: { teamId: f.teamId, userId: f.kim.id } }),
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'FORBIDDEN', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'createTeam',
    argTypes: '$input: CreateTeamInput!',
    args: () => ({ input: { name: 'Intruders' } }),
    refused: { anonymous: 'UNAUTHENTICATED', user: 'FORBIDDEN', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'createResource',
    argTypes: '$input: CreateResourceInput!',
    args: () => ({ input: { type: 'PROJECT', name: 'Intruder project' } }),
    refused: { anonymous: 'UNAUTHENTICATED', user: 'FORBIDDEN', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'createResource',
    argTypes: '$input: CreateResourceInput!',
    args: (f) => ({ input: { type: 'SCHEMA_AGENT', name: 'On her connection', attributes: { connectionId: f.connectionId } } }),
    refused: { admin: 'NOT_FOUND', user: 'NOT_FOUND', outsider: 'NOT_FOUND' },
  },
  {
    field: 'updateResource',
    argTypes: '$input: UpdateResourceInput!',
    args: (f) => ({ input: { id: f.connectionId, name: 'Mine now' } }),
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'NOT_FOUND', user: 'NOT_FOUND', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'updateResource',
    argTypes: '$input: UpdateResourceInput!',
    args: (f) => ({ input: { id: f.projectId, name: 'Renamed by a member' } }),
    // Kim reaches the project as a team member (MEMBER): she can see it, not change it.
    refused: { user: 'FORBIDDEN', admin: 'NOT_FOUND' },
  },
  {
    field: 'deleteResource',
    argTypes: '$id: ID!',
    args: (f) => ({ id: f.connectionId }),
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'NOT_FOUND', user: 'NOT_FOUND', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'grantAccess',
    argTypes: '$input: GrantAccessInput!',
    args: (f) => ({ input: { resourceId: f.connectionId, subject: { userId: f.kim.id }, level: 'ADMIN' } }),
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'NOT_FOUND', user: 'NOT_FOUND', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'revokeAccess',
    argTypes: '$input: RevokeAccessInput!',
    args: (f) => ({ input: { resourceId: f.projectId, subject: { teamId: f.teamId } } }),
    // Jo, the team's admin, may remove the team's grant; Kim, a plain team member, may not.
    refused: { anonymous: 'UNAUTHENTICATED', user: 'FORBIDDEN', admin: 'NOT_FOUND', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'transferOwnership',
    argTypes: '$input: TransferOwnershipInput!',
    args: (f) => ({ input: { resourceId: f.connectionId, toUserId: f.admin.id } }),
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'NOT_FOUND', user: 'NOT_FOUND', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'transferOwnership',
    argTypes: '$input: TransferOwnershipInput!',
    args: (f) => ({ input: { resourceId: f.assistantId, toUserId: f.admin.id } }),
    // Kim's assistant is visible to the admin? No: he has no path to it. Jo sees it through team Data but is not its owner.
    refused: { admin: 'NOT_FOUND', outsider: 'NOT_FOUND' },
  },
  {
    field: 'createApiKey',
    argTypes: '$input: CreateApiKeyInput!',
    args: () => ({ input: { name: 'sneaky', scopes: { directory: 'WRITE' } } }),
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'FORBIDDEN', user: 'FORBIDDEN', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'updateLlmConfiguration',
    argTypes: '$input: UpdateLlmConfigurationInput!',
    args: () => ({ input: { provider: 'evil', model: 'x', apiKey: 'sk-evil' } }),
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'FORBIDDEN', user: 'FORBIDDEN', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'updateBilling',
    argTypes: '$input: UpdateBillingInput!',
    args: () => ({ input: { plan: 'FREE', seats: 5 } }),
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'FORBIDDEN', user: 'FORBIDDEN', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'leaveOrganization',
    argTypes: '',
    args: () => ({}),
    refused: { anonymous: 'UNAUTHENTICATED', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'requestAccess',
    argTypes: '$input: RequestAccessInput!',
    args: (f) => ({ input: { resourceId: f.connectionId, level: 'VIEWER' } }),
    // Any member may ask (also for what they cannot see); an outsider's request is filed in their own organization.
    refused: { anonymous: 'UNAUTHENTICATED', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'approveAccessRequest',
    argTypes: '$input: ApproveAccessRequestInput!',
    args: (f) => ({ input: { id: f.accessRequestId } }),
    // Only those who may share the connection (Hana) answer; to everyone else the request does not exist.
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'NOT_FOUND', user: 'NOT_FOUND', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'denyAccessRequest',
    argTypes: '$input: DenyAccessRequestInput!',
    args: (f) => ({ input: { id: f.accessRequestId, reason: 'no' } }),
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'NOT_FOUND', user: 'NOT_FOUND', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'cancelAccessRequest',
    argTypes: '$id: ID!',
    args: (f) => ({ id: f.accessRequestId }),
    // Only Jo, who asked, may withdraw it.
    refused: { anonymous: 'UNAUTHENTICATED', owner: 'NOT_FOUND', admin: 'NOT_FOUND', user: 'NOT_FOUND', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'markNotificationsRead',
    argTypes: '',
    args: () => ({}),
    refused: { anonymous: 'UNAUTHENTICATED', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'configureSso',
    argTypes: '$input: ConfigureSsoInput!',
    args: () => ({
      input: { issuer: 'https://evil.example', clientId: 'x', clientSecret: 'y', domains: ['victim.example'], defaultRole: 'ADMIN', enforce: true },
    }),
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'FORBIDDEN', user: 'FORBIDDEN', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'verifySsoDomain',
    argTypes: '$domain: String!',
    args: () => ({ domain: 'victim.example' }),
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'FORBIDDEN', user: 'FORBIDDEN', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'removeSso',
    argTypes: '',
    args: () => ({}),
    refused: { anonymous: 'UNAUTHENTICATED', admin: 'FORBIDDEN', user: 'FORBIDDEN', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'changePassword',
    argTypes: '$input: ChangePasswordInput!',
    args: () => ({ input: { currentPassword: 'guessing', newPassword: 'taken over by a key' } }),
    refused: { anonymous: 'UNAUTHENTICATED', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'endSession',
    argTypes: '$id: ID!',
    args: () => ({ id: '00000000-0000-4000-8000-000000000000' }),
    refused: { anonymous: 'UNAUTHENTICATED', outsider: 'NOT_FOUND', ...KEYS_READ_ONLY_FORBIDDEN },
  },
  {
    field: 'signOutEverywhere',
    argTypes: '',
    args: () => ({}),
    refused: { anonymous: 'UNAUTHENTICATED', ...KEYS_READ_ONLY_FORBIDDEN },
  },
];

describe('every refused mutation', () => {
  for (const mutation of MUTATIONS) {
    it(`${mutation.field} ${JSON.stringify(Object.keys(mutation.refused))}: refused with the right code, nothing changed`, async () => {
      const before = await stateOf(t, f.org.id);
      const outcomes: Record<string, string> = {};
      for (const credential of Object.keys(mutation.refused) as CredentialName[]) {
        const operation = rootOperation('mutation', { field: mutation.field, argTypes: mutation.argTypes || undefined });
        outcomes[credential] = outcomeOf(await t.gql(operation, mutation.args(f), f.tokens[credential]), mutation.field);
      }
      expect(outcomes).toEqual(mutation.refused);
      expect(await stateOf(t, f.org.id)).toBe(before);
    });
  }
});

describe('the accessChanges subscription, by every kind of caller', () => {
  const SUBSCRIBE = `subscription { accessChanges { kind userId resourceId after } }`;
  /** REFUSED: the socket itself is closed (an anonymous socket is refused at connection). */
  type Seen = 'BOTH' | 'OWN' | 'NOTHING' | 'REFUSED' | 'FORBIDDEN';
  const expected: Record<CredentialName, Seen> = {
    anonymous: 'REFUSED',
    owner: 'BOTH',
    admin: 'BOTH',
    user: 'OWN',
    outsider: 'NOTHING',
    keyDirectory: 'FORBIDDEN',
    keyResources: 'FORBIDDEN',
    keyPermissions: 'BOTH',
    keyAudit: 'FORBIDDEN',
  };

  it('everyone’s changes for API keys with permissions: READ and those who manage members, one’s own for a user, nothing across organizations', async () => {
    const clients = CREDENTIALS.map((name) => ({ name, live: liveClient(t.url, f.tokens[name] ?? '') }));
    for (const { live } of clients) live.connected().catch(() => undefined);
    try {
      const streams = clients.map(({ name, live }) => ({
        name,
        live,
        stream: live.subscribe<{ userId: string; resourceId: string; after: string }>(SUBSCRIBE),
      }));
      await settle(500);
      const corpus = ok(await t.gql(`mutation { createResource(input: { type: CORPUS, name: "Streamed" }) { id } }`, {}, f.tokens.owner)).createResource.id;
      for (const user of [f.jo, f.kim]) {
        ok(
          await t.gql(
            `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`,
            { input: { resourceId: corpus, subject: { userId: user.id }, level: 'VIEWER' } },
            f.tokens.owner,
          ),
        );
      }
      await streams.find((s) => s.name === 'owner')!.stream.next((c) => c.userId === f.kim.id && c.resourceId === corpus);
      await settle(500);
      const seen = Object.fromEntries(
        streams.map(({ name, live, stream }) => {
          const errors = JSON.stringify(stream.errors);
          if (live.closeCode() !== null) return [name, 'REFUSED'];
          if (errors.includes('FORBIDDEN')) return [name, 'FORBIDDEN'];
          const users = new Set(stream.received.filter((c) => c.resourceId === corpus).map((c) => c.userId));
          if (users.size === 0) return [name, 'NOTHING'];
          return [name, users.has(f.jo.id) && users.has(f.kim.id) ? 'BOTH' : users.size === 1 && users.has(f.kim.id) ? 'OWN' : `UNEXPECTED ${[...users]}`];
        }),
      );
      expect(seen).toEqual(expected);
    } finally {
      await Promise.all(clients.map(({ live }) => live.dispose()));
    }
  });
});
