import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { addMember, createResource, createTeam, signUpOrg, uniqueEmail, type TestOrg, type TestUser } from '../support/factories';

const CHANGE_ROLE = `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id role } }`;
const REMOVE = `mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId ownedResourceCount } }`;
const LEAVE = `mutation { leaveOrganization }`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id role status } acceptUrl } }`;
const ROLE_OF = `query($id: ID!) { member(id: $id) { role } }`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

async function roleOf(org: TestOrg, user: { id: string }): Promise<string> {
  return ok(await t.gql(ROLE_OF, { id: user.id }, org.owner.token)).member.role;
}

async function ownerCount(org: TestOrg): Promise<number> {
  return ok(await t.gql(`{ members(role: OWNER) { totalCount } }`, {}, org.owner.token)).members.totalCount;
}

describe('rule 1: managing members needs users.manage', () => {
  it('a user cannot invite, change roles or remove, and nothing changes', async () => {
    const org = await signUpOrg(t);
    const user = await addMember(t, org, 'USER');
    const other = await addMember(t, org, 'USER');
    expect(errorCode(await t.gql(INVITE, { input: { email: uniqueEmail(), role: 'USER' } }, user.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(CHANGE_ROLE, { input: { userId: other.id, role: 'ADMIN' } }, user.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(REMOVE, { input: { userId: other.id } }, user.token))).toBe('FORBIDDEN');
    expect(await roleOf(org, other)).toBe('USER');
    expect(ok(await t.gql(`{ pendingInvitations { id } }`, {}, org.owner.token)).pendingInvitations).toHaveLength(0);
  });

  it('an admin invites, changes roles and removes users and admins', async () => {
    const org = await signUpOrg(t);
    const admin = await addMember(t, org, 'ADMIN');
    const user = await addMember(t, org, 'USER');
    const otherAdmin = await addMember(t, org, 'ADMIN');
    ok(await t.gql(INVITE, { input: { email: uniqueEmail(), role: 'ADMIN' } }, admin.token));
    expect(ok(await t.gql(CHANGE_ROLE, { input: { userId: user.id, role: 'ADMIN' } }, admin.token)).changeMemberRole.role).toBe('ADMIN');
    ok(await t.gql(CHANGE_ROLE, { input: { userId: otherAdmin.id, role: 'USER' } }, admin.token));
    ok(await t.gql(REMOVE, { input: { userId: otherAdmin.id } }, admin.token));
    expect(errorCode(await t.gql(ROLE_OF, { id: otherAdmin.id }, org.owner.token))).toBe('NOT_FOUND');
  });
});

describe('rule 2: only an owner gives the OWNER role; invitations offer ADMIN or USER', () => {
  it('an invitation cannot offer OWNER', async () => {
    const org = await signUpOrg(t);
    const result = await t.gql(INVITE, { input: { email: uniqueEmail(), role: 'OWNER' } }, org.owner.token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/promot/i);
  });

  it('an admin cannot promote anyone to owner, themselves included', async () => {
    const org = await signUpOrg(t);
    const admin = await addMember(t, org, 'ADMIN');
    const user = await addMember(t, org, 'USER');
    expect(errorCode(await t.gql(CHANGE_ROLE, { input: { userId: user.id, role: 'OWNER' } }, admin.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(CHANGE_ROLE, { input: { userId: admin.id, role: 'OWNER' } }, admin.token))).toBe('FORBIDDEN');
    expect(await roleOf(org, user)).toBe('USER');
    expect(await roleOf(org, admin)).toBe('ADMIN');
  });

  it('an owner promotes a member to owner', async () => {
    const org = await signUpOrg(t);
    const admin = await addMember(t, org, 'ADMIN');
    ok(await t.gql(CHANGE_ROLE, { input: { userId: admin.id, role: 'OWNER' } }, org.owner.token));
    expect(await roleOf(org, admin)).toBe('OWNER');
  });
});

describe('rule 3: nobody manages an owner but that owner', () => {
  it('an admin cannot change or remove an owner', async () => {
    const org = await signUpOrg(t);
    const admin = await addMember(t, org, 'ADMIN');
    expect(errorCode(await t.gql(CHANGE_ROLE, { input: { userId: org.owner.id, role: 'USER' } }, admin.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(REMOVE, { input: { userId: org.owner.id } }, admin.token))).toBe('FORBIDDEN');
    expect(await roleOf(org, org.owner)).toBe('OWNER');
  });

  it('owners cannot manage other owners', async () => {
    const org = await signUpOrg(t);
    const second = await addMember(t, org, 'OWNER');
    const result = await t.gql(CHANGE_ROLE, { input: { userId: second.id, role: 'ADMIN' } }, org.owner.token);
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toMatch(/other owners/);
    expect(errorCode(await t.gql(REMOVE, { input: { userId: second.id } }, org.owner.token))).toBe('FORBIDDEN');
    expect(await roleOf(org, second)).toBe('OWNER');
  });

  it('an owner may step down while another owner remains', async () => {
    const org = await signUpOrg(t);
    await addMember(t, org, 'OWNER');
    ok(await t.gql(CHANGE_ROLE, { input: { userId: org.owner.id, role: 'ADMIN' } }, org.owner.token));
    expect(await ownerCount(org)).toBe(1);
  });

  it('the role dropdown offers only what the viewer may set, with reasons', async () => {
    const org = await signUpOrg(t);
    const admin = await addMember(t, org, 'ADMIN');
    const user = await addMember(t, org, 'USER');
    const options = ok(await t.gql(`query($id: ID!) { member(id: $id) { assignableRoles { role allowed reason } } }`, { id: user.id }, admin.token)).member
      .assignableRoles;
    expect(options).toEqual([
      { role: 'OWNER', allowed: false, reason: 'Only an owner can make someone an owner.' },
      { role: 'ADMIN', allowed: true, reason: null },
      { role: 'USER', allowed: true, reason: null },
    ]);
    const onOwner = ok(await t.gql(`query($id: ID!) { member(id: $id) { assignableRoles { role allowed } } }`, { id: org.owner.id }, admin.token)).member
      .assignableRoles;
    expect(onOwner.filter((o: { role: string; allowed: boolean }) => o.role !== 'OWNER').every((o: { allowed: boolean }) => !o.allowed)).toBe(true);
  });
});

describe('rule 4: an organization always keeps an owner', () => {
  it('the last owner cannot step down, leave or remove themselves', async () => {
    const org = await signUpOrg(t);
    await addMember(t, org, 'ADMIN');
    expect(errorCode(await t.gql(CHANGE_ROLE, { input: { userId: org.owner.id, role: 'ADMIN' } }, org.owner.token))).toBe('LAST_OWNER');
    expect(errorCode(await t.gql(LEAVE, {}, org.owner.token))).toBe('LAST_OWNER');
    expect(errorCode(await t.gql(REMOVE, { input: { userId: org.owner.id } }, org.owner.token))).toBe('LAST_OWNER');
    expect(await ownerCount(org)).toBe(1);
  });

  it('two owners stepping down at once: exactly one succeeds, the other gets LAST_OWNER', async () => {
    for (let round = 0; round < 5; round++) {
      const org = await signUpOrg(t);
      const second = await addMember(t, org, 'OWNER');
      const results = await Promise.all([
        t.gql(CHANGE_ROLE, { input: { userId: org.owner.id, role: 'ADMIN' } }, org.owner.token),
        t.gql(CHANGE_ROLE, { input: { userId: second.id, role: 'USER' } }, second.token),
      ]);
      const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['LAST_OWNER', 'OK']);
      const rows = await t.server.app.dataSource.query(`SELECT count(*)::int AS n FROM memberships WHERE organization_id = $1 AND role = 'OWNER'`, [org.id]);
      expect(rows[0].n).toBe(1);
    }
  });

  it('two owners leaving at once: exactly one leaves', async () => {
    for (let round = 0; round < 5; round++) {
      const org = await signUpOrg(t);
      const second = await addMember(t, org, 'OWNER');
      const results = await Promise.all([t.gql(LEAVE, {}, org.owner.token), t.gql(LEAVE, {}, second.token)]);
      const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['LAST_OWNER', 'OK']);
      const rows = await t.server.app.dataSource.query(`SELECT count(*)::int AS n FROM memberships WHERE organization_id = $1 AND role = 'OWNER'`, [org.id]);
      expect(rows[0].n).toBe(1);
    }
  });
});

describe('a removal racing changes for the same member', () => {
  const GRANT = `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`;
  const ADD_TO_TEAM = `mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }`;
  const TRANSFER = `mutation($input: TransferOwnershipInput!) { transferOwnership(input: $input) { id } }`;

  it('a grant, a team place or a kept grant written as the member is removed never outlives the removal', async () => {
    for (let round = 0; round < 6; round++) {
      const org = await signUpOrg(t);
      const admin = await addMember(t, org, 'ADMIN');
      const leaving = await addMember(t, org, 'USER');
      const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: `Corpus ${round}` });
      const teamId = await createTeam(t, org.owner.token, `Team ${round}`);
      // Owned by the member being removed: handing it on keeps them an ADMIN grant (keepAccess).
      const theirs = await createResource(t, org.owner.token, { type: 'CORPUS', name: `Theirs ${round}`, ownerId: leaving.id });
      const [granted, placed, transferred, removed] = await Promise.all([
        t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: leaving.id }, level: 'EDITOR' } }, org.owner.token),
        t.gql(ADD_TO_TEAM, { input: { teamId, userId: leaving.id } }, org.owner.token),
        t.gql(TRANSFER, { input: { resourceId: theirs, toUserId: admin.id, keepAccess: true } }, org.owner.token),
        t.gql(REMOVE, { input: { userId: leaving.id } }, admin.token),
      ]);
      ok(removed);
      // Each either ran first (and the removal took what it wrote) or finds the member gone; the transfer stands either
      // way, keeping the previous owner a grant only while they are a member.
      for (const result of [granted, placed]) expect(result.errors?.[0]?.extensions?.code ?? 'OK').toMatch(/^(OK|NOT_FOUND)$/);
      ok(transferred);
      const left = await t.server.app.dataSource.query(
        `SELECT (SELECT count(*)::int FROM grants WHERE organization_id = $1 AND subject_user_id = $2) AS grants,
                (SELECT count(*)::int FROM team_members WHERE organization_id = $1 AND account_id = $2) AS places`,
        [org.id, leaving.id],
      );
      expect(left[0]).toEqual({ grants: 0, places: 0 });
    }
  });
});

describe('rules 5 and 6', () => {
  it('anyone may leave', async () => {
    const org = await signUpOrg(t);
    const user = await addMember(t, org, 'USER');
    const admin = await addMember(t, org, 'ADMIN');
    expect(ok(await t.gql(LEAVE, {}, user.token)).leaveOrganization).toBe(true);
    ok(await t.gql(LEAVE, {}, admin.token));
    expect(ok(await t.gql(`{ members { totalCount } }`, {}, org.owner.token)).members.totalCount).toBe(1);
  });

  it('a third owner is allowed', async () => {
    const org = await signUpOrg(t);
    await addMember(t, org, 'OWNER');
    await addMember(t, org, 'OWNER');
    expect(await ownerCount(org)).toBe(3);
  });
});

describe('member list', () => {
  let org: TestOrg;
  let people: TestUser[];
  beforeAll(async () => {
    org = await signUpOrg(t, 'zed-owner');
    people = [];
    for (const [label, role] of [
      ['alice', 'USER'],
      ['bob', 'ADMIN'],
      ['carol', 'USER'],
      ['dave', 'USER'],
    ] as const) {
      people.push(await addMember(t, org, role, label));
    }
  });

  it('pages through members by name with cursors', async () => {
    const query = `query($after: String) { members(first: 2, after: $after) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`;
    const names: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = ok(await t.gql(query, { after }, org.owner.token)).members;
      expect(page.totalCount).toBe(5);
      names.push(...page.edges.map((e: { node: { name: string } }) => e.node.name));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(names).toEqual(['alice', 'bob', 'carol', 'dave', 'zed-owner']);
  });

  it('searches by name or email and filters by role', async () => {
    const byName = ok(await t.gql(`{ members(search: "CAR") { edges { node { name } } } }`, {}, org.owner.token)).members.edges;
    expect(byName.map((e: { node: { name: string } }) => e.node.name)).toEqual(['carol']);
    const byEmail = ok(await t.gql(`query($s: String) { members(search: $s) { totalCount } }`, { s: people[0]!.email }, org.owner.token)).members;
    expect(byEmail.totalCount).toBe(1);
    const admins = ok(await t.gql(`{ members(role: ADMIN) { edges { node { name role } } } }`, {}, org.owner.token)).members.edges;
    expect(admins).toEqual([{ node: { name: 'bob', role: 'ADMIN' } }]);
    const wildcard = ok(await t.gql(`{ members(search: "%") { totalCount } }`, {}, org.owner.token)).members;
    expect(wildcard.totalCount).toBe(0);
  });

  it('rejects page sizes above the maximum and cursors it did not issue', async () => {
    expect(errorCode(await t.gql(`{ members(first: 1000) { totalCount } }`, {}, org.owner.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(`{ members(after: "garbage") { totalCount } }`, {}, org.owner.token))).toBe('BAD_USER_INPUT');
  });
});

describe('tenant isolation', () => {
  it('an id from another organization is answered exactly as a missing id', async () => {
    const mine = await signUpOrg(t);
    const theirs = await signUpOrg(t);
    const stranger = await addMember(t, theirs, 'USER');
    const invitation = ok(await t.gql(INVITE, { input: { email: uniqueEmail(), role: 'USER' } }, theirs.owner.token)).inviteMember.invitation;
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const id of [stranger.id, missing]) {
      const read = await t.gql(ROLE_OF, { id }, mine.owner.token);
      expect(errorCode(read)).toBe('NOT_FOUND');
      expect(read.errors?.[0]?.message).toBe(`No member with id ${id} in this organization.`);
      expect(errorCode(await t.gql(CHANGE_ROLE, { input: { userId: id, role: 'ADMIN' } }, mine.owner.token))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(REMOVE, { input: { userId: id } }, mine.owner.token))).toBe('NOT_FOUND');
    }
    expect(errorCode(await t.gql(`mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, { id: invitation.id }, mine.owner.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(ROLE_OF, { id: 'not-a-uuid' }, mine.owner.token))).toBe('NOT_FOUND');
    // Nothing changed on the other side.
    expect(await roleOf(theirs, stranger)).toBe('USER');
  });

  it('lists only the caller organization’s members', async () => {
    const mine = await signUpOrg(t);
    const theirs = await signUpOrg(t);
    await addMember(t, theirs, 'USER');
    const page = ok(await t.gql(`{ members { totalCount edges { node { id } } } }`, {}, mine.owner.token)).members;
    expect(page.totalCount).toBe(1);
    expect(page.edges[0].node.id).toBe(mine.owner.id);
  });
});
