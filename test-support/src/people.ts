import { randomUUID } from 'node:crypto';
import type { OrgRole } from '@rolegraph/shared';
import { ok, type GraphQLEndpoint } from './graphqlClient';

export const PASSWORD = 'correct horse battery';

export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly token: string;
}

export interface TestOrg {
  readonly id: string;
  readonly owner: TestUser;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/** Signs up a new account with a new organization; the account is its owner. */
export async function signUpOrg(t: GraphQLEndpoint, label = 'owner', organizationName = 'Acme'): Promise<TestOrg> {
  const email = uniqueEmail(label);
  const data = ok(
    await t.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { token account { id email name } organization { id } } }`, {
      input: { email, password: PASSWORD, name: label, organizationName },
    }),
  );
  return {
    id: data.signUp.organization.id,
    owner: { id: data.signUp.account.id, email, name: label, token: data.signUp.token },
  };
}

/** The people of The access model's worked example: org owner Hana, admin Ravi, users Jo and Kim, in a new organization. */
export async function signUpSpecCast(t: GraphQLEndpoint): Promise<{ org: TestOrg; ravi: TestUser; jo: TestUser; kim: TestUser }> {
  const org = await signUpOrg(t, 'Hana');
  const ravi = await addMember(t, org, 'ADMIN', 'Ravi');
  const jo = await addMember(t, org, 'USER', 'Jo');
  const kim = await addMember(t, org, 'USER', 'Kim');
  return { org, ravi, jo, kim };
}

/** Invites a new person as USER or ADMIN and accepts as them; optionally promotes to OWNER afterwards. */
export async function addMember(t: GraphQLEndpoint, org: TestOrg, role: OrgRole = 'USER', label = 'member'): Promise<TestUser> {
  const email = uniqueEmail(label);
  const invited = ok(
    await t.gql(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`,
      { input: { email, role: role === 'OWNER' ? 'ADMIN' : role } },
      org.owner.token,
    ),
  );
  const token = tokenOf(invited.inviteMember.acceptUrl);
  const accepted = ok(
    await t.gql(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token account { id } } }`, {
      input: { token, name: label, password: PASSWORD },
    }),
  );
  const user = { id: accepted.acceptInvitation.account.id, email, name: label, token: accepted.acceptInvitation.token };
  if (role === 'OWNER') {
    ok(
      await t.gql(
        `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`,
        { input: { userId: user.id, role: 'OWNER' } },
        org.owner.token,
      ),
    );
  }
  return user;
}

/** The invitation token inside an accept link. */
export function tokenOf(acceptUrl: string): string {
  const match = /#token=([^&]+)/.exec(acceptUrl);
  if (!match?.[1]) throw new Error(`No token in ${acceptUrl}`);
  return decodeURIComponent(match[1]);
}

export interface CreateResourceFields {
  type: string;
  name: string;
  parentId?: string;
  attributes?: Record<string, unknown>;
  status?: 'DRAFT' | 'LIVE';
  visibility?: 'PRIVATE' | 'PUBLIC';
  credentials?: string;
  ownerId?: string;
  description?: string;
}

/** Registers a resource as the given caller; returns its id. */
export async function createResource(t: GraphQLEndpoint, token: string, fields: CreateResourceFields): Promise<string> {
  const data = ok(await t.gql(`mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`, { input: fields }, token));
  return data.createResource.id;
}

/** A connection, a schema agent on it and a semantic model on that, all owned by the caller. */
export async function createModelChain(
  t: GraphQLEndpoint,
  token: string,
  name = 'Sales',
): Promise<{ connectionId: string; schemaAgentId: string; semanticModelId: string }> {
  const connectionId = await createResource(t, token, { type: 'CONNECTION', name: `${name} warehouse`, credentials: 'postgres://svc:secret@db/warehouse' });
  const schemaAgentId = await createResource(t, token, { type: 'SCHEMA_AGENT', name: `${name} schema`, attributes: { connectionId } });
  const semanticModelId = await createResource(t, token, { type: 'SEMANTIC_MODEL', name, attributes: { schemaAgentId } });
  return { connectionId, schemaAgentId, semanticModelId };
}

export async function grant(
  t: GraphQLEndpoint,
  token: string,
  resourceId: string,
  subject: { userId?: string; teamId?: string },
  level: string,
): Promise<void> {
  ok(await t.gql(`mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`, { input: { resourceId, subject, level } }, token));
}

export async function revoke(t: GraphQLEndpoint, token: string, resourceId: string, subject: { userId?: string; teamId?: string }): Promise<void> {
  ok(await t.gql(`mutation($input: RevokeAccessInput!) { revokeAccess(input: $input) }`, { input: { resourceId, subject } }, token));
}

export async function createTeam(t: GraphQLEndpoint, token: string, name: string, members: { id: string; role?: string }[] = []): Promise<string> {
  const teamId = ok(await t.gql(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, { input: { name } }, token)).createTeam.id;
  for (const m of members) {
    ok(
      await t.gql(
        `mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }`,
        { input: { teamId, userId: m.id, role: m.role ?? 'MEMBER' } },
        token,
      ),
    );
  }
  return teamId;
}

/** A checkPermission answer as the given caller. */
export async function check(
  t: GraphQLEndpoint,
  token: string,
  userId: string,
  action: string,
  resourceId?: string,
): Promise<{ allowed: boolean; level: string }> {
  return ok(
    await t.gql(`query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed level } }`, { input: { userId, action, resourceId } }, token),
  ).checkPermission;
}
