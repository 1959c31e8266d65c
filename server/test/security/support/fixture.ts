import { ok, type TestServer } from '../../support/testServer';
import {
  addMember,
  createApiKey,
  createResource,
  createTeam,
  grant,
  signUpOrg,
  tokenOf,
  uniqueEmail,
  type TestOrg,
  type TestUser,
} from '../../support/factories';

export const CONNECTION_SECRET = 'postgres://svc:Sw33p-c0nnection-secret@db/warehouse';
export const LLM_SECRET = 'sk-sweep-llm-key-0123456789abcdef';

export type CredentialName = 'anonymous' | 'owner' | 'admin' | 'user' | 'outsider' | 'keyDirectory' | 'keyResources' | 'keyPermissions' | 'keyAudit';
export const CREDENTIALS: readonly CredentialName[] = [
  'anonymous',
  'owner',
  'admin',
  'user',
  'outsider',
  'keyDirectory',
  'keyResources',
  'keyPermissions',
  'keyAudit',
];
/** The one area each sweep key holds at READ. */
export const KEY_AREA: Partial<Record<CredentialName, string>> = {
  keyDirectory: 'directory',
  keyResources: 'resources',
  keyPermissions: 'permissions',
  keyAudit: 'audit',
};

/**
 * Organization A ("Acme"): owner Hana, admin Ravi, users Jo and Kim; team
 * Data = {Jo (team admin), Kim}; Hana's connection with credentials and her
 * project P shared with team Data; Kim's live assistant in P; Jo's corpus; a
 * pending invitation; Jo's pending access request for the connection; the LLM key set; one read key per API key area.
 * Organization B: an outsider who owns it, with a project and a team.
 */
export interface SweepFixture {
  readonly org: TestOrg;
  readonly admin: TestUser;
  readonly jo: TestUser;
  readonly kim: TestUser;
  readonly teamId: string;
  readonly connectionId: string;
  readonly projectId: string;
  readonly assistantId: string;
  readonly corpusId: string;
  readonly invitationId: string;
  /** Jo's pending request for Editor on Hana's connection, which Jo cannot see. */
  readonly accessRequestId: string;
  /** The pending invitation's link token (what its holder has). */
  readonly invitationToken: string;
  readonly outsiderOrg: TestOrg;
  readonly outsiderIds: readonly string[];
  readonly tokens: Readonly<Record<CredentialName, string | null>>;
  readonly apiKeySecrets: readonly string[];
}

async function readKey(t: TestServer, token: string, area: string): Promise<string> {
  const scopes = { directory: 'NONE', resources: 'NONE', permissions: 'NONE', audit: 'NONE', [area]: 'READ' };
  return createApiKey(t, token, `sweep ${area}`, scopes);
}

export async function buildSweepFixture(t: TestServer): Promise<SweepFixture> {
  const org = await signUpOrg(t, 'Hana', 'Acme');
  const admin = await addMember(t, org, 'ADMIN', 'Ravi');
  const jo = await addMember(t, org, 'USER', 'Jo');
  const kim = await addMember(t, org, 'USER', 'Kim');
  const teamId = await createTeam(t, org.owner.token, 'Data', [{ id: jo.id, role: 'ADMIN' }, { id: kim.id }]);
  const connectionId = await createResource(t, org.owner.token, { type: 'CONNECTION', name: 'Warehouse', credentials: CONNECTION_SECRET });
  const projectId = await createResource(t, org.owner.token, { type: 'PROJECT', name: 'Support' });
  await grant(t, org.owner.token, projectId, { teamId }, 'MEMBER');
  const assistantId = await createResource(t, kim.token, { type: 'ASSISTANT', name: 'Helper', parentId: projectId, status: 'LIVE' });
  const corpusId = await createResource(t, jo.token, { type: 'CORPUS', name: 'Handbook' });
  const invited = ok(
    await t.gql(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } acceptUrl } }`,
      { input: { email: uniqueEmail('pending'), role: 'USER' } },
      org.owner.token,
    ),
  );
  ok(
    await t.gql(
      `mutation($input: UpdateLlmConfigurationInput!) { updateLlmConfiguration(input: $input) { provider } }`,
      { input: { provider: 'openai', model: 'gpt', apiKey: LLM_SECRET } },
      org.owner.token,
    ),
  );
  const requested = ok(
    await t.gql(
      `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`,
      { input: { resourceId: connectionId, level: 'EDITOR', reason: 'reports' } },
      jo.token,
    ),
  );
  const keys = {
    keyDirectory: await readKey(t, org.owner.token, 'directory'),
    keyResources: await readKey(t, org.owner.token, 'resources'),
    keyPermissions: await readKey(t, org.owner.token, 'permissions'),
    keyAudit: await readKey(t, org.owner.token, 'audit'),
  };

  const outsiderOrg = await signUpOrg(t, 'Olga', 'Elsewhere');
  const outsiderProject = await createResource(t, outsiderOrg.owner.token, { type: 'PROJECT', name: 'Their project' });
  const outsiderTeam = await createTeam(t, outsiderOrg.owner.token, 'Their team');

  return {
    org,
    admin,
    jo,
    kim,
    teamId,
    connectionId,
    projectId,
    assistantId,
    corpusId,
    invitationId: invited.inviteMember.invitation.id,
    accessRequestId: requested.requestAccess.id,
    invitationToken: tokenOf(invited.inviteMember.acceptUrl),
    outsiderOrg,
    outsiderIds: [outsiderOrg.id, outsiderOrg.owner.id, outsiderProject, outsiderTeam],
    tokens: { anonymous: null, owner: org.owner.token, admin: admin.token, user: kim.token, outsider: outsiderOrg.owner.token, ...keys },
    apiKeySecrets: Object.values(keys),
  };
}

/** Everything in organization A that a refused mutation must leave as it was. */
export async function stateOf(t: TestServer, organizationId: string): Promise<string> {
  const q = (sql: string) => t.server.app.dataSource.query(sql, [organizationId]);
  return JSON.stringify({
    organization: await q(`SELECT name, plan, seats FROM organizations WHERE id = $1`),
    memberships: await q(`SELECT account_id, role FROM memberships WHERE organization_id = $1 ORDER BY account_id`),
    teams: await q(`SELECT id, name, description FROM teams WHERE organization_id = $1 ORDER BY id`),
    teamMembers: await q(`SELECT team_id, account_id, role FROM team_members WHERE organization_id = $1 ORDER BY team_id, account_id`),
    resources: await q(`SELECT id, name, description, owner_id, status, visibility, credentials FROM resources WHERE organization_id = $1 ORDER BY id`),
    grants: await q(`SELECT id, resource_id, subject_user_id, subject_team_id, level FROM grants WHERE organization_id = $1 ORDER BY id`),
    invitations: await q(`SELECT id, revoked_at, accepted_at FROM invitations WHERE organization_id = $1 ORDER BY id`),
    apiKeys: await q(`SELECT id, revoked_at FROM api_keys WHERE organization_id = $1 ORDER BY id`),
    accessRequests: await q(`SELECT id, status, answered_by FROM access_requests WHERE organization_id = $1 ORDER BY id`),
  });
}
