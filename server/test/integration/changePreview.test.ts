import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { addMember, createResource, createTeam, grant, signUpOrg, signUpSpecCast, type TestOrg, type TestUser } from '../support/factories';

/*
 * previewChange against the real thing: for each kind of change, the levels
 * the preview says will move are exactly those that move when the mutation
 * is then really made (every member × every resource, asked through
 * checkPermissions before and after), and the preview itself writes nothing.
 */

const PREVIEW = `query($change: ChangeInput!, $items: Int) {
  previewChange(change: $change, itemsPerUser: $items) {
    affectedUsers totalGains totalLosses hasMoreUsers
    users { userId user { id } gains losses lostAccess hasMore changes { resource { id name } resourceType before after gain } }
  }
}`;
const CHECKS = `query($inputs: [CheckPermissionInput!]!) { checkPermissions(inputs: $inputs) { level } }`;

let t: TestServer;
let org: TestOrg;
let ravi: TestUser;
let jo: TestUser;
let kim: TestUser;
let lee: TestUser;
let project: string;
let assistant: string;
let corpus: string;
let team: string;
const people = (): TestUser[] => [org.owner, ravi, jo, kim, lee];
const resources = (): string[] => [project, assistant, corpus];

beforeAll(async () => {
  t = await startTestServer();
  ({ org, ravi, jo, kim } = await signUpSpecCast(t));
  lee = await addMember(t, org, 'USER', 'Lee');
  project = await createResource(t, ravi.token, { type: 'PROJECT', name: 'Roadmap' });
  assistant = await createResource(t, ravi.token, { type: 'ASSISTANT', name: 'Planner', parentId: project, status: 'LIVE' });
  corpus = await createResource(t, jo.token, { type: 'CORPUS', name: 'Notes' });
  team = await createTeam(t, org.owner.token, 'Data', [{ id: jo.id }]);
  await grant(t, org.owner.token, project, { teamId: team }, 'MEMBER');
  await grant(t, jo.token, corpus, { userId: lee.id }, 'VIEWER');
});
afterAll(() => t.close());

/** Every member's level on every resource, keyed "user|resource". */
async function levels(): Promise<Map<string, string>> {
  const pairs = people().flatMap((p) => resources().map((r) => ({ userId: p.id, resourceId: r })));
  const answers = ok(await t.gql(CHECKS, { inputs: pairs.map((p) => ({ ...p, action: 'read' })) }, org.owner.token)).checkPermissions;
  return new Map(pairs.map((p, i) => [`${p.userId}|${p.resourceId}`, answers[i].level]));
}

function moved(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before].filter(([key, level]) => after.get(key) !== level).map(([key, level]) => `${key}|${level}->${after.get(key)}`);
}

async function previewed(change: Record<string, unknown>, token = org.owner.token): Promise<{ list: string[]; answer: any }> {
  const answer = ok(await t.gql(PREVIEW, { change, items: 100 }, token)).previewChange;
  const list = answer.users.flatMap((u: any) => u.changes.map((c: any) => `${u.userId}|${c.resource.id}|${c.before}->${c.after}`));
  return { list, answer };
}

async function grantRows(): Promise<unknown> {
  return t.server.app.dataSource.query(`SELECT id, level, expires_at FROM grants WHERE organization_id = $1 ORDER BY id`, [org.id]);
}

/** Previews the change, checks nothing was written, makes it, and compares. */
async function expectPreviewMatches(change: Record<string, unknown>, mutate: () => Promise<void>, token = org.owner.token): Promise<any> {
  const before = await levels();
  const rowsBefore = await grantRows();
  const { list, answer } = await previewed(change, token);
  expect(await grantRows()).toEqual(rowsBefore);
  expect(await levels()).toEqual(before);
  await mutate();
  const actual = moved(before, await levels());
  expect(list.sort()).toEqual(actual.sort());
  expect(answer.totalGains + answer.totalLosses).toBe(actual.length);
  return answer;
}

const gql = async (query: string, variables: Record<string, unknown>, token: string) => ok(await t.gql(query, variables, token));

describe('the preview equals what the mutation then does', () => {
  it('adding a member to a team that has a project', async () => {
    const input = { teamId: team, userId: lee.id };
    const answer = await expectPreviewMatches({ addTeamMember: input }, async () => {
      await gql(`mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }`, { input }, org.owner.token);
    });
    expect(answer.users).toEqual([expect.objectContaining({ userId: lee.id, user: { id: lee.id }, gains: 2, losses: 0, lostAccess: 0, hasMore: false })]);
  });

  it('removing a member from that team', async () => {
    const input = { teamId: team, userId: lee.id };
    const answer = await expectPreviewMatches({ removeTeamMember: input }, async () => {
      await gql(`mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { id } }`, { input }, org.owner.token);
    });
    expect(answer.users[0]).toMatchObject({ userId: lee.id, losses: 2, lostAccess: 2 });
  });

  it('granting with an end date, then changing the level', async () => {
    const input = { resourceId: project, subject: { userId: kim.id }, level: 'ADMIN', expiresAt: new Date(Date.now() + 3600_000).toISOString() };
    await expectPreviewMatches({ grantAccess: input }, async () => {
      await gql(`mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`, { input }, org.owner.token);
    });
    const lower = { resourceId: project, subject: { teamId: team }, level: 'ADMIN' };
    await expectPreviewMatches({ grantAccess: lower }, async () => {
      await gql(`mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`, { input: lower }, org.owner.token);
    });
  });

  it('revoking a grant', async () => {
    const input = { resourceId: corpus, subject: { userId: lee.id } };
    const answer = await expectPreviewMatches({ revokeAccess: input }, async () => {
      await gql(`mutation($input: RevokeAccessInput!) { revokeAccess(input: $input) }`, { input }, org.owner.token);
    });
    expect(answer).toMatchObject({ affectedUsers: 1, totalLosses: 1, totalGains: 0 });
  });

  it('an assistant set to draft', async () => {
    const input = { id: assistant, status: 'DRAFT' };
    await expectPreviewMatches({ updateResource: input }, async () => {
      await gql(`mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id } }`, { input }, org.owner.token);
    });
    const live = { id: assistant, status: 'LIVE' };
    await expectPreviewMatches({ updateResource: live }, async () => {
      await gql(`mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id } }`, { input: live }, org.owner.token);
    });
  });

  it('a role change', async () => {
    const input = { userId: lee.id, role: 'OWNER' };
    await expectPreviewMatches({ changeMemberRole: input }, async () => {
      await gql(`mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`, { input }, org.owner.token);
    });
    // Only that owner may step down, so only they may preview it.
    const back = { userId: lee.id, role: 'USER' };
    await expectPreviewMatches(
      { changeMemberRole: back },
      async () => {
        await gql(`mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`, { input: back }, lee.token);
      },
      lee.token,
    );
  });

  it('an ownership transfer', async () => {
    const input = { resourceId: corpus, toUserId: kim.id, keepAccess: false };
    await expectPreviewMatches({ transferOwnership: input }, async () => {
      await gql(`mutation($input: TransferOwnershipInput!) { transferOwnership(input: $input) { id } }`, { input }, org.owner.token);
    });
  });

  it('removing a member, their resources passed on', async () => {
    const input = { userId: kim.id, reassignTo: ravi.id };
    await expectPreviewMatches({ removeMember: input }, async () => {
      await gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { __typename } }`, { input }, org.owner.token);
    });
  });

  it('deleting a team', async () => {
    const ops = await createTeam(t, org.owner.token, 'Ops', [{ id: lee.id }]);
    await grant(t, org.owner.token, project, { teamId: ops }, 'ADMIN');
    const answer = await expectPreviewMatches({ deleteTeam: ops }, async () => {
      await gql(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: ops }, org.owner.token);
    });
    // Lee had the project and its assistant only through the team.
    expect(answer.users).toEqual([expect.objectContaining({ userId: lee.id, losses: 2, lostAccess: 2, gains: 0 })]);
  });

  it('deleting a project: everyone loses it and its assistants, a public assistant’s visitors too', async () => {
    const sunset = await createResource(t, ravi.token, { type: 'PROJECT', name: 'Sunset' });
    const bot = await createResource(t, ravi.token, { type: 'ASSISTANT', name: 'Sunset bot', parentId: sunset, status: 'LIVE', visibility: 'PUBLIC' });
    await grant(t, ravi.token, sunset, { userId: jo.id }, 'MEMBER');
    const members = [org.owner, ravi, jo, lee];
    const pairs = members.flatMap((p) => [sunset, bot].map((r) => ({ userId: p.id, resourceId: r, action: 'read' })));
    const answers = ok(await t.gql(CHECKS, { inputs: pairs }, org.owner.token)).checkPermissions;
    const lost = pairs.flatMap((p, i) => (answers[i].level === 'NONE' ? [] : [`${p.userId}|${p.resourceId}|${answers[i].level}->NONE`]));
    const rowsBefore = await grantRows();
    const { list, answer } = await previewed({ deleteResource: sunset });
    expect(await grantRows()).toEqual(rowsBefore);
    expect(list.sort()).toEqual([...lost, `null|${bot}|MEMBER->NONE`].sort());
    expect(answer).toMatchObject({ totalGains: 0, totalLosses: lost.length + 1, hasMoreUsers: false });
    expect(ok(await t.gql(`mutation($id: ID!) { deleteResource(id: $id) }`, { id: sunset }, ravi.token)).deleteResource).toBe(true);
    expect(errorCode(await t.gql(CHECKS, { inputs: [pairs[0]] }, org.owner.token))).toBe('NOT_FOUND');
  });
});

describe('previewChanges: several changes, made in order', () => {
  const PREVIEW_ALL = `query($changes: [ChangeInput!]!) {
    previewChanges(changes: $changes, itemsPerUser: 100) { totalGains totalLosses users { userId changes { resource { id } before after } } }
  }`;
  const GRANT = `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`;
  const REVOKE = `mutation($input: RevokeAccessInput!) { revokeAccess(input: $input) }`;

  it('equals what a share dialog’s Save then does: a removal, a lower level and a newcomer', async () => {
    const guide = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Style guide' });
    await grant(t, ravi.token, guide, { userId: jo.id }, 'EDITOR');
    await grant(t, ravi.token, guide, { userId: lee.id }, 'ADMIN');
    const save = [
      { revokeAccess: { resourceId: guide, subject: { userId: jo.id } } },
      { grantAccess: { resourceId: guide, subject: { userId: lee.id }, level: 'VIEWER' } },
      { grantAccess: { resourceId: guide, subject: { teamId: team }, level: 'EDITOR' } },
    ];
    const pairs = [org.owner, ravi, jo, lee].map((p) => ({ userId: p.id, resourceId: guide, action: 'read' }));
    const levelsNow = async () => ok(await t.gql(CHECKS, { inputs: pairs }, org.owner.token)).checkPermissions.map((d: { level: string }) => d.level);
    const before = await levelsNow();
    const rowsBefore = await grantRows();
    const preview = ok(await t.gql(PREVIEW_ALL, { changes: save }, ravi.token)).previewChanges;
    expect(await grantRows()).toEqual(rowsBefore);
    for (const change of save) {
      if (change.revokeAccess) await gql(REVOKE, { input: change.revokeAccess }, ravi.token);
      else await gql(GRANT, { input: change.grantAccess }, ravi.token);
    }
    const after = await levelsNow();
    const actual = pairs.flatMap((p, i) => (before[i] === after[i] ? [] : [`${p.userId} ${before[i]}->${after[i]}`]));
    const listed = preview.users.flatMap((u: any) => u.changes.map((c: any) => `${u.userId} ${c.before}->${c.after}`));
    expect(listed.sort()).toEqual(actual.sort());
    // Jo leaves as an editor and comes back one through the team; Lee goes down to Viewer.
    expect(actual).toEqual([`${lee.id} ADMIN->VIEWER`]);
    expect(preview).toMatchObject({ totalGains: 0, totalLosses: 1 });
  });

  it('checks each change on what the ones before it leave, and refuses as the first refused mutation would', async () => {
    const memo = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Memo' });
    const grantThenRevoke = [
      { grantAccess: { resourceId: memo, subject: { userId: lee.id }, level: 'VIEWER' } },
      { revokeAccess: { resourceId: memo, subject: { userId: lee.id } } },
    ];
    // The revoke names the grant the first change makes: fine together, and together they move nothing.
    expect(ok(await t.gql(PREVIEW_ALL, { changes: grantThenRevoke }, ravi.token)).previewChanges).toMatchObject({ totalGains: 0, totalLosses: 0 });
    expect(errorCode(await t.gql(PREVIEW_ALL, { changes: grantThenRevoke.slice(1) }, ravi.token))).toBe('NOT_FOUND');
    // Ravi may share his memo but not the owner's board (he cannot see it): refused as that grantAccess refuses him.
    const board = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Board' });
    const second = { resourceId: board, subject: { userId: jo.id }, level: 'VIEWER' };
    const refused = await t.gql(PREVIEW_ALL, { changes: [grantThenRevoke[0], { grantAccess: second }] }, ravi.token);
    expect(errorCode(refused)).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(GRANT, { input: second }, ravi.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(PREVIEW_ALL, { changes: [] }, ravi.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(PREVIEW_ALL, { changes: [{}] }, ravi.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(PREVIEW_ALL, { changes: Array.from({ length: 51 }, () => grantThenRevoke[0]) }, ravi.token))).toBe('BAD_USER_INPUT');
  });

  it('previews several promotions to Owner together in an organization of this size (each reaches every resource)', async () => {
    const promotions = [jo, lee].map((p) => ({ changeMemberRole: { userId: p.id, role: 'OWNER' } }));
    const preview = ok(await t.gql(PREVIEW_ALL, { changes: promotions }, org.owner.token)).previewChanges;
    expect(preview.users.map((u: { userId: string }) => u.userId).sort()).toEqual([jo.id, lee.id].sort());
    expect(preview.totalLosses).toBe(0);
    for (const user of preview.users) expect(new Set(user.changes.map((c: { after: string }) => c.after))).toEqual(new Set(['ADMIN']));
  });
});

describe('authorized like the mutation', () => {
  it('answers with the mutation’s own refusal, and lists only the first items asked for', async () => {
    const other = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Ravi’s' });
    const grantInput = { resourceId: other, subject: { userId: jo.id }, level: 'VIEWER' };
    const refusedPreview = await t.gql(PREVIEW, { change: { grantAccess: grantInput } }, jo.token);
    const refusedMutation = await t.gql(`mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`, { input: grantInput }, jo.token);
    expect(errorCode(refusedPreview)).toBe(errorCode(refusedMutation));
    expect(errorCode(refusedPreview)).toBe('NOT_FOUND');
    const role = { userId: ravi.id, role: 'USER' };
    const rolePreview = await t.gql(PREVIEW, { change: { changeMemberRole: role } }, jo.token);
    expect(errorCode(rolePreview)).toBe('FORBIDDEN');
    const few = ok(await t.gql(PREVIEW, { change: { changeMemberRole: { userId: jo.id, role: 'OWNER' } }, items: 1 }, org.owner.token)).previewChange;
    expect(few.users[0].changes).toHaveLength(1);
    expect(few.users[0].hasMore).toBe(true);
  });

  it('deleting a team or a resource: refused exactly as the mutation refuses; an id from elsewhere or a bad one is not found', async () => {
    const theirs = await createTeam(t, org.owner.token, 'Leads', [{ id: jo.id }]);
    const notes = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Ravi’s notes' });
    await grant(t, ravi.token, notes, { userId: jo.id }, 'VIEWER');
    const outsider = (await signUpOrg(t, 'Elsewhere')).owner;
    const cases: [Record<string, string>, string, string][] = [
      [{ deleteTeam: theirs }, jo.token, 'FORBIDDEN'], // a plain member of the team
      [{ deleteResource: notes }, jo.token, 'FORBIDDEN'], // a viewer
      [{ deleteTeam: theirs }, outsider.token, 'NOT_FOUND'],
      [{ deleteResource: notes }, outsider.token, 'NOT_FOUND'],
      [{ deleteTeam: 'not-an-id' }, org.owner.token, 'NOT_FOUND'],
      [{ deleteTeam: `${theirs}\u0000` }, org.owner.token, 'BAD_USER_INPUT'],
      [{ deleteResource: '00000000-0000-4000-8000-000000000000' }, org.owner.token, 'NOT_FOUND'],
    ];
    for (const [change, token, code] of cases) {
      const [field, id] = Object.entries(change)[0]!;
      const mutation = await t.gql(`mutation($id: ID!) { ${field}(id: $id) }`, { id }, token);
      const preview = await t.gql(PREVIEW, { change }, token);
      expect({ change, preview: errorCode(preview), mutation: errorCode(mutation) }).toEqual({ change, preview: code, mutation: code });
    }
    // Nothing was deleted by the refused mutations.
    expect(ok(await t.gql(`query($id: ID!) { team(id: $id) { id } }`, { id: theirs }, org.owner.token)).team.id).toBe(theirs);
  });

  it('refuses no change, two changes, and bad values with BAD_USER_INPUT', async () => {
    expect(errorCode(await t.gql(PREVIEW, { change: {} }, org.owner.token))).toBe('BAD_USER_INPUT');
    const two = { changeMemberRole: { userId: jo.id, role: 'ADMIN' }, removeMember: { userId: jo.id } };
    expect(errorCode(await t.gql(PREVIEW, { change: two }, org.owner.token))).toBe('BAD_USER_INPUT');
    const past = { grantAccess: { resourceId: project, subject: { userId: jo.id }, level: 'ADMIN', expiresAt: '2000-01-01T00:00:00Z' } };
    expect(errorCode(await t.gql(PREVIEW, { change: past }, org.owner.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(PREVIEW, { change: { changeMemberRole: { userId: jo.id, role: 'ADMIN' } }, items: 1000 }, org.owner.token))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
