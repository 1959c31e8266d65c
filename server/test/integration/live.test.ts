import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import {
  addMember,
  createApiKey,
  createModelChain,
  createResource,
  createTeam,
  grant,
  revoke,
  signUpOrg,
  uniqueEmail,
  type TestOrg,
  type TestUser,
} from '../support/factories';
import { liveClient, settle, type LiveClient } from '../support/liveClient';

let t: TestServer;
const clients: LiveClient[] = [];
beforeAll(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});
afterAll(() => t.close());

/** Invites one address as a User; answers the invitation's id. */
async function invite(token: string, email: string): Promise<string> {
  const sent = ok(
    await t.gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } } }`, { input: { email, role: 'USER' } }, token),
  );
  return sent.inviteMember.invitation.id as string;
}

function connect(token: string): LiveClient {
  const client = liveClient(t.url, token);
  clients.push(client);
  return client;
}

const NOTIFICATIONS = `subscription { notificationAdded { id kind message data read } }`;
const MY_ACCESS = `subscription { myAccessChanged { reason revision } }`;
const MEMBERS = `subscription { memberChanged { change userId member { id role } } }`;
const RESOURCE_ACCESS = `subscription($id: ID!) { resourceAccessChanged(resourceId: $id) { resourceId access { userId level } } }`;
const AUDIT = `subscription { auditEventAdded { action actor { label } } }`;

describe('sharing reaches the collaborator live', () => {
  let org: TestOrg;
  let jo: TestUser;
  beforeAll(async () => {
    org = await signUpOrg(t, 'Hana');
    jo = await addMember(t, org, 'USER', 'Jo');
  });

  it('Jo gets a notification and an access change when Hana shares a semantic model', async () => {
    const { semanticModelId } = await createModelChain(t, org.owner.token, 'Sales');
    const live = connect(jo.token);
    await live.connected();
    const notifications = live.subscribe<{ kind: string; message: string; data: { resourceId: string } }>(NOTIFICATIONS);
    const access = live.subscribe<{ reason: string }>(MY_ACCESS);
    await settle(100);
    await grant(t, org.owner.token, semanticModelId, { userId: jo.id }, 'EDITOR');
    const notification = await notifications.next();
    expect(notification.kind).toBe('RESOURCE_SHARED');
    expect(notification.message).toBe("Hana shared Semantic model 'Sales' with you as Editor.");
    expect(notification.data.resourceId).toBe(semanticModelId);
    expect((await access.next()).reason).toBe('GRANT_CHANGED');
    // The notification is stored, unread.
    const stored = ok(await t.gql(`{ notifications(unreadOnly: true) { totalCount edges { node { message read } } } unreadNotificationCount }`, {}, jo.token));
    expect(stored.unreadNotificationCount).toBe(1);
    expect(ok(await t.gql(`mutation { markNotificationsRead }`, {}, jo.token)).markNotificationsRead).toBe(1);
    expect(ok(await t.gql(`{ unreadNotificationCount }`, {}, jo.token)).unreadNotificationCount).toBe(0);
  });

  it('nobody else receives Jo’s notifications', async () => {
    const kim = await addMember(t, org, 'USER', 'Kim');
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Handbook' });
    const kimLive = connect(kim.token);
    await kimLive.connected();
    const kimNotifications = kimLive.subscribe(NOTIFICATIONS);
    const joLive = connect(jo.token);
    await joLive.connected();
    const joNotifications = joLive.subscribe(NOTIFICATIONS);
    await settle(100);
    await grant(t, org.owner.token, corpus, { userId: jo.id }, 'VIEWER');
    await joNotifications.next();
    await settle();
    expect(kimNotifications.received).toEqual([]);
  });
});

describe('a resource’s own change reaches those who read it', () => {
  const UPDATE = `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id } }`;
  let org: TestOrg;
  let jo: TestUser;
  let kim: TestUser;
  let project: string;
  beforeAll(async () => {
    org = await signUpOrg(t, 'Hana');
    jo = await addMember(t, org, 'USER', 'Jo');
    kim = await addMember(t, org, 'USER', 'Kim');
    project = await createResource(t, org.owner.token, { type: 'PROJECT', name: 'Support' });
    await grant(t, org.owner.token, project, { userId: jo.id }, 'MEMBER');
  });

  /** Jo's and Kim's myAccessChanged, open and registered. */
  async function joAndKim() {
    const [joLive, kimLive] = [connect(jo.token), connect(kim.token)];
    await Promise.all([joLive.connected(), kimLive.connected()]);
    const streams = { jo: joLive.subscribe<{ reason: string }>(MY_ACCESS), kim: kimLive.subscribe<{ reason: string }>(MY_ACCESS) };
    await settle(100);
    return streams;
  }

  it('a private assistant created, made draft and deleted: Jo, who reads it through the project, is told; Kim, who cannot, is not', async () => {
    const { jo: joAccess, kim: kimAccess } = await joAndKim();
    const assistant = await createResource(t, org.owner.token, { type: 'ASSISTANT', name: 'Triage', parentId: project, status: 'LIVE' });
    expect((await joAccess.next()).reason).toBe('RESOURCE_CREATED');
    ok(await t.gql(UPDATE, { input: { id: assistant, status: 'DRAFT' } }, org.owner.token));
    expect((await joAccess.next((e) => e.reason === 'RESOURCE_STATUS_CHANGED')).reason).toBe('RESOURCE_STATUS_CHANGED');
    // A draft is the owner's and the org owners' alone: Jo no longer reads it, so its deletion is not Jo's news.
    ok(await t.gql(`mutation($id: ID!) { deleteResource(id: $id) }`, { id: assistant }, org.owner.token));
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Tickets' });
    await grant(t, org.owner.token, corpus, { userId: jo.id }, 'EDITOR');
    ok(await t.gql(`mutation($id: ID!) { deleteResource(id: $id) }`, { id: corpus }, org.owner.token));
    await joAccess.next((e) => e.reason === 'RESOURCE_DELETED');
    await settle();
    expect(joAccess.received.map((e) => e.reason)).toEqual(['RESOURCE_CREATED', 'RESOURCE_STATUS_CHANGED', 'GRANT_CHANGED', 'RESOURCE_DELETED']);
    expect(kimAccess.received).toEqual([]);
  });

  it('a public assistant’s status reaches every member, since everyone’s level on it moves', async () => {
    const assistant = await createResource(t, org.owner.token, {
      type: 'ASSISTANT',
      name: 'Helpdesk',
      parentId: project,
      status: 'LIVE',
      visibility: 'PUBLIC',
    });
    const { kim: kimAccess } = await joAndKim();
    ok(await t.gql(UPDATE, { input: { id: assistant, status: 'DRAFT' } }, org.owner.token));
    expect((await kimAccess.next()).reason).toBe('RESOURCE_STATUS_CHANGED');
  });
});

describe('who has access, live, for what a change reaches below', () => {
  it('an assistant’s watchers hear of its project’s team gaining and losing a member, a member of it removed, and an org owner made', async () => {
    const org = await signUpOrg(t, 'Hana');
    const jo = await addMember(t, org, 'USER', 'Jo');
    const kim = await addMember(t, org, 'USER', 'Kim');
    const ravi = await addMember(t, org, 'ADMIN', 'Ravi');
    const teamId = await createTeam(t, org.owner.token, 'Data', [{ id: jo.id }]);
    const project = await createResource(t, org.owner.token, { type: 'PROJECT', name: 'Revenue' });
    const assistant = await createResource(t, org.owner.token, { type: 'ASSISTANT', name: 'Revenue bot', parentId: project, status: 'LIVE' });
    await grant(t, org.owner.token, project, { teamId }, 'MEMBER');
    const elsewhere = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Elsewhere' });
    const live = connect(org.owner.token);
    await live.connected();
    const changes = live.subscribe<{ resourceId: string; access: { userId: string; level: string }[] }>(RESOURCE_ACCESS, { id: assistant });
    await settle(100);
    const holds = (userId: string, yes: boolean) => (change: { access: { userId: string }[] }) => change.access.some((a) => a.userId === userId) === yes;

    const membership = { input: { teamId, userId: kim.id } };
    ok(await t.gql(`mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }`, membership, org.owner.token));
    await changes.next(holds(kim.id, true));
    ok(await t.gql(`mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { id } }`, membership, org.owner.token));
    await changes.next((change) => changes.received.indexOf(change) > 0 && holds(kim.id, false)(change));
    ok(await t.gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId } }`, { input: { userId: jo.id } }, org.owner.token));
    await changes.next(holds(jo.id, false));
    ok(
      await t.gql(
        `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`,
        { input: { userId: ravi.id, role: 'OWNER' } },
        org.owner.token,
      ),
    );
    await changes.next(holds(ravi.id, true));
    // A change that reaches something else is not told here.
    await grant(t, org.owner.token, elsewhere, { userId: kim.id }, 'VIEWER');
    await settle();
    expect(changes.received).toHaveLength(4);
  });
});

describe('re-authorized at delivery', () => {
  it('a user whose access was revoked stops receiving the resource’s access changes', async () => {
    const org = await signUpOrg(t);
    const jo = await addMember(t, org, 'USER', 'Jo');
    const kim = await addMember(t, org, 'USER', 'Kim');
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Policies' });
    await grant(t, org.owner.token, corpus, { userId: jo.id }, 'VIEWER');
    const live = connect(jo.token);
    await live.connected();
    const changes = live.subscribe<{ resourceId: string; access: { userId: string; level: string }[] }>(RESOURCE_ACCESS, { id: corpus });
    await settle(100);
    await grant(t, org.owner.token, corpus, { userId: kim.id }, 'VIEWER');
    const seen = await changes.next();
    expect(seen.access.map((a) => a.userId)).toEqual(expect.arrayContaining([jo.id, kim.id]));
    await revoke(t, org.owner.token, corpus, { userId: jo.id });
    await grant(t, org.owner.token, corpus, { userId: kim.id }, 'EDITOR');
    await settle();
    expect(changes.received).toHaveLength(1);
  });

  it('subscribing to a resource you cannot read is refused like a missing id', async () => {
    const org = await signUpOrg(t);
    const jo = await addMember(t, org, 'USER');
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Secret' });
    const live = connect(jo.token);
    await live.connected();
    const sub = live.subscribe(RESOURCE_ACCESS, { id: corpus });
    await settle();
    expect(sub.received).toEqual([]);
    expect(JSON.stringify(sub.errors)).toContain('NOT_FOUND');
  });

  it('a demoted admin stops receiving member changes', async () => {
    const org = await signUpOrg(t);
    const admin = await addMember(t, org, 'ADMIN', 'Ravi');
    const live = connect(admin.token);
    await live.connected();
    const members = live.subscribe<{ change: string; userId: string }>(MEMBERS);
    await settle(100);
    const jo = await addMember(t, org, 'USER', 'Jo');
    await members.next((m) => m.change === 'JOINED' && m.userId === jo.id);
    ok(
      await t.gql(
        `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`,
        { input: { userId: admin.id, role: 'USER' } },
        org.owner.token,
      ),
    );
    const before = members.received.length;
    await addMember(t, org, 'USER', 'Kim');
    await settle();
    expect(members.received.slice(before).filter((m) => m.change === 'JOINED')).toEqual([]);
  });

  it('member changes are for those who manage members only', async () => {
    const org = await signUpOrg(t);
    const user = await addMember(t, org, 'USER');
    const live = connect(user.token);
    await live.connected();
    const members = live.subscribe(MEMBERS);
    await settle();
    expect(JSON.stringify(members.errors)).toContain('FORBIDDEN');
  });
});

describe('the directory, live for every member', () => {
  const DIRECTORY = `subscription { directoryChanged { change userId teamId member { id role } team { id name memberCount } } }`;
  type DirectoryEvent = {
    change: string;
    userId: string | null;
    teamId: string | null;
    member: { id: string; role: string } | null;
    team: { id: string; name: string; memberCount: number } | null;
  };

  it('a plain member hears people join, change role and go, without the invitations behind them', async () => {
    const org = await signUpOrg(t);
    const jo = await addMember(t, org, 'USER', 'Jo');
    const live = connect(jo.token);
    await live.connected();
    const directory = live.subscribe<DirectoryEvent>(DIRECTORY);
    await settle(100);
    // Each step waits for its event: the member each event carries is the member as that step left them.
    await invite(org.owner.token, uniqueEmail('pending'));
    const kim = await addMember(t, org, 'USER', 'Kim');
    await directory.next((e) => e.change === 'MEMBER_JOINED');
    ok(
      await t.gql(
        `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`,
        { input: { userId: kim.id, role: 'ADMIN' } },
        org.owner.token,
      ),
    );
    await directory.next((e) => e.change === 'MEMBER_ROLE_CHANGED');
    ok(await t.gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId } }`, { input: { userId: kim.id } }, org.owner.token));
    await directory.next((e) => e.change === 'MEMBER_REMOVED');
    expect(directory.errors).toEqual([]);
    expect(directory.received).toEqual([
      { change: 'MEMBER_JOINED', userId: kim.id, teamId: null, member: { id: kim.id, role: 'USER' }, team: null },
      { change: 'MEMBER_ROLE_CHANGED', userId: kim.id, teamId: null, member: { id: kim.id, role: 'ADMIN' }, team: null },
      { change: 'MEMBER_REMOVED', userId: kim.id, teamId: null, member: null, team: null },
    ]);
  });

  it('a plain member hears a team created, renamed, its members and grants changed, and deleted; another organization hears nothing', async () => {
    const org = await signUpOrg(t);
    const jo = await addMember(t, org, 'USER', 'Jo');
    const kim = await addMember(t, org, 'USER', 'Kim');
    const other = await signUpOrg(t);
    const joLive = connect(jo.token);
    const otherLive = connect(other.owner.token);
    await Promise.all([joLive.connected(), otherLive.connected()]);
    const teams = joLive.subscribe<DirectoryEvent>(DIRECTORY);
    const elsewhere = otherLive.subscribe<DirectoryEvent>(DIRECTORY);
    await settle(100);

    // Each step waits for its event, so the team each event carries is the team as that step left it.
    const step = async (n: number, change: () => Promise<unknown>) => {
      await change();
      await teams.next(() => teams.received.length >= n);
    };
    let teamId = '';
    await step(1, async () => (teamId = await createTeam(t, org.owner.token, 'Data')));
    await step(2, () =>
      t.gql(`mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { id } }`, { input: { id: teamId, name: 'Data science' } }, org.owner.token),
    );
    const addKim = (role: string) =>
      t.gql(`mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }`, { input: { teamId, userId: kim.id, role } }, org.owner.token);
    await step(3, () => addKim('MEMBER'));
    await step(4, () => addKim('ADMIN'));
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Handbook' });
    await step(5, () => grant(t, org.owner.token, corpus, { teamId }, 'VIEWER'));
    await step(6, () => revoke(t, org.owner.token, corpus, { teamId }));
    await step(7, () =>
      t.gql(`mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { id } }`, { input: { teamId, userId: kim.id } }, org.owner.token),
    );
    await step(8, () => t.gql(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: teamId }, org.owner.token));
    await settle();

    expect(teams.errors).toEqual([]);
    expect(teams.received.map((e) => [e.change, e.teamId, e.team?.name ?? null, e.team?.memberCount ?? null])).toEqual([
      ['TEAM_CREATED', teamId, 'Data', 1],
      ['TEAM_UPDATED', teamId, 'Data science', 1],
      ['TEAM_MEMBERS_CHANGED', teamId, 'Data science', 2],
      ['TEAM_MEMBERS_CHANGED', teamId, 'Data science', 2],
      ['TEAM_GRANTS_CHANGED', teamId, 'Data science', 2],
      ['TEAM_GRANTS_CHANGED', teamId, 'Data science', 2],
      ['TEAM_MEMBERS_CHANGED', teamId, 'Data science', 1],
      ['TEAM_DELETED', teamId, null, null],
    ]);
    expect(elsewhere.received).toEqual([]);
  });

  it('a removed member’s teams, and a deleted resource’s team grants, are told', async () => {
    const org = await signUpOrg(t);
    const jo = await addMember(t, org, 'USER', 'Jo');
    const kim = await addMember(t, org, 'USER', 'Kim');
    const teamId = await createTeam(t, org.owner.token, 'Ops', [{ id: kim.id }]);
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Runbook' });
    await grant(t, org.owner.token, corpus, { teamId }, 'VIEWER');
    const live = connect(jo.token);
    await live.connected();
    const teams = live.subscribe<DirectoryEvent>(DIRECTORY);
    await settle(100);
    ok(await t.gql(`mutation($id: ID!) { deleteResource(id: $id) }`, { id: corpus }, org.owner.token));
    await teams.next((e) => e.change === 'TEAM_GRANTS_CHANGED' && e.teamId === teamId);
    ok(await t.gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId } }`, { input: { userId: kim.id } }, org.owner.token));
    const after = await teams.next((e) => e.change === 'TEAM_MEMBERS_CHANGED' && e.teamId === teamId);
    expect(after.team?.memberCount).toBe(1);
  });

  it('an API key needs directory: READ to follow the directory', async () => {
    const org = await signUpOrg(t);
    const directory = connect(await createApiKey(t, org.owner.token, 'directory feed', { directory: 'READ' }));
    const audit = connect(await createApiKey(t, org.owner.token, 'audit feed', { audit: 'READ' }));
    await Promise.all([directory.connected(), audit.connected()]);
    const followed = directory.subscribe<DirectoryEvent>(DIRECTORY);
    const refused = audit.subscribe<DirectoryEvent>(DIRECTORY);
    await settle(100);
    const teamId = await createTeam(t, org.owner.token, 'Platform');
    expect((await followed.next()).teamId).toBe(teamId);
    expect(JSON.stringify(refused.errors)).toContain('FORBIDDEN');
    expect(refused.received).toEqual([]);
  });
});

describe('sockets close when access ends', () => {
  it('a removed member’s socket closes with 4403', async () => {
    const org = await signUpOrg(t);
    const jo = await addMember(t, org, 'USER');
    const live = connect(jo.token);
    await live.connected();
    live.subscribe(MY_ACCESS);
    ok(await t.gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId } }`, { input: { userId: jo.id } }, org.owner.token));
    expect(await live.waitForClose()).toBe(4403);
  });

  it('a signed-out session’s socket closes with 4401', async () => {
    const org = await signUpOrg(t);
    const live = connect(org.owner.token);
    await live.connected();
    live.subscribe(NOTIFICATIONS);
    ok(await t.gql(`mutation { signOut }`, {}, org.owner.token));
    expect(await live.waitForClose()).toBe(4401);
  });

  it('a revoked API key’s socket closes with 4403', async () => {
    const org = await signUpOrg(t);
    const key = ok(
      await t.gql(`mutation { createApiKey(input: { name: "feed", scopes: { audit: READ } }) { secret apiKey { id } } }`, {}, org.owner.token),
    ).createApiKey;
    const live = connect(key.secret);
    await live.connected();
    live.subscribe(AUDIT);
    ok(await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: key.apiKey.id }, org.owner.token));
    expect(await live.waitForClose()).toBe(4403);
  });

  it('refuses to connect without a valid credential', async () => {
    const live = connect('rgs_invalid');
    await expect(live.connected()).rejects.toThrow(/4403/);
  });
});

describe('events follow commits', () => {
  it('the audit feed delivers committed changes, and nothing for a change that failed', async () => {
    const org = await signUpOrg(t);
    const live = connect(org.owner.token);
    await live.connected();
    const audit = live.subscribe<{ action: string }>(AUDIT);
    await settle(100);
    expect(
      errorCode(
        await t.gql(
          `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`,
          { input: { userId: org.owner.id, role: 'USER' } },
          org.owner.token,
        ),
      ),
    ).toBe('LAST_OWNER');
    await createResource(t, org.owner.token, { type: 'CORPUS', name: 'After' });
    const entry = await audit.next();
    expect(entry.action).toBe('resource.created');
    expect(audit.received).toHaveLength(1);
  });

  it('a role change reaches the member as a notification and an access change', async () => {
    const org = await signUpOrg(t);
    const jo = await addMember(t, org, 'USER');
    const live = connect(jo.token);
    await live.connected();
    const notifications = live.subscribe<{ message: string }>(NOTIFICATIONS);
    const access = live.subscribe<{ reason: string }>(MY_ACCESS);
    await settle(100);
    ok(
      await t.gql(
        `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`,
        { input: { userId: jo.id, role: 'ADMIN' } },
        org.owner.token,
      ),
    );
    expect((await notifications.next()).message).toBe('Your role is now Admin.');
    expect((await access.next()).reason).toBe('ROLE_CHANGED');
  });
});
