import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { addMember, signUpOrg, uniqueEmail } from '../support/factories';

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
    expect(ok(await t.gql(`{ me { apiKey { id name } account { id } } }`, {}, key.secret)).me).toEqual({ apiKey: { id: key.apiKey.id, name: 'ci' }, account: null });
    const write = await t.gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`, { input: { email: uniqueEmail(), role: 'USER' } }, key.secret);
    expect(errorCode(write)).toBe('FORBIDDEN');
    expect(write.errors?.[0]?.message).toMatch(/directory: WRITE/);
    expect(errorCode(await t.gql(`{ billing { seats } }`, {}, key.secret))).toBe('FORBIDDEN');
    const listed = ok(await t.gql(`{ apiKeys { id lastUsedAt } }`, {}, org.owner.token)).apiKeys;
    expect(listed[0].lastUsedAt).not.toBeNull();
  });

  it('a key with directory WRITE manages members like an admin, never owners', async () => {
    const org = await signUpOrg(t);
    const key = await createKey(org.owner.token, { directory: 'WRITE' });
    const user = await addMember(t, org, 'USER');
    ok(await t.gql(`mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`, { input: { userId: user.id, role: 'ADMIN' } }, key.secret));
    expect(errorCode(await t.gql(`mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`, { input: { userId: user.id, role: 'OWNER' } }, key.secret))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId } }`, { input: { userId: org.owner.id } }, key.secret))).toBe('FORBIDDEN');
  });

  it('is refused from the request after it is revoked', async () => {
    const org = await signUpOrg(t);
    const key = await createKey(org.owner.token, { directory: 'READ' });
    ok(await t.gql(`{ members { totalCount } }`, {}, key.secret));
    const revoked = ok(await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: key.apiKey.id }, org.owner.token)).revokeApiKey;
    expect(revoked.revokedAt).not.toBeNull();
    expect(errorCode(await t.gql(`{ members { totalCount } }`, {}, key.secret))).toBe('UNAUTHENTICATED');
  });

  it('refuses WRITE on read-only areas and a blank name', async () => {
    const org = await signUpOrg(t);
    expect(errorCode(await t.gql(CREATE, { input: { name: 'x', scopes: { audit: 'WRITE' } } }, org.owner.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CREATE, { input: { name: ' ', scopes: {} } }, org.owner.token))).toBe('BAD_USER_INPUT');
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
