import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { addMember, createApiKey, createTeam, signUpOrg } from '../support/factories';
import { liveClient } from '../support/liveClient';

const CREATE = `mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { organization { id name } role organizations { organization { id } role } }
}`;
const ME = `{ me { organization { id name } role organizations { organization { id } role } } }`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

async function organizationCount(): Promise<number> {
  const rows: { count: string }[] = await t.server.app.dataSource.query(`SELECT count(*)::text AS count FROM organizations`);
  return Number(rows[0]!.count);
}

describe('createOrganization', () => {
  it('makes the signed-in member the Owner of a new organization and moves their session there; the old membership stays', async () => {
    const acme = await signUpOrg(t, 'acme', 'Acme');
    const ana = await addMember(t, acme, 'USER', 'ana');
    const created = ok(await t.gql(CREATE, { input: { name: '  Ana’s Lab ' } }, ana.token)).createOrganization;
    expect(created.organization.name).toBe('Ana’s Lab');
    expect(created.role).toBe('OWNER');
    const labId = created.organization.id;
    expect(created.organizations).toEqual([
      { organization: { id: acme.id }, role: 'USER' },
      { organization: { id: labId }, role: 'OWNER' },
    ]);

    // The session now acts in the new organization, alone in it, with an Owner's capabilities.
    expect(ok(await t.gql(ME, {}, ana.token)).me.organization).toEqual({ id: labId, name: 'Ana’s Lab' });
    const members = ok(await t.gql(`{ members { totalCount edges { node { id role } } } }`, {}, ana.token)).members;
    expect(members.totalCount).toBe(1);
    expect(members.edges[0].node).toEqual({ id: ana.id, role: 'OWNER' });
    // The new organization's log opens with its creation, by her.
    const audit = ok(await t.gql(`{ auditLog(first: 5) { edges { node { action actor { id } targetId } } } }`, {}, ana.token)).auditLog;
    expect(audit.edges.map((e: { node: unknown }) => e.node)).toEqual([{ action: 'organization.created', actor: { id: ana.id }, targetId: labId }]);

    // Acme is untouched: she is still its User, and its ids are not found from the new organization.
    const acmeTeam = await createTeam(t, acme.owner.token, 'Acme team');
    expect(errorCode(await t.gql(`query($id: ID!) { team(id: $id) { id } }`, { id: acmeTeam }, ana.token))).toBe('NOT_FOUND');
    const inAcme = ok(await t.gql(`{ members { totalCount } }`, {}, acme.owner.token)).members;
    expect(inAcme.totalCount).toBe(2);
    ok(await t.gql(`mutation($id: ID!) { switchOrganization(organizationId: $id) { role } }`, { id: acme.id }, ana.token));
    expect(ok(await t.gql(ME, {}, ana.token)).me.role).toBe('USER');
  });

  it('lets an account that belongs to no organization any more start one', async () => {
    const acme = await signUpOrg(t);
    const leaver = await addMember(t, acme, 'ADMIN', 'leaver');
    ok(await t.gql(`mutation { leaveOrganization }`, {}, leaver.token));
    expect(ok(await t.gql(ME, {}, leaver.token)).me.organization).toBeNull();
    const created = ok(await t.gql(CREATE, { input: { name: 'Fresh start' } }, leaver.token)).createOrganization;
    expect(created.role).toBe('OWNER');
    expect(created.organizations).toEqual([{ organization: { id: created.organization.id }, role: 'OWNER' }]);
    ok(await t.gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`, { input: { email: 'x@example.com' } }, leaver.token));
  });

  it('refuses a name that is blank, too long or unreadable on the name field, and creates nothing', async () => {
    const acme = await signUpOrg(t);
    const before = await organizationCount();
    for (const name of ['   ', 'x'.repeat(101), 'Evil\u0000Corp', 'Team \u202Eevil']) {
      const result = await t.gql(CREATE, { input: { name } }, acme.owner.token);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.field).toMatch(/(^|\.)name$/);
    }
    expect(await organizationCount()).toBe(before);
    expect(ok(await t.gql(ME, {}, acme.owner.token)).me.organization.id).toBe(acme.id);
  });

  it('needs a signed-in person: anonymous callers and API keys are refused', async () => {
    const acme = await signUpOrg(t);
    const key = await createApiKey(t, acme.owner.token, 'admin key', { directory: 'WRITE' });
    const before = await organizationCount();
    expect(errorCode(await t.gql(CREATE, { input: { name: 'Anon' } }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(CREATE, { input: { name: 'By key' } }, key))).toBe('FORBIDDEN');
    expect(await organizationCount()).toBe(before);
  });

  it('answers a session change with no revision token of the organization the session left (create and switch)', async () => {
    const acme = await signUpOrg(t);
    const inAcme = new RegExp(`^${acme.id}:`);
    expect((await t.gql(ME, {}, acme.owner.token)).extensions?.accessRevision).toMatch(inAcme);
    const created = await t.gql(CREATE, { input: { name: 'Moved on' } }, acme.owner.token);
    ok(created);
    expect(created.extensions?.accessRevision).toBeUndefined();
    const switched = await t.gql(`mutation($id: ID!) { switchOrganization(organizationId: $id) { role } }`, { id: acme.id }, acme.owner.token);
    ok(switched);
    expect(switched.extensions?.accessRevision).toBeUndefined();
    // The next request carries the token of the organization it acts in now.
    expect((await t.gql(ME, {}, acme.owner.token)).extensions?.accessRevision).toMatch(inAcme);
  });

  it('closes the session’s open subscriptions, which belonged to the organization it left', async () => {
    const acme = await signUpOrg(t);
    const live = liveClient(t.url, acme.owner.token);
    try {
      await live.connected();
      live.subscribe(`subscription { myAccessChanged { reason revision } }`);
      ok(await t.gql(CREATE, { input: { name: 'Elsewhere' } }, acme.owner.token));
      expect(await live.waitForClose()).toBe(4401);
    } finally {
      await live.dispose();
    }
  });
});
