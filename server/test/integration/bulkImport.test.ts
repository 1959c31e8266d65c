import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { liveClient, settle } from '../support/liveClient';
import { createApiKey, signUpOrg } from '../support/factories';
import { importIntoOrganization } from '../../src/bulkImport/importOrganization';
import { createOrganizationForImport } from '../../src/bulkImport/importCli';
import { validateImport } from '../../src/bulkImport/validateImport';
import { DEMO_PASSWORD, demoFile } from '../../src/bulkImport/demo';
import { SeatLimitError } from '../../src/errors';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const deps = () => ({ dataSource: t.server.app.dataSource, events: t.server.app.events, logger: t.server.app.logger, secrets: t.server.app.secrets });
const signIn = async (email: string, password: string) =>
  ok(await t.gql(`mutation($input: SignInInput!) { signIn(input: $input) { token } }`, { input: { email, password } })).signIn.token as string;

function smallFile(suffix: string) {
  return {
    seats: 50,
    members: [
      { key: 'lead', email: `lead-${suffix}@example.test`, name: 'Lead', role: 'ADMIN', password: 'lead password 1' },
      { key: 'ana', email: `ana-${suffix}@example.test`, name: 'Ana' },
    ],
    teams: [{ key: 'eng', name: `Engineering ${suffix}`, members: [{ member: 'ana', role: 'MEMBER' }] }],
    resources: [
      { key: 'p', type: 'PROJECT', name: 'Platform', owner: 'lead' },
      { key: 'a', type: 'ASSISTANT', name: 'Helper', owner: 'lead', parent: 'p', status: 'LIVE' },
    ],
    grants: [{ resource: 'p', team: 'eng', level: 'MEMBER' }],
  };
}

describe('bulk import', () => {
  it('imports members, teams, resources and grants into an organization, and the evaluator sees them at once', async () => {
    const org = await signUpOrg(t, 'Importer');
    // Warm the evaluator's cache for this organization first: the import must still be visible right after.
    ok(await t.gql(`{ resources { totalCount } }`, {}, org.owner.token));
    const summary = await importIntoOrganization(deps(), org.id, validateImport(smallFile('a')));
    expect(summary).toMatchObject({ accountsCreated: 2, membershipsCreated: 2, teams: 1, teamMembers: 1, resources: 2, grants: 1, seats: 50 });
    const anaId = summary.ids.members.ana!;
    const check = ok(
      await t.gql(
        `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed level reasons { source inherited } } }`,
        { input: { userId: anaId, action: 'chat', resourceId: summary.ids.resources.a } },
        org.owner.token,
      ),
    ).checkPermission;
    expect(check).toEqual({ allowed: true, level: 'MEMBER', reasons: [{ source: 'TEAM_GRANT', inherited: true }] });
    // A member with a password can sign in; one without cannot, until given one.
    const lead = await signIn(`lead-a@example.test`, 'lead password 1');
    expect(ok(await t.gql(`{ me { role organization { id } } }`, {}, lead)).me).toEqual({ role: 'ADMIN', organization: { id: org.id } });
    expect(
      errorCode(
        await t.gql(`mutation($input: SignInInput!) { signIn(input: $input) { token } }`, {
          input: { email: 'ana-a@example.test', password: 'anything at all' },
        }),
      ),
    ).toBe('UNAUTHENTICATED');
    const audit = ok(await t.gql(`{ auditLog(filter: { action: "organization.imported" }) { edges { node { actor { type } after } } } }`, {}, org.owner.token))
      .auditLog.edges;
    expect(audit[0].node).toMatchObject({ actor: { type: 'SYSTEM' }, after: { grants: 1, resources: 2 } });
  });

  it('tells those following the directory, once, to read it again', async () => {
    const org = await signUpOrg(t, 'follower');
    const live = liveClient(t.url, await createApiKey(t, org.owner.token, 'directory feed', { directory: 'READ' }));
    try {
      await live.connected();
      const directory = live.subscribe<{ change: string; userId: string | null; teamId: string | null }>(
        `subscription { directoryChanged { change userId teamId } }`,
      );
      await settle(200);
      await importIntoOrganization(deps(), org.id, validateImport(smallFile('live')));
      expect(await directory.next()).toEqual({ change: 'IMPORTED', userId: null, teamId: null });
      await settle();
      expect(directory.received).toHaveLength(1);
    } finally {
      await live.dispose();
    }
  });

  it('matches existing accounts by email and leaves existing members as they are', async () => {
    const org = await signUpOrg(t, 'Matcher');
    const file = smallFile('b');
    file.members.push({ key: 'owner', email: org.owner.email.toUpperCase(), name: 'Owner', role: 'USER' } as never);
    const summary = await importIntoOrganization(deps(), org.id, validateImport(file));
    expect(summary).toMatchObject({ accountsCreated: 2, accountsMatched: 1, alreadyMembers: 1, membershipsCreated: 2 });
    expect(ok(await t.gql(`{ me { role } }`, {}, org.owner.token)).me.role).toBe('OWNER');
    expect(summary.ids.members.owner).toBe(org.owner.id);
  });

  it('is all or nothing: a failure writes nothing', async () => {
    const org = await signUpOrg(t, 'Atomic');
    const file = smallFile('c');
    // The organization already has a team of that name: found only while writing, after other rows went in.
    ok(await t.gql(`mutation { createTeam(input: { name: "Engineering c" }) { id } }`, {}, org.owner.token));
    await expect(importIntoOrganization(deps(), org.id, validateImport(file))).rejects.toThrow(/Teams already exist in this organization: Engineering c/);
    const counts = await t.server.app.dataSource.query(
      `SELECT (SELECT count(*) FROM memberships WHERE organization_id = $1)::int AS members, (SELECT count(*) FROM resources WHERE organization_id = $1)::int AS resources, (SELECT count(*) FROM accounts WHERE email_normalized = 'lead-c@example.test')::int AS accounts`,
      [org.id],
    );
    expect(counts[0]).toEqual({ members: 1, resources: 0, accounts: 0 });
  });

  it('refuses to go over the seats unless the file sets enough', async () => {
    const org = await signUpOrg(t, 'Seats');
    ok(await t.gql(`mutation { updateBilling(input: { plan: FREE, seats: 2 }) { seats } }`, {}, org.owner.token));
    const file = smallFile('d');
    delete (file as { seats?: number }).seats;
    await expect(importIntoOrganization(deps(), org.id, validateImport(file))).rejects.toThrow(SeatLimitError);
  });
});

describe('the demo', () => {
  it('is the seed pages’ example: "Owner: HA • Shared with: JD", Data on the project, a live assistant', async () => {
    const file = validateImport(demoFile());
    const organizationId = await createOrganizationForImport(deps(), 'Ekai Demo', file);
    const summary = await importIntoOrganization(deps(), organizationId, file);
    const jo = await signIn('jo@demo.rolegraph.test', DEMO_PASSWORD);
    const sales = ok(
      await t.gql(
        `query($id: ID!) { resource(id: $id) { name myLevel owner { name } sharedWith { level user { name } } } }`,
        { id: summary.ids.resources.sales },
        jo,
      ),
    ).resource;
    expect(sales).toEqual({ name: 'Sales', myLevel: 'EDITOR', owner: { name: 'Hana Aoki' }, sharedWith: [{ level: 'EDITOR', user: { name: 'Jo Doe' } }] });
    const bot = ok(
      await t.gql(
        `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed level } }`,
        { input: { userId: summary.ids.members.jo, action: 'chat', resourceId: summary.ids.resources['support-bot'] } },
        jo,
      ),
    ).checkPermission;
    expect(bot).toEqual({ allowed: true, level: 'MEMBER' });
    // Loading it again adds a second demo organization with the same people.
    const again = await createOrganizationForImport(deps(), 'Ekai Demo', file);
    const second = await importIntoOrganization(deps(), again, file);
    expect(second).toMatchObject({ accountsCreated: 0, accountsMatched: 4, membershipsCreated: 4 });
  });
});
