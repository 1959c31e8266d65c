import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { addMember, check, createResource, createTeam, grant, revoke, signUpOrg, signUpSpecCast, type TestOrg, type TestUser } from '../support/factories';

const GRANT = `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id level user { id } team { id } } }`;
const REVOKE = `mutation($input: RevokeAccessInput!) { revokeAccess(input: $input) }`;
const TRANSFER = `mutation($input: TransferOwnershipInput!) { transferOwnership(input: $input) { id owner { id isMember } } }`;

let t: TestServer;
let org: TestOrg;
let ravi: TestUser;
let jo: TestUser;
let kim: TestUser;
beforeAll(async () => {
  t = await startTestServer();
  ({ org, ravi, jo, kim } = await signUpSpecCast(t));
});
afterAll(() => t.close());

describe('granting', () => {
  it('needs manageAccess: ADMIN on the resource (and assets.share)', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Playbooks' });
    await grant(t, ravi.token, corpus, { userId: jo.id }, 'EDITOR');
    const refused = await t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: kim.id }, level: 'VIEWER' } }, jo.token);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/needs Admin access; you have Editor/);
    await grant(t, ravi.token, corpus, { userId: jo.id }, 'ADMIN');
    ok(await t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: kim.id }, level: 'VIEWER' } }, jo.token));
    expect(await check(t, org.owner.token, kim.id, 'read', corpus)).toEqual({ allowed: true, level: 'VIEWER' });
  });

  it('one grant per subject: granting again changes the level', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Once' });
    const first = ok(await t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'VIEWER' } }, ravi.token)).grantAccess;
    const second = ok(await t.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'EDITOR' } }, ravi.token)).grantAccess;
    expect(second.id).toBe(first.id);
    expect(second.level).toBe('EDITOR');
    const shared = ok(await t.gql(`query($id: ID!) { resource(id: $id) { sharedWith { level } } }`, { id: corpus }, ravi.token)).resource.sharedWith;
    expect(shared).toEqual([{ level: 'EDITOR' }]);
  });

  it('refuses levels the type cannot be granted, and subjects outside the organization', async () => {
    const project = await createResource(t, ravi.token, { type: 'PROJECT', name: 'Levels' });
    const editor = await t.gql(GRANT, { input: { resourceId: project, subject: { userId: jo.id }, level: 'EDITOR' } }, ravi.token);
    expect(errorCode(editor)).toBe('BAD_USER_INPUT');
    expect(editor.errors?.[0]?.message).toMatch(/choose Member or Admin/);
    const stranger = await signUpOrg(t, 'Stranger');
    const strangerTeam = await createTeam(t, stranger.owner.token, 'Theirs');
    expect(errorCode(await t.gql(GRANT, { input: { resourceId: project, subject: { userId: stranger.owner.id }, level: 'MEMBER' } }, ravi.token))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await t.gql(GRANT, { input: { resourceId: project, subject: { teamId: strangerTeam }, level: 'MEMBER' } }, ravi.token))).toBe('NOT_FOUND');
    expect(
      errorCode(await t.gql(GRANT, { input: { resourceId: project, subject: { userId: jo.id, teamId: strangerTeam }, level: 'MEMBER' } }, ravi.token)),
    ).toBe('BAD_USER_INPUT');
    expect(ok(await t.gql(`query($id: ID!) { resource(id: $id) { sharedWith { id } } }`, { id: project }, ravi.token)).resource.sharedWith).toEqual([]);
  });
});

describe('revoking', () => {
  it('takes effect for the very next check', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Revoked' });
    for (let round = 0; round < 10; round++) {
      await grant(t, ravi.token, corpus, { userId: jo.id }, 'EDITOR');
      expect((await check(t, org.owner.token, jo.id, 'editDocuments', corpus)).allowed).toBe(true);
      await revoke(t, ravi.token, corpus, { userId: jo.id });
      expect(await check(t, org.owner.token, jo.id, 'read', corpus)).toEqual({ allowed: false, level: 'NONE' });
    }
  });

  it('tells the people who lost a grant that their access was removed, with the resource it was on', async () => {
    const LATEST = `{ notifications(first: 1) { edges { node { kind message data } } } }`;
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Taken back' });
    await grant(t, ravi.token, corpus, { userId: jo.id }, 'EDITOR');
    await revoke(t, ravi.token, corpus, { userId: jo.id });
    const [direct] = ok(await t.gql(LATEST, {}, jo.token)).notifications.edges;
    expect(direct.node.kind).toBe('ACCESS_REVOKED');
    expect(direct.node.message).toMatch(/ removed your Editor access to Corpus 'Taken back'\.$/);
    expect(direct.node.data).toMatchObject({ resourceId: corpus, level: 'EDITOR', teamId: null });

    const team = await createTeam(t, ravi.token, `Readers ${Date.now()}`, [{ id: kim.id }]);
    await grant(t, ravi.token, corpus, { teamId: team }, 'VIEWER');
    await revoke(t, ravi.token, corpus, { teamId: team });
    const [throughTeam] = ok(await t.gql(LATEST, {}, kim.token)).notifications.edges;
    expect(throughTeam.node.kind).toBe('ACCESS_REVOKED');
    expect(throughTeam.node.message).toMatch(/ removed team Readers \d+'s Viewer access to Corpus 'Taken back'\.$/);
    expect(throughTeam.node.data).toMatchObject({ resourceId: corpus, teamId: team });
  });

  it('answers NOT_FOUND for a grant that does not exist', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Nothing' });
    expect(errorCode(await t.gql(REVOKE, { input: { resourceId: corpus, subject: { userId: jo.id } } }, ravi.token))).toBe('NOT_FOUND');
  });

  it('a team’s admins may remove their team’s grants without managing the resource', async () => {
    const team = await createTeam(t, ravi.token, `Ops ${Date.now()}`, [{ id: jo.id, role: 'ADMIN' }, { id: kim.id }]);
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Team shared' });
    await grant(t, ravi.token, corpus, { teamId: team }, 'VIEWER');
    expect((await check(t, org.owner.token, kim.id, 'read', corpus)).allowed).toBe(true);
    expect(errorCode(await t.gql(REVOKE, { input: { resourceId: corpus, subject: { teamId: team } } }, kim.token))).toBe('FORBIDDEN');
    ok(await t.gql(REVOKE, { input: { resourceId: corpus, subject: { teamId: team } } }, jo.token));
    expect((await check(t, org.owner.token, kim.id, 'read', corpus)).allowed).toBe(false);
  });
});

describe('ownership', () => {
  it('the owner transfers; the previous owner keeps ADMIN unless asked not to', async () => {
    const corpus = await createResource(t, jo.token, { type: 'CORPUS', name: 'Moving' });
    const moved = ok(await t.gql(TRANSFER, { input: { resourceId: corpus, toUserId: kim.id } }, jo.token)).transferOwnership;
    expect(moved.owner.id).toBe(kim.id);
    expect(await check(t, org.owner.token, jo.id, 'delete', corpus)).toEqual({ allowed: true, level: 'ADMIN' });
    expect(await check(t, org.owner.token, kim.id, 'transferOwnership', corpus)).toEqual({ allowed: true, level: 'OWNER' });
    ok(await t.gql(TRANSFER, { input: { resourceId: corpus, toUserId: jo.id, keepAccess: false } }, kim.token));
    expect(await check(t, org.owner.token, kim.id, 'read', corpus)).toEqual({ allowed: false, level: 'NONE' });
  });

  it('someone else needs users.manage; the target must be a member', async () => {
    const corpus = await createResource(t, jo.token, { type: 'CORPUS', name: 'Not yours' });
    await grant(t, jo.token, corpus, { userId: kim.id }, 'ADMIN');
    expect(errorCode(await t.gql(TRANSFER, { input: { resourceId: corpus, toUserId: kim.id } }, kim.token))).toBe('FORBIDDEN');
    const stranger = await signUpOrg(t, 'Elsewhere');
    expect(errorCode(await t.gql(TRANSFER, { input: { resourceId: corpus, toUserId: stranger.owner.id } }, jo.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(TRANSFER, { input: { resourceId: corpus, toUserId: jo.id } }, jo.token))).toBe('BAD_USER_INPUT');
  });

  it('an admin cannot take an owner’s connection and then read its credentials; checks say so beforehand', async () => {
    const connection = await createResource(t, org.owner.token, {
      type: 'CONNECTION',
      name: 'Owner’s warehouse',
      credentials: 'postgres://svc:owner-only@db/w',
    });
    // Ravi (ADMIN, users.manage) can see it through a grant, so the refusal is FORBIDDEN, not NOT_FOUND.
    await grant(t, org.owner.token, connection, { userId: ravi.id }, 'MEMBER');
    expect(await check(t, org.owner.token, ravi.id, 'transferOwnership', connection)).toEqual({ allowed: false, level: 'MEMBER' });
    const explained = ok(
      await t.gql(`query($u: ID!, $r: ID!) { explainAccess(userId: $u, resourceId: $r) { allowedActions } }`, { u: ravi.id, r: connection }, org.owner.token),
    );
    expect(explained.explainAccess.allowedActions).not.toContain('transferOwnership');
    const taken = await t.gql(TRANSFER, { input: { resourceId: connection, toUserId: ravi.id } }, ravi.token);
    expect(errorCode(taken)).toBe('FORBIDDEN');
    const owner = ok(await t.gql(`query($id: ID!) { resource(id: $id) { owner { id } } }`, { id: connection }, org.owner.token)).resource.owner.id;
    expect(owner).toBe(org.owner.id);
    const read = await t.gql(`query($id: ID!) { resource(id: $id) { ... on Connection { credentials } } }`, { id: connection }, ravi.token);
    expect(JSON.stringify(read)).not.toContain('owner-only');
    // Nor can he give a current member's asset away to someone else.
    const jos = await createResource(t, jo.token, { type: 'CORPUS', name: 'Jo’s, not Ravi’s' });
    await grant(t, jo.token, jos, { userId: ravi.id }, 'ADMIN');
    expect(errorCode(await t.gql(TRANSFER, { input: { resourceId: jos, toUserId: kim.id } }, ravi.token))).toBe('FORBIDDEN');
  });

  it('an org owner may transfer any resource, and checkPermission says so with the allowance', async () => {
    const corpus = await createResource(t, jo.token, { type: 'CORPUS', name: 'Reassigned by the owner' });
    const decision = ok(
      await t.gql(
        `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed level allowedBy } }`,
        { input: { userId: org.owner.id, action: 'transferOwnership', resourceId: corpus } },
        org.owner.token,
      ),
    ).checkPermission;
    expect(decision).toEqual({ allowed: true, level: 'ADMIN', allowedBy: 'ORG_OWNER' });
    ok(await t.gql(TRANSFER, { input: { resourceId: corpus, toUserId: kim.id } }, org.owner.token));
  });

  it('removing a member: resources pass to reassignTo in the same step, or stay with the former member until rescued', async () => {
    const leaver = await addMember(t, org, 'USER', 'Leaver');
    const kept = await createResource(t, leaver.token, { type: 'CORPUS', name: 'Kept by leaver' });
    const other = await createResource(t, leaver.token, { type: 'CORPUS', name: 'Also by leaver' });
    await grant(t, leaver.token, kept, { userId: jo.id }, 'VIEWER');
    const removed = ok(
      await t.gql(
        `mutation($input: RemoveMemberInput!) { removeMember(input: $input) { ownedResourceIds ownedResourceCount reassignedResourceIds } }`,
        { input: { userId: leaver.id } },
        ravi.token,
      ),
    ).removeMember;
    expect(removed.ownedResourceCount).toBe(2);
    expect(removed.ownedResourceIds.sort()).toEqual([kept, other].sort());
    const shown = ok(await t.gql(`query($id: ID!) { resource(id: $id) { owner { id isMember } } }`, { id: kept }, jo.token)).resource;
    expect(shown.owner).toEqual({ id: leaver.id, isMember: false });
    expect(await check(t, org.owner.token, jo.id, 'read', kept)).toEqual({ allowed: true, level: 'VIEWER' });
    // Those who manage members find former members' assets, and rescue them.
    const orphans = ok(await t.gql(`{ resourcesOfFormerMembers { totalCount edges { node { id owner { id } } } } }`, {}, ravi.token)).resourcesOfFormerMembers;
    expect(orphans.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual([kept, other].sort());
    expect(errorCode(await t.gql(`{ resourcesOfFormerMembers { totalCount } }`, {}, jo.token))).toBe('FORBIDDEN');
    const rescue = ok(
      await t.gql(
        `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed allowedBy } }`,
        { input: { userId: ravi.id, action: 'transferOwnership', resourceId: kept } },
        ravi.token,
      ),
    ).checkPermission;
    expect(rescue).toEqual({ allowed: true, allowedBy: 'FORMER_MEMBERS_ASSET' });
    ok(await t.gql(TRANSFER, { input: { resourceId: kept, toUserId: ravi.id } }, ravi.token));
    expect(ok(await t.gql(`query($id: ID!) { resource(id: $id) { owner { id } } }`, { id: kept }, ravi.token)).resource.owner.id).toBe(ravi.id);

    const second = await addMember(t, org, 'USER', 'Second');
    const handed = await createResource(t, second.token, { type: 'CORPUS', name: 'Handed over' });
    const result = ok(
      await t.gql(
        `mutation($input: RemoveMemberInput!) { removeMember(input: $input) { reassignedTo reassignedResourceIds ownedResourceCount } }`,
        { input: { userId: second.id, reassignTo: kim.id } },
        ravi.token,
      ),
    ).removeMember;
    expect(result).toEqual({ reassignedTo: kim.id, reassignedResourceIds: [handed], ownedResourceCount: 0 });
    expect(await check(t, org.owner.token, kim.id, 'transferOwnership', handed)).toEqual({ allowed: true, level: 'OWNER' });
  });

  it('a removed member has no access left, whatever grants or ownership remain', async () => {
    const gone = await addMember(t, org, 'USER', 'Gone');
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Before removal' });
    const owned = await createResource(t, gone.token, { type: 'CORPUS', name: 'Owned by gone' });
    const team = await createTeam(t, ravi.token, `Gone team ${Date.now()}`, [{ id: gone.id }]);
    await grant(t, ravi.token, corpus, { teamId: team }, 'EDITOR');
    ok(
      await t.gql(
        `mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId } }`,
        { input: { userId: gone.id, reassignTo: null } },
        ravi.token,
      ),
    );
    expect(await check(t, org.owner.token, gone.id, 'read', corpus)).toEqual({ allowed: false, level: 'NONE' });
    expect(await check(t, org.owner.token, gone.id, 'read', owned)).toEqual({ allowed: false, level: 'NONE' });
    expect(errorCode(await t.gql(`{ resources { totalCount } }`, {}, gone.token))).toBe('FORBIDDEN');
  });
});
