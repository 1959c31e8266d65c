import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { check, createResource, createTeam, grant, signUpOrg, signUpSpecCast, type TestOrg, type TestUser } from '../support/factories';

const ADD = `mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }`;
const REMOVE = `mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { id } }`;
const TEAM = `query($id: ID!) { team(id: $id) { name memberCount viewerIsAdmin members { role member { id } } grants { level resource { id } } } }`;

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

it('creating teams needs teams.create; the creator is the first team admin', async () => {
  expect(errorCode(await t.gql(`mutation { createTeam(input: { name: "Nope" }) { id } }`, {}, jo.token))).toBe('FORBIDDEN');
  const team = await createTeam(t, ravi.token, 'Data');
  const shown = ok(await t.gql(TEAM, { id: team }, ravi.token)).team;
  expect(shown).toMatchObject({ name: 'Data', memberCount: 1, viewerIsAdmin: true, members: [{ role: 'ADMIN', member: { id: ravi.id } }] });
  expect(errorCode(await t.gql(`mutation { createTeam(input: { name: "data" }) { id } }`, {}, ravi.token))).toBe('BAD_USER_INPUT');
});

it('team admins and org owners manage members; plain members do not', async () => {
  const team = await createTeam(t, ravi.token, 'Support', [{ id: jo.id }]);
  expect(errorCode(await t.gql(ADD, { input: { teamId: team, userId: kim.id } }, jo.token))).toBe('FORBIDDEN');
  ok(await t.gql(ADD, { input: { teamId: team, userId: kim.id } }, org.owner.token));
  ok(await t.gql(ADD, { input: { teamId: team, userId: jo.id, role: 'ADMIN' } }, ravi.token));
  ok(await t.gql(REMOVE, { input: { teamId: team, userId: kim.id } }, jo.token));
  const shown = ok(await t.gql(TEAM, { id: team }, jo.token)).team;
  expect(shown.members.map((m: { role: string; member: { id: string } }) => [m.member.id, m.role]).sort()).toEqual(
    [
      [jo.id, 'ADMIN'],
      [ravi.id, 'ADMIN'],
    ].sort(),
  );
});

it('only members of the organization can join; other ids are answered as missing', async () => {
  const team = await createTeam(t, ravi.token, 'Closed');
  const stranger = await signUpOrg(t, 'Stranger');
  expect(errorCode(await t.gql(ADD, { input: { teamId: team, userId: stranger.owner.id } }, ravi.token))).toBe('NOT_FOUND');
  const theirTeam = await createTeam(t, stranger.owner.token, 'Theirs');
  expect(errorCode(await t.gql(ADD, { input: { teamId: theirTeam, userId: jo.id } }, ravi.token))).toBe('NOT_FOUND');
  expect(errorCode(await t.gql(TEAM, { id: theirTeam }, ravi.token))).toBe('NOT_FOUND');
});

it('a team grant reaches members while they are in the team', async () => {
  const team = await createTeam(t, ravi.token, 'Readers', [{ id: kim.id }]);
  const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Library' });
  await grant(t, ravi.token, corpus, { teamId: team }, 'VIEWER');
  expect(await check(t, org.owner.token, kim.id, 'read', corpus)).toEqual({ allowed: true, level: 'VIEWER' });
  const shown = ok(await t.gql(TEAM, { id: team }, ravi.token)).team;
  expect(shown.grants).toEqual([{ level: 'VIEWER', resource: { id: corpus } }]);
  ok(await t.gql(REMOVE, { input: { teamId: team, userId: kim.id } }, ravi.token));
  expect(await check(t, org.owner.token, kim.id, 'read', corpus)).toEqual({ allowed: false, level: 'NONE' });
});

it('deleting a team removes its grants and memberships', async () => {
  const team = await createTeam(t, ravi.token, 'Temporary', [{ id: jo.id }]);
  const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Shared with temp' });
  await grant(t, ravi.token, corpus, { teamId: team }, 'EDITOR');
  expect(errorCode(await t.gql(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: team }, jo.token))).toBe('FORBIDDEN');
  ok(await t.gql(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: team }, ravi.token));
  expect(await check(t, org.owner.token, jo.id, 'read', corpus)).toEqual({ allowed: false, level: 'NONE' });
  expect(errorCode(await t.gql(TEAM, { id: team }, ravi.token))).toBe('NOT_FOUND');
  const memberTeams = ok(await t.gql(`query($id: ID!) { member(id: $id) { teams { id } } }`, { id: jo.id }, ravi.token)).member.teams;
  expect(memberTeams.map((x: { id: string }) => x.id)).not.toContain(team);
});

it('lists teams by name and shows a member’s teams', async () => {
  const fresh = await signUpOrg(t, 'Teams');
  await createTeam(t, fresh.owner.token, 'Zeta');
  await createTeam(t, fresh.owner.token, 'alpha');
  const names = ok(await t.gql(`{ teams { totalCount edges { node { name } } } }`, {}, fresh.owner.token)).teams;
  expect(names.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['alpha', 'Zeta']);
  const mine = ok(await t.gql(`query($id: ID!) { member(id: $id) { teams { name } } }`, { id: fresh.owner.id }, fresh.owner.token)).member.teams;
  expect(mine).toEqual([{ name: 'alpha' }, { name: 'Zeta' }]);
});
