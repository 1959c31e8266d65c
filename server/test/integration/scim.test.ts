import { randomUUID } from 'node:crypto';
import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { PASSWORD, addMember, createApiKey, createResource, grant, signUpOrg, uniqueEmail, type TestOrg } from '../support/factories';
import { claimDomainDirectly, verifyClaimsDirectly } from '../support/ssoDomainClaims';

/*
 * SCIM driven with plain HTTP, as Okta and Entra ID send it, and after each
 * step the member's access read over GraphQL: provisioning changes it at once.
 */

const ME = `{ me { organization { id } role } }`;
const MEMBERS = `{ members(first: 100) { edges { node { id role teams { id } } } } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token organization { id } } }`;
const CHECK = `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`;
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

interface ScimAnswer {
  status: number;
  contentType: string | null;
  body: any;
}

async function scim(key: string | null, method: string, path: string, body?: unknown, contentType = 'application/scim+json'): Promise<ScimAnswer> {
  const response = await fetch(`${t.url}/scim/v2${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': contentType } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : null };
}

async function provisioningKey(org: TestOrg): Promise<string> {
  return createApiKey(t, org.owner.token, 'Okta', { provisioning: 'WRITE' });
}

async function memberIds(org: TestOrg): Promise<string[]> {
  return ok(await t.gql(MEMBERS, {}, org.owner.token)).members.edges.map((e: { node: { id: string } }) => e.node.id);
}

async function teamsOf(org: TestOrg, userId: string): Promise<string[]> {
  const edge = ok(await t.gql(MEMBERS, {}, org.owner.token)).members.edges.find((e: { node: { id: string } }) => e.node.id === userId);
  return edge ? edge.node.teams.map((team: { id: string }) => team.id) : [];
}

async function stateOf(org: TestOrg): Promise<string> {
  const rows = await t.server.app.dataSource.query(
    `SELECT (SELECT json_agg(m ORDER BY account_id) FROM memberships m WHERE organization_id = $1) AS m,
            (SELECT json_agg(tm ORDER BY team_id, account_id) FROM team_members tm WHERE organization_id = $1) AS tm,
            (SELECT json_agg(x ORDER BY name) FROM teams x WHERE organization_id = $1) AS teams,
            (SELECT json_agg(s ORDER BY account_id) FROM scim_users s WHERE organization_id = $1) AS s`,
    [org.id],
  );
  return JSON.stringify(rows);
}

function expectScimError(answer: ScimAnswer, status: number, scimType?: string): void {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toMatch(/application\/scim\+json/);
  expect(answer.body.schemas).toEqual([ERROR_SCHEMA]);
  expect(answer.body.status).toBe(String(status));
  if (scimType) expect(answer.body.scimType).toBe(scimType);
  expect(typeof answer.body.detail).toBe('string');
}

describe('who may use SCIM', () => {
  it('needs an API key with provisioning: WRITE; anything else gets a SCIM 401 or 403', async () => {
    const org = await signUpOrg(t);
    expectScimError(await scim(null, 'GET', '/Users'), 401);
    expectScimError(await scim('rgk_not-a-key', 'GET', '/Users'), 401);
    expectScimError(await scim(org.owner.token, 'GET', '/Users'), 403);
    const all = await createApiKey(t, org.owner.token, 'all', { directory: 'WRITE', resources: 'WRITE', permissions: 'READ', audit: 'READ' });
    expectScimError(await scim(all, 'GET', '/Users'), 403);
    expect((await scim(await provisioningKey(org), 'GET', '/Users')).status).toBe(200);
  });

  it('a provisioning key reaches nothing else over GraphQL', async () => {
    const org = await signUpOrg(t);
    const key = await provisioningKey(org);
    expect(errorCode(await t.gql(MEMBERS, {}, key))).toBe('FORBIDDEN');
  });

  it('refuses provisioning: READ when a key is created, and the All preset has no provisioning', async () => {
    const org = await signUpOrg(t);
    expect(errorCode(await t.gql(CREATE_KEY, { input: { name: 'r', scopes: { provisioning: 'READ' } } }, org.owner.token))).toBe('BAD_USER_INPUT');
    const presets = ok(await t.gql(`{ permissionMatrix { apiKeyPresets { id scopes { provisioning } } } }`)).permissionMatrix.apiKeyPresets;
    expect(presets.every((p: { scopes: { provisioning: string } }) => p.scopes.provisioning === 'NONE')).toBe(true);
  });

  it('sees only its own organization', async () => {
    const org = await signUpOrg(t);
    const other = await signUpOrg(t);
    const list = (await scim(await provisioningKey(org), 'GET', '/Users')).body;
    expect(list.Resources.map((u: { id: string }) => u.id)).toEqual([org.owner.id]);
    expectScimError(await scim(await provisioningKey(org), 'GET', `/Users/${other.owner.id}`), 404);
  });
});

describe('discovery', () => {
  it('answers ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    const key = await provisioningKey(await signUpOrg(t));
    const config = await scim(key, 'GET', '/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.body.patch.supported).toBe(true);
    expect(config.body.filter.supported).toBe(true);
    const types = (await scim(key, 'GET', '/ResourceTypes')).body;
    expect(types.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    const schemas = (await scim(key, 'GET', '/Schemas')).body;
    expect(schemas.totalResults).toBe(2);
    expect((await scim(key, 'GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User')).body.name).toBe('User');
    expectScimError(await scim(key, 'GET', '/Nothing'), 404);
  });
});

describe('Okta: create, find, deactivate, reactivate', () => {
  it('each step changes the person’s access at once', async () => {
    const org = await signUpOrg(t);
    const key = await provisioningKey(org);
    const email = uniqueEmail('okta');

    // Okta first looks the person up, then creates them.
    const lookup = await scim(key, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}&startIndex=1&count=100`);
    expect(lookup.body).toMatchObject({ totalResults: 0, Resources: [] });
    const created = await scim(key, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: email,
      name: { givenName: 'Olive', familyName: 'Kta' },
      emails: [{ primary: true, value: email, type: 'work' }],
      active: true,
      externalId: '00u1abcd',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName: email, displayName: 'Olive Kta', active: true, externalId: '00u1abcd' });
    expect(created.body.meta.location).toBe(`http://rolegraph.test/scim/v2/Users/${created.body.id}`);
    const id: string = created.body.id;
    expect(await memberIds(org)).toContain(id);

    // userName is not case-exact.
    const found = await scim(key, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${email.toUpperCase()}"`)}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);
    expectScimError(await scim(key, 'POST', '/Users', { userName: email }), 409, 'uniqueness');

    // The person sets a password by the reset flow in real life; here the test gives one directly to sign in.
    await t.server.app.dataSource.query(`UPDATE accounts SET password_hash = (SELECT password_hash FROM accounts WHERE id = $1) WHERE id = $2`, [
      org.owner.id,
      id,
    ]);
    const session = ok(await t.gql(SIGN_IN, { input: { email, password: PASSWORD } })).signIn;
    expect(session.organization.id).toBe(org.id);
    const projectId = await createResource(t, org.owner.token, { type: 'PROJECT', name: 'Plans' });
    await grant(t, org.owner.token, projectId, { userId: id }, 'MEMBER');
    expect(ok(await t.gql(CHECK, { input: { userId: id, action: 'read', resourceId: projectId } }, org.owner.token)).checkPermission.allowed).toBe(true);

    // Okta deactivates with PATCH replace { active: false }.
    const deactivated = await scim(key, 'PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect(await memberIds(org)).not.toContain(id);
    expect(ok(await t.gql(ME, {}, session.token)).me.role).toBeNull();
    expect(ok(await t.gql(CHECK, { input: { userId: id, action: 'read', resourceId: projectId } }, org.owner.token)).checkPermission.allowed).toBe(false);
    expect((await scim(key, 'GET', `/Users/${id}`)).body.active).toBe(false);

    // Reactivation gives the membership back.
    const reactivated = await scim(key, 'PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] });
    expect(reactivated.body.active).toBe(true);
    expect(await memberIds(org)).toContain(id);
    const audit = await t.server.app.dataSource.query(
      `SELECT action, actor_type FROM audit_entries WHERE organization_id = $1 AND target_id = $2 ORDER BY created_at`,
      [org.id, id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['member.provisioned', 'member.removed', 'member.reactivated']));
    expect(audit.every((a: { actor_type: string }) => a.actor_type === 'API_KEY' || a.actor_type === 'USER')).toBe(true);
  });
});

describe('a person who already has an account', () => {
  const person = (email: string, active = true) => ({ userName: email, name: { givenName: 'Already', familyName: 'Here' }, active });

  it('does not join because an organization named their email: 409, nothing changes, and they stay out', async () => {
    const elsewhere = await signUpOrg(t, 'elsewhere');
    const org = await signUpOrg(t);
    const key = await provisioningKey(org);
    const before = await stateOf(org);
    for (const active of [true, false]) {
      const refused = await scim(key, 'POST', '/Users', person(elsewhere.owner.email, active));
      expectScimError(refused, 409, 'uniqueness');
      expect(refused.body.detail).toMatch(/not a domain this organization has verified\. Invite the person instead/);
    }
    expect(await stateOf(org)).toBe(before);
    expect(await memberIds(org)).not.toContain(elsewhere.owner.id);
    const lookup = await scim(key, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${elsewhere.owner.email}"`)}`);
    expect(lookup.body.totalResults).toBe(0);
  });

  it('is provisioned again after a DELETE by the organization whose SCIM client created the account, and by no other', async () => {
    const org = await signUpOrg(t);
    const key = await provisioningKey(org);
    const email = uniqueEmail('returning');
    const first = await scim(key, 'POST', '/Users', person(email));
    expect(first.status).toBe(201);
    expect((await scim(key, 'DELETE', `/Users/${first.body.id}`)).status).toBe(204);
    expect(await memberIds(org)).not.toContain(first.body.id);
    const again = await scim(key, 'POST', '/Users', person(email));
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await memberIds(org)).toContain(first.body.id);

    const other = await signUpOrg(t, 'other');
    expectScimError(await scim(await provisioningKey(other), 'POST', '/Users', person(email)), 409, 'uniqueness');
    expect(await memberIds(other)).not.toContain(first.body.id);
  });

  it('joins when their email is in a domain the organization has verified; a claim still pending is not enough', async () => {
    const domain = `claimed-${randomUUID().slice(0, 8)}.test`;
    const email = `lee@${domain}`;
    ok(
      await t.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
        input: { email, password: PASSWORD, name: 'Lee', organizationName: 'Lee’s own' },
      }),
    );
    const org = await signUpOrg(t);
    // A single sign-on connection saved earlier, claiming the domain (saving one through the API needs a running provider: sso.test.ts).
    await t.server.app.dataSource.query(
      `INSERT INTO sso_connections (organization_id, issuer, client_id) VALUES ($1, 'https://idp.example.test', 'rolegraph')`,
      [org.id],
    );
    await claimDomainDirectly(t.server.app.dataSource, org.id, domain);
    const key = await provisioningKey(org);
    // Claimed but not proven (anyone may claim any domain): the account stays out of reach.
    expectScimError(await scim(key, 'POST', '/Users', person(email)), 409, 'uniqueness');
    expect(await memberIds(org)).toHaveLength(1);
    // What verifySsoDomain writes once the DNS record is found (sso.test.ts goes that way).
    await verifyClaimsDirectly(t.server.app.dataSource, org.id);
    const created = await scim(key, 'POST', '/Users', person(email.toUpperCase()));
    expect(created.status).toBe(201);
    expect(await memberIds(org)).toContain(created.body.id);
  });
});

describe('Entra ID: string booleans, path-style PATCH, DELETE', () => {
  it('deactivates with path "active" and value "False", keeps an admin’s role for reactivation, and DELETE deprovisions', async () => {
    const org = await signUpOrg(t);
    const key = await provisioningKey(org);
    const admin = await addMember(t, org, 'ADMIN', 'entra');
    const off = await scim(key, 'PATCH', `/Users/${admin.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect(ok(await t.gql(ME, {}, admin.token)).me.role).toBeNull();
    expect(await memberIds(org)).not.toContain(admin.id);
    const on = await scim(key, 'PATCH', `/Users/${admin.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
    expect(on.body.active).toBe(true);
    const role = await t.server.app.dataSource.query(`SELECT role FROM memberships WHERE organization_id = $1 AND account_id = $2`, [org.id, admin.id]);
    expect(role).toEqual([{ role: 'ADMIN' }]);

    const deleted = await scim(key, 'DELETE', `/Users/${admin.id}`);
    expect(deleted.status).toBe(204);
    expect(await memberIds(org)).not.toContain(admin.id);
    expectScimError(await scim(key, 'GET', `/Users/${admin.id}`), 404);
  });

  it('never deprovisions an owner', async () => {
    const org = await signUpOrg(t);
    const key = await provisioningKey(org);
    const before = await stateOf(org);
    expectScimError(
      await scim(key, 'PATCH', `/Users/${org.owner.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] }),
      403,
    );
    expectScimError(await scim(key, 'DELETE', `/Users/${org.owner.id}`), 403);
    expect(await stateOf(org)).toBe(before);
  });
});

describe('groups are teams', () => {
  it('create, add, remove and replace members, rename, delete — the team changes at once', async () => {
    const org = await signUpOrg(t);
    const key = await provisioningKey(org);
    const ann = await addMember(t, org, 'USER', 'ann');
    const bob = await addMember(t, org, 'USER', 'bob');
    const created = await scim(key, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Data',
      members: [{ value: ann.id }],
    });
    expect(created.status).toBe(201);
    const groupId: string = created.body.id;
    expect(await teamsOf(org, ann.id)).toEqual([groupId]);
    // The team has a project: whoever SCIM puts in the group can read it, at once.
    const projectId = await createResource(t, org.owner.token, { type: 'PROJECT', name: 'Team plans' });
    await grant(t, org.owner.token, projectId, { teamId: groupId }, 'MEMBER');
    const canRead = async (userId: string) =>
      ok(await t.gql(CHECK, { input: { userId, action: 'read', resourceId: projectId } }, org.owner.token)).checkPermission.allowed as boolean;
    expect(await canRead(ann.id)).toBe(true);
    expect(await canRead(bob.id)).toBe(false);
    expect((await scim(key, 'GET', `/Groups?filter=${encodeURIComponent('displayName eq "data"')}`)).body.totalResults).toBe(1);

    // Entra: add by value array.
    await scim(key, 'PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: bob.id }] }] });
    expect(await teamsOf(org, bob.id)).toEqual([groupId]);
    expect(await canRead(bob.id)).toBe(true);
    // Okta: remove by filter path.
    await scim(key, 'PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${ann.id}"]` }] });
    expect(await teamsOf(org, ann.id)).toEqual([]);
    expect(await canRead(ann.id)).toBe(false);
    // Replace the whole list, and rename.
    const replaced = await scim(key, 'PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: 'members', value: [{ value: ann.id }] },
        { op: 'replace', path: 'displayName', value: 'Data team' },
      ],
    });
    expect(replaced.body.displayName).toBe('Data team');
    expect(replaced.body.members.map((m: { value: string }) => m.value)).toEqual([ann.id]);
    expect(await teamsOf(org, bob.id)).toEqual([]);
    expect(await canRead(bob.id)).toBe(false);
    expect(await canRead(ann.id)).toBe(true);

    expect((await scim(key, 'DELETE', `/Groups/${groupId}`)).status).toBe(204);
    expect(await teamsOf(org, ann.id)).toEqual([]);
    expect(await canRead(ann.id)).toBe(false);
    expectScimError(await scim(key, 'GET', `/Groups/${groupId}`), 404);
  });

  it('refuses a member who is not in the organization, changing nothing', async () => {
    const org = await signUpOrg(t);
    const other = await signUpOrg(t);
    const key = await provisioningKey(org);
    const before = await stateOf(org);
    expectScimError(await scim(key, 'POST', '/Groups', { displayName: 'Sneaky', members: [{ value: other.owner.id }] }), 400, 'invalidValue');
    expect(await stateOf(org)).toBe(before);
  });
});

describe('bad input gets an RFC 7644 error and changes nothing', () => {
  it('malformed filters, PATCH bodies, JSON and values', async () => {
    const org = await signUpOrg(t);
    const key = await provisioningKey(org);
    const member = await addMember(t, org, 'USER', 'victim');
    const group = (await scim(key, 'POST', '/Groups', { displayName: 'G', members: [{ value: member.id }] })).body.id;
    const before = await stateOf(org);

    expectScimError(await scim(key, 'GET', `/Users?filter=${encodeURIComponent('userName eq')}`), 400, 'invalidFilter');
    expectScimError(await scim(key, 'GET', `/Users?filter=${encodeURIComponent('userName zz "x"')}`), 400, 'invalidFilter');
    expectScimError(await scim(key, 'GET', `/Groups?filter=${encodeURIComponent('((((')}`), 400, 'invalidFilter');
    expectScimError(await scim(key, 'GET', '/Users?startIndex=abc'), 400, 'invalidValue');
    expectScimError(await scim(key, 'PATCH', `/Users/${member.id}`, { Operations: [{ op: 'replace', value: { active: false } }] }), 400, 'invalidSyntax');
    expectScimError(
      await scim(key, 'PATCH', `/Users/${member.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'explode', path: 'active' }] }),
      400,
      'invalidSyntax',
    );
    expectScimError(
      await scim(key, 'PATCH', `/Users/${member.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: 'maybe' }] }),
      400,
      'invalidValue',
    );
    expectScimError(await scim(key, 'PATCH', `/Users/${member.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove' }] }), 400, 'noTarget');
    expectScimError(
      await scim(key, 'PATCH', `/Users/${member.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'userName', value: 'thief@example.test' }] }),
      400,
      'mutability',
    );
    expectScimError(
      await scim(key, 'PATCH', `/Groups/${group}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: 'not-an-id' }] }] }),
      400,
      'invalidValue',
    );
    expectScimError(await scim(key, 'PATCH', `/Groups/${group}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members[value eq' }] }), 400);
    expectScimError(await scim(key, 'POST', '/Users', '{"userName": '), 400, 'invalidSyntax');
    expectScimError(await scim(key, 'POST', '/Users', { userName: 'not an email' }), 400, 'invalidValue');
    expectScimError(await scim(key, 'POST', '/Users', { userName: 'nul\u0000@example.test' }), 400, 'invalidValue');
    expectScimError(await scim(key, 'POST', '/Users', { userName: 'ann@example.test', displayName: 'Ann \u202Enimda' }), 400, 'invalidValue');
    expectScimError(await scim(key, 'POST', '/Users', [1, 2]), 400, 'invalidSyntax');
    // A body the server cannot read is the client's mistake (it answered 500 and logged an error).
    for (const [headers, status] of [
      [{ 'content-type': 'application/scim+json; charset=latin-9' }, 415],
      [{ 'content-type': 'application/scim+json', 'content-encoding': 'gzip' }, 400],
    ] as const) {
      const response = await fetch(`${t.url}/scim/v2/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, ...headers },
        body: '{"userName":"x"}',
      });
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status) });
    }
    expectScimError(await scim(key, 'GET', '/Users/not-an-id'), 404);
    expectScimError(await scim(key, 'DELETE', '/Groups/00000000-0000-4000-8000-000000000000'), 404);
    expect(await stateOf(org)).toBe(before);
  });
});

describe('pagination', () => {
  it('pages with startIndex and count', async () => {
    const org = await signUpOrg(t);
    const key = await provisioningKey(org);
    for (let i = 0; i < 3; i++) await addMember(t, org, 'USER', `p${i}`);
    const page = (await scim(key, 'GET', '/Users?startIndex=2&count=2')).body;
    expect(page).toMatchObject({ totalResults: 4, startIndex: 2, itemsPerPage: 2 });
    const all = (await scim(key, 'GET', '/Users')).body.Resources.map((u: { id: string }) => u.id);
    expect(page.Resources.map((u: { id: string }) => u.id)).toEqual(all.slice(1, 3));
    expect((await scim(key, 'GET', '/Users?startIndex=10')).body.Resources).toEqual([]);
  });
});
