import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { addMember, createResource, createTeam, grant, signUpOrg, uniqueEmail } from '../support/factories';
import { eventually } from '../support/eventually';

const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name prefix scopes { directory resources permissions audit } lastUsedAt revokedAt } } }`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

async function createKey(token: string, scopes: Record<string, string>, name = 'ci') {
  return ok(await t.gql(CREATE, { input: { name, scopes } }, token)).createApiKey;
}

describe('API keys', () => {
  it('only owners manage keys', async () => {
    const org = await signUpOrg(t);
    const admin = await addMember(t, org, 'ADMIN');
    expect(errorCode(await t.gql(CREATE, { input: { name: 'x', scopes: {} } }, admin.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(`{ apiKeys { id } }`, {}, admin.token))).toBe('FORBIDDEN');
  });

  it('shows the secret once, stores it hashed, and lists keys without it', async () => {
    const org = await signUpOrg(t);
    const created = await createKey(org.owner.token, { directory: 'READ' });
    expect(created.secret).toMatch(/^rgk_/);
    expect(created.apiKey.prefix).toBe(created.secret.slice(0, 10));
    expect(created.apiKey.scopes).toEqual({ directory: 'READ', resources: 'NONE', permissions: 'NONE', audit: 'NONE' });
    const [row] = await t.server.app.dataSource.query(`SELECT secret_hash FROM api_keys WHERE id = $1`, [created.apiKey.id]);
    expect(row.secret_hash).not.toContain(created.secret);
    const listed = JSON.stringify(ok(await t.gql(`{ apiKeys { id name prefix } }`, {}, org.owner.token)));
    expect(listed).not.toContain(created.secret);
  });

  it('acts within its scopes and records its last use', async () => {
    const org = await signUpOrg(t);
    const key = await createKey(org.owner.token, { directory: 'READ', audit: 'READ' });
    expect(ok(await t.gql(`{ members { totalCount } }`, {}, key.secret)).members.totalCount).toBe(1);
    expect(ok(await t.gql(`{ me { apiKey { id name } account { id } } }`, {}, key.secret)).me).toEqual({
      apiKey: { id: key.apiKey.id, name: 'ci' },
      account: null,
    });
    const write = await t.gql(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`,
      { input: { email: uniqueEmail(), role: 'USER' } },
      key.secret,
    );
    expect(errorCode(write)).toBe('FORBIDDEN');
    expect(write.errors?.[0]?.message).toMatch(/directory: WRITE/);
    expect(errorCode(await t.gql(`{ billing { seats } }`, {}, key.secret))).toBe('FORBIDDEN');
    // Its use is recorded beside the requests, not before them.
    await eventually(
      'the key’s use recorded',
      async () => ok(await t.gql(`{ apiKeys { id lastUsedAt } }`, {}, org.owner.token)).apiKeys[0].lastUsedAt ?? undefined,
    );
  });

  it('a key with directory WRITE manages members like an admin, never owners', async () => {
    const org = await signUpOrg(t);
    const key = await createKey(org.owner.token, { directory: 'WRITE' });
    const user = await addMember(t, org, 'USER');
    ok(
      await t.gql(
        `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`,
        { input: { userId: user.id, role: 'ADMIN' } },
        key.secret,
      ),
    );
    expect(
      errorCode(
        await t.gql(
          `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`,
          { input: { userId: user.id, role: 'OWNER' } },
          key.secret,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await t.gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId } }`, { input: { userId: org.owner.id } }, key.secret),
      ),
    ).toBe('FORBIDDEN');
  });

  it('is refused from the request after it is revoked', async () => {
    const org = await signUpOrg(t);
    const key = await createKey(org.owner.token, { directory: 'READ' });
    ok(await t.gql(`{ members { totalCount } }`, {}, key.secret));
    const revoked = ok(await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: key.apiKey.id }, org.owner.token)).revokeApiKey;
    expect(revoked.revokedAt).not.toBeNull();
    const refused = await t.gql(`{ members { totalCount } }`, {}, key.secret);
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toBe('This API key is not valid: it is unknown or was revoked.');
  });

  it('tells a caller with an unknown API key that the key is not valid, and one without credentials to sign in', async () => {
    const unknownKey = await t.gql(`{ members { totalCount } }`, {}, 'rgk_' + 'x'.repeat(43));
    expect(errorCode(unknownKey)).toBe('UNAUTHENTICATED');
    expect(unknownKey.errors?.[0]?.message).toBe('This API key is not valid: it is unknown or was revoked.');
    const anonymous = await t.gql(`{ members { totalCount } }`, {});
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.errors?.[0]?.message).toMatch(/^Sign in first/);
    const unknownSession = await t.gql(`{ members { totalCount } }`, {}, 'rgs_' + 'x'.repeat(43));
    expect(unknownSession.errors?.[0]?.message).toMatch(/^Sign in first/);
  });

  it('areas do not bleed: a directory key reads members, not what they own or what is shared', async () => {
    const org = await signUpOrg(t);
    const member = await addMember(t, org, 'USER');
    const secretName = 'Private draft roadmap';
    ok(
      await t.gql(
        `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
        { input: { type: 'CORPUS', name: secretName } },
        member.token,
      ),
    );
    const key = await createKey(org.owner.token, { directory: 'READ' });
    const result = await t.gql(`{ members { edges { node { id name email ownedResources { id name sharedWith { level } } } } } }`, {}, key.secret);
    expect(JSON.stringify(result.data)).not.toContain(secretName);
    expect(result.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(result.errors?.[0]?.message).toMatch(/resources: READ/);
    expect(result.data?.members.edges.map((e: { node: { email: string } }) => e.node.email)).toContain(member.email);
    expect(errorCode(await t.gql(`{ resourcesOfFormerMembers { totalCount } }`, {}, key.secret))).toBe('FORBIDDEN');

    // And a resources key sees the catalog and its owners' names, not their email addresses.
    const catalog = await createKey(org.owner.token, { resources: 'READ' });
    const listed = await t.gql(`{ resources { edges { node { name owner { id name email } } } } }`, {}, catalog.secret);
    expect(JSON.stringify(listed.data)).toContain(secretName);
    expect(JSON.stringify(listed.data)).not.toContain(member.email);
    expect(errorCode(await t.gql(`{ members { totalCount } }`, {}, catalog.secret))).toBe('FORBIDDEN');
  });

  it('areas do not bleed through an access path in words: a permissions key reads ids where a reason would name a team or resource', async () => {
    const org = await signUpOrg(t);
    const member = await addMember(t, org, 'USER');
    const teamId = await createTeam(t, org.owner.token, 'Secret team name', [{ id: member.id }]);
    const corpus = await createResource(t, org.owner.token, { type: 'CORPUS', name: 'Confidential corpus name' });
    await grant(t, org.owner.token, corpus, { teamId }, 'VIEWER');
    const EXPLAIN = `query($u: ID!, $r: ID!) { explainAccess(userId: $u, resourceId: $r) { reasons { summary } } }`;
    const CHECK = `query($input: CheckPermissionInput!) { checkPermission(input: $input) { reasons { summary } } }`;
    const ask = async (secret: string) => [
      ...ok(await t.gql(EXPLAIN, { u: member.id, r: corpus }, secret)).explainAccess.reasons,
      ...ok(await t.gql(CHECK, { input: { userId: member.id, action: 'read', resourceId: corpus } }, secret)).checkPermission.reasons,
    ];

    const permissionsOnly = await createKey(org.owner.token, { permissions: 'READ' });
    for (const reason of await ask(permissionsOnly.secret)) {
      expect(reason.summary).toBe(`Viewer through team ${teamId}'s grant on Corpus ${corpus}`);
    }
    // With the areas the names belong to, the same reasons name them, as they do for the owner.
    const withNames = await createKey(org.owner.token, { permissions: 'READ', directory: 'READ', resources: 'READ' });
    for (const secret of [withNames.secret, org.owner.token]) {
      for (const reason of await ask(secret)) {
        expect(reason.summary).toBe("Viewer through team Secret team name's grant on Corpus 'Confidential corpus name'");
      }
    }
  });

  it('a key that can do nothing is refused at creation', async () => {
    const org = await signUpOrg(t);
    const none = await t.gql(
      CREATE,
      { input: { name: 'useless', scopes: { directory: 'NONE', resources: 'NONE', permissions: 'NONE', audit: 'NONE' } } },
      org.owner.token,
    );
    expect(errorCode(none)).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CREATE, { input: { name: 'empty', scopes: {} } }, org.owner.token))).toBe('BAD_USER_INPUT');
    expect(ok(await t.gql(`{ apiKeys { id } }`, {}, org.owner.token)).apiKeys).toHaveLength(0);
  });

  it('refuses WRITE on read-only areas and a blank name', async () => {
    const org = await signUpOrg(t);
    expect(errorCode(await t.gql(CREATE, { input: { name: 'x', scopes: { audit: 'WRITE' } } }, org.owner.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CREATE, { input: { name: ' ', scopes: { directory: 'READ' } } }, org.owner.token))).toBe('BAD_USER_INPUT');
    expect(ok(await t.gql(`{ apiKeys { id } }`, {}, org.owner.token)).apiKeys).toHaveLength(0);
  });

  it('cannot revoke another organization’s key', async () => {
    const mine = await signUpOrg(t);
    const theirs = await signUpOrg(t);
    const key = await createKey(theirs.owner.token, { directory: 'READ' });
    expect(errorCode(await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: key.apiKey.id }, mine.owner.token))).toBe('NOT_FOUND');
    ok(await t.gql(`{ members { totalCount } }`, {}, key.secret));
  });
});
