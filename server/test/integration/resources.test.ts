import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { addMember, createModelChain, createResource, grant, signUpOrg, type TestOrg, type TestUser } from '../support/factories';

const CREATE = `mutation($input: CreateResourceInput!) { createResource(input: $input) { id type name } }`;
const UPDATE = `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id name ... on Assistant { status visibility } } }`;
const RESOURCE = `query($id: ID!) { resource(id: $id) { id name type myLevel owner { id isMember } } }`;

let t: TestServer;
let org: TestOrg;
let admin: TestUser;
let user: TestUser;
beforeAll(async () => {
  t = await startTestServer();
  org = await signUpOrg(t, 'Hana');
  admin = await addMember(t, org, 'ADMIN', 'Ravi');
  user = await addMember(t, org, 'USER', 'Jo');
});
afterAll(() => t.close());

describe('creating resources', () => {
  it('needs the type’s create capability', async () => {
    expect(errorCode(await t.gql(CREATE, { input: { type: 'PROJECT', name: 'P' } }, user.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(CREATE, { input: { type: 'CONNECTION', name: 'C' } }, user.token))).toBe('FORBIDDEN');
    ok(await t.gql(CREATE, { input: { type: 'PROJECT', name: 'P' } }, admin.token));
    ok(await t.gql(CREATE, { input: { type: 'CORPUS', name: 'Docs' } }, user.token));
  });

  it('an assistant needs a project the creator may use (createAssistant)', async () => {
    const project = await createResource(t, admin.token, { type: 'PROJECT', name: 'Support' });
    expect(errorCode(await t.gql(CREATE, { input: { type: 'ASSISTANT', name: 'Bot' } }, admin.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CREATE, { input: { type: 'ASSISTANT', name: 'Bot', parentId: project } }, user.token))).toBe('NOT_FOUND');
    await grant(t, admin.token, project, { userId: user.id }, 'MEMBER');
    const created = ok(
      await t.gql(
        `mutation($input: CreateResourceInput!) { createResource(input: $input) { id ... on Assistant { status visibility } parent { id } owner { id } myLevel } }`,
        { input: { type: 'ASSISTANT', name: 'Bot', parentId: project } },
        user.token,
      ),
    ).createResource;
    expect(created).toMatchObject({ status: 'DRAFT', visibility: 'PRIVATE', parent: { id: project }, owner: { id: user.id }, myLevel: 'OWNER' });
  });

  it('refuses fields that do not belong to the type, and a parent of the wrong type', async () => {
    const corpus = await createResource(t, user.token, { type: 'CORPUS', name: 'K' });
    expect(errorCode(await t.gql(CREATE, { input: { type: 'CORPUS', name: 'X', status: 'LIVE' } }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CREATE, { input: { type: 'CORPUS', name: 'X', credentials: 's' } }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CREATE, { input: { type: 'ASSISTANT', name: 'X', parentId: corpus } }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CREATE, { input: { type: 'CORPUS', name: '  ' } }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CREATE, { input: { type: 'CORPUS', name: 'x'.repeat(201) } }, user.token))).toBe('BAD_USER_INPUT');
  });

  it('a schema agent is built on a connection the creator may use; a semantic model on a schema agent', async () => {
    const connection = await createResource(t, admin.token, { type: 'CONNECTION', name: 'Warehouse', credentials: 'secret' });
    expect(errorCode(await t.gql(CREATE, { input: { type: 'SCHEMA_AGENT', name: 'S' } }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CREATE, { input: { type: 'SCHEMA_AGENT', name: 'S', attributes: { connectionId: connection } } }, user.token))).toBe(
      'NOT_FOUND',
    );
    await grant(t, admin.token, connection, { userId: user.id }, 'MEMBER');
    const agent = await createResource(t, user.token, { type: 'SCHEMA_AGENT', name: 'S', attributes: { connectionId: connection } });
    expect(errorCode(await t.gql(CREATE, { input: { type: 'SEMANTIC_MODEL', name: 'M', attributes: { schemaAgentId: connection } } }, user.token))).toBe(
      'BAD_USER_INPUT',
    );
    const model = ok(
      await t.gql(
        `mutation($input: CreateResourceInput!) { createResource(input: $input) { ... on SemanticModel { schemaAgent { id ... on SchemaAgent { connection { id name } } } } } }`,
        { input: { type: 'SEMANTIC_MODEL', name: 'M', attributes: { schemaAgentId: agent } } },
        user.token,
      ),
    ).createResource;
    expect(model.schemaAgent).toEqual({ id: agent, connection: { id: connection, name: 'Warehouse' } });
    // An id given in capitals is matched, and kept as the connection's own id: what integrators read back and compare.
    const shouted = ok(
      await t.gql(
        `mutation($input: CreateResourceInput!) { createResource(input: $input) { attributes } }`,
        { input: { type: 'SCHEMA_AGENT', name: 'Loud', attributes: { connectionId: connection.toUpperCase(), note: 'As Sent' } } },
        user.token,
      ),
    ).createResource;
    expect(shouted.attributes).toEqual({ connectionId: connection, note: 'As Sent' });
  });

  it('an API key registers resources on behalf of a member', async () => {
    const key = ok(await t.gql(`mutation { createApiKey(input: { name: "sync", scopes: { resources: WRITE } }) { secret } }`, {}, org.owner.token)).createApiKey
      .secret;
    expect(errorCode(await t.gql(CREATE, { input: { type: 'CORPUS', name: 'Synced' } }, key))).toBe('BAD_USER_INPUT');
    const created = ok(
      await t.gql(
        `mutation($input: CreateResourceInput!) { createResource(input: $input) { id owner { id } myLevel } }`,
        { input: { type: 'CORPUS', name: 'Synced', ownerId: user.id } },
        key,
      ),
    ).createResource;
    expect(created.owner.id).toBe(user.id);
    expect(created.myLevel).toBeNull();
    const readOnly = ok(await t.gql(`mutation { createApiKey(input: { name: "ro", scopes: { resources: READ } }) { secret } }`, {}, org.owner.token))
      .createApiKey.secret;
    expect(errorCode(await t.gql(CREATE, { input: { type: 'CORPUS', name: 'No', ownerId: user.id } }, readOnly))).toBe('FORBIDDEN');
  });
});

describe('reading resources', () => {
  it('answers NOT_FOUND for resources the caller cannot see and for other organizations', async () => {
    const hidden = await createResource(t, admin.token, { type: 'CORPUS', name: 'Hidden' });
    const other = await signUpOrg(t, 'Other');
    const theirs = await createResource(t, other.owner.token, { type: 'CORPUS', name: 'Theirs' });
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const [id, token] of [
      [hidden, user.token],
      [theirs, org.owner.token],
      [missing, org.owner.token],
    ] as const) {
      const read = await t.gql(RESOURCE, { id }, token);
      expect(errorCode(read)).toBe('NOT_FOUND');
      expect(read.errors?.[0]?.message).toBe(`No resource with id ${id} in this organization.`);
      const share = await t.gql(
        `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`,
        { input: { resourceId: id, subject: { userId: user.id }, level: 'VIEWER' } },
        token,
      );
      expect(errorCode(share)).toBe('NOT_FOUND');
    }
  });

  it('lists what the caller may read, completely, page after page', async () => {
    const fresh = await signUpOrg(t, 'Lister');
    const reader = await addMember(t, fresh, 'USER', 'Reader');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const id = await createResource(t, fresh.owner.token, { type: 'CORPUS', name: `Corpus ${String(i).padStart(2, '0')}` });
      ids.push(id);
      if (i !== 3) await grant(t, fresh.owner.token, id, { userId: reader.id }, 'VIEWER');
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = ok(
        await t.gql(
          `query($after: String) { resources(type: CORPUS, first: 2, after: $after) { totalCount edges { node { id name } } pageInfo { hasNextPage endCursor } } }`,
          { after },
          reader.token,
        ),
      ).resources;
      expect(page.totalCount).toBe(6);
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(ids.filter((_, i) => i !== 3));
    const searched = ok(await t.gql(`{ resources(search: "corpus 05") { edges { node { name } } } }`, {}, reader.token)).resources.edges;
    expect(searched).toEqual([{ node: { name: 'Corpus 05' } }]);
    expect(ok(await t.gql(`{ resources { totalCount } }`, {}, fresh.owner.token)).resources.totalCount).toBe(7);
  });

  it('shows owner badges: owner and direct grants', async () => {
    const { semanticModelId } = await createModelChain(t, org.owner.token, 'Badges');
    await grant(t, org.owner.token, semanticModelId, { userId: user.id }, 'EDITOR');
    const model = ok(
      await t.gql(
        `query($id: ID!) { resource(id: $id) { owner { name isMember } sharedWith { level user { name } team { name } } } }`,
        { id: semanticModelId },
        user.token,
      ),
    ).resource;
    expect(model).toEqual({ owner: { name: 'Hana', isMember: true }, sharedWith: [{ level: 'EDITOR', user: { name: 'Jo' }, team: null }] });
  });
});

describe('changing resources', () => {
  it('each change needs its own action, and a refused change changes nothing', async () => {
    const project = await createResource(t, admin.token, { type: 'PROJECT', name: 'Changes' });
    const assistant = await createResource(t, admin.token, { type: 'ASSISTANT', name: 'A', parentId: project, status: 'LIVE' });
    await grant(t, admin.token, project, { userId: user.id }, 'MEMBER');
    expect(errorCode(await t.gql(UPDATE, { input: { id: assistant, name: 'Renamed' } }, user.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(UPDATE, { input: { id: assistant, name: 'Renamed', status: 'DRAFT' } }, user.token))).toBe('FORBIDDEN');
    expect(ok(await t.gql(RESOURCE, { id: assistant }, admin.token)).resource.name).toBe('A');
    const updated = ok(await t.gql(UPDATE, { input: { id: assistant, status: 'DRAFT', visibility: 'PUBLIC' } }, admin.token)).updateResource;
    expect(updated).toMatchObject({ status: 'DRAFT', visibility: 'PUBLIC' });
    expect(errorCode(await t.gql(UPDATE, { input: { id: project, status: 'LIVE' } }, admin.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(UPDATE, { input: { id: project } }, admin.token))).toBe('BAD_USER_INPUT');
  });

  it('deleting a project removes its assistants and grants', async () => {
    const project = await createResource(t, admin.token, { type: 'PROJECT', name: 'Doomed' });
    const assistant = await createResource(t, admin.token, { type: 'ASSISTANT', name: 'A', parentId: project, status: 'LIVE' });
    await grant(t, admin.token, project, { userId: user.id }, 'MEMBER');
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteResource(id: $id) }`, { id: project }, user.token))).toBe('FORBIDDEN');
    ok(await t.gql(`mutation($id: ID!) { deleteResource(id: $id) }`, { id: project }, admin.token));
    expect(errorCode(await t.gql(RESOURCE, { id: assistant }, admin.token))).toBe('NOT_FOUND');
    const grants = await t.server.app.dataSource.query(`SELECT 1 FROM grants WHERE resource_id = $1`, [project]);
    expect(grants).toHaveLength(0);
  });
});

describe('connection credentials (field-level @Authorized)', () => {
  it('are readable only with readCredentials, and shown to others only as set', async () => {
    const connection = await createResource(t, admin.token, { type: 'CONNECTION', name: 'Billing DB', credentials: 'postgres://svc:hunter2@db/billing' });
    await grant(t, admin.token, connection, { userId: user.id }, 'MEMBER');
    const query = `query($id: ID!) { resource(id: $id) { ... on Connection { hasCredentials credentials } } }`;
    expect(ok(await t.gql(query, { id: connection }, admin.token)).resource).toEqual({
      hasCredentials: true,
      credentials: 'postgres://svc:hunter2@db/billing',
    });
    const asMember = await t.gql(query, { id: connection }, user.token);
    expect(asMember.data?.resource).toEqual({ hasCredentials: true, credentials: null });
    expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asMember.errors?.[0]?.path).toEqual(['resource', 'credentials']);
    expect(errorCode(await t.gql(UPDATE, { input: { id: connection, credentials: 'stolen' } }, user.token))).toBe('FORBIDDEN');
    ok(await t.gql(UPDATE, { input: { id: connection, credentials: 'postgres://svc:rotated@db/billing' } }, admin.token));
    const audit = JSON.stringify(await t.server.app.dataSource.query(`SELECT before, after FROM audit_entries WHERE target_id = $1`, [connection]));
    expect(audit).not.toContain('hunter2');
    expect(audit).not.toContain('rotated');
    expect(audit).toContain('credentialsChanged');
  });

  it('are read for every connection of a list by their admin', async () => {
    const fresh = await signUpOrg(t, 'Many');
    for (let i = 0; i < 5; i++) await createResource(t, fresh.owner.token, { type: 'CONNECTION', name: `c${i}`, credentials: `secret-${i}` });
    const list = ok(await t.gql(`{ resources(type: CONNECTION) { edges { node { ... on Connection { credentials } } } } }`, {}, fresh.owner.token)).resources
      .edges;
    expect(list.map((e: { node: { credentials: string } }) => e.node.credentials).sort()).toEqual(['secret-0', 'secret-1', 'secret-2', 'secret-3', 'secret-4']);
  });
});
