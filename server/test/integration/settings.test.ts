import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { addMember, signUpOrg } from '../support/factories';
import { liveClient, settle } from '../support/liveClient';

const UPDATE_LLM = `mutation($input: UpdateLlmConfigurationInput!) { updateLlmConfiguration(input: $input) { provider model apiKeyLast4 } }`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('LLM configuration', () => {
  it('is owners-only, and its API key is write-only', async () => {
    const org = await signUpOrg(t);
    const admin = await addMember(t, org, 'ADMIN');
    const secret = 'sk-live-0123456789abcdef';
    const saved = ok(await t.gql(UPDATE_LLM, { input: { provider: 'openai', model: 'gpt-5', apiKey: secret } }, org.owner.token)).updateLlmConfiguration;
    expect(saved).toEqual({ provider: 'openai', model: 'gpt-5', apiKeyLast4: 'cdef' });
    const read = ok(await t.gql(`{ llmConfiguration { provider model apiKeyLast4 } }`, {}, org.owner.token));
    expect(JSON.stringify(read)).not.toContain(secret);
    expect(errorCode(await t.gql(`{ llmConfiguration { provider } }`, {}, admin.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(UPDATE_LLM, { input: { provider: 'x', model: 'y' } }, admin.token))).toBe('FORBIDDEN');
  });

  it('keeps the key when none is given and clears it with an empty one', async () => {
    const org = await signUpOrg(t);
    ok(await t.gql(UPDATE_LLM, { input: { provider: 'openai', model: 'a', apiKey: 'key-1234' } }, org.owner.token));
    expect(ok(await t.gql(UPDATE_LLM, { input: { provider: 'openai', model: 'b' } }, org.owner.token)).updateLlmConfiguration.apiKeyLast4).toBe('1234');
    expect(
      ok(await t.gql(UPDATE_LLM, { input: { provider: 'openai', model: 'b', apiKey: '' } }, org.owner.token)).updateLlmConfiguration.apiKeyLast4,
    ).toBeNull();
  });

  it('never writes the key to the audit log', async () => {
    const org = await signUpOrg(t);
    const secret = 'sk-audit-secret-9876';
    ok(await t.gql(UPDATE_LLM, { input: { provider: 'anthropic', model: 'c', apiKey: secret } }, org.owner.token));
    const rows = await t.server.app.dataSource.query(`SELECT before, after FROM audit_entries WHERE organization_id = $1`, [org.id]);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(rows)).toContain('apiKeyChanged');
  });

  it('refuses blank provider or model, changing nothing', async () => {
    const org = await signUpOrg(t);
    expect(errorCode(await t.gql(UPDATE_LLM, { input: { provider: ' ', model: 'x' } }, org.owner.token))).toBe('BAD_USER_INPUT');
    expect(ok(await t.gql(`{ llmConfiguration { provider } }`, {}, org.owner.token)).llmConfiguration).toBeNull();
  });

  it('refuses a key that cannot be one (too long, or holding a line break) on its field, keeping the stored key', async () => {
    const org = await signUpOrg(t);
    ok(await t.gql(UPDATE_LLM, { input: { provider: 'openai', model: 'a', apiKey: 'key-1234' } }, org.owner.token));
    for (const apiKey of ['k'.repeat(1_001), 'sk-abc\ndef', 'sk-\u0000abc']) {
      const refused = await t.gql(UPDATE_LLM, { input: { provider: 'openai', model: 'b', apiKey } }, org.owner.token);
      // A NUL byte is refused before the command runs, naming the variable's whole path.
      expect({ code: errorCode(refused), field: refused.errors?.[0]?.extensions?.field }).toEqual({
        code: 'BAD_USER_INPUT',
        field: expect.stringMatching(/^(variables\.input\.)?apiKey$/),
      });
      expect(JSON.stringify(refused)).not.toContain(apiKey);
    }
    expect(ok(await t.gql(`{ llmConfiguration { model apiKeyLast4 } }`, {}, org.owner.token)).llmConfiguration).toEqual({ model: 'a', apiKeyLast4: '1234' });
  });
});

describe('billing', () => {
  it('is owners-only and counts members plus pending invitations', async () => {
    const org = await signUpOrg(t);
    const admin = await addMember(t, org, 'ADMIN');
    expect(errorCode(await t.gql(`{ billing { seats } }`, {}, admin.token))).toBe('FORBIDDEN');
    const billing = ok(await t.gql(`{ billing { plan seats seatsUsed plans { id maxSeats } } }`, {}, org.owner.token)).billing;
    expect(billing).toMatchObject({ plan: 'TEAM', seats: 25, seatsUsed: 2 });
  });

  it('refuses fewer seats than in use, or more than the plan allows', async () => {
    const org = await signUpOrg(t);
    await addMember(t, org);
    await addMember(t, org);
    const below = await t.gql(`mutation { updateBilling(input: { plan: TEAM, seats: 2 }) { seats } }`, {}, org.owner.token);
    expect(errorCode(below)).toBe('BAD_USER_INPUT');
    expect(below.errors?.[0]?.message).toMatch(/3 seats are in use/);
    expect(errorCode(await t.gql(`mutation { updateBilling(input: { plan: FREE, seats: 50 }) { seats } }`, {}, org.owner.token))).toBe('BAD_USER_INPUT');
    expect(ok(await t.gql(`{ billing { seats } }`, {}, org.owner.token)).billing.seats).toBe(25);
  });
});

describe('the organization’s name', () => {
  const RENAME = `mutation($input: RenameOrganizationInput!) { renameOrganization(input: $input) { id name } }`;
  const NAME = `{ me { organization { name } } }`;

  it('is renamed by an owner, seen by every member, and audited with the old name', async () => {
    const org = await signUpOrg(t, 'typo', 'Acme Analyitcs');
    const member = await addMember(t, org, 'USER');
    expect(ok(await t.gql(RENAME, { input: { name: ' Acme Analytics ' } }, org.owner.token)).renameOrganization).toEqual({
      id: org.id,
      name: 'Acme Analytics',
    });
    expect(ok(await t.gql(NAME, {}, member.token)).me.organization.name).toBe('Acme Analytics');
    const audit = ok(
      await t.gql(`{ auditLog(first: 1, filter: { action: "organization.renamed" }) { edges { node { before after } } } }`, {}, org.owner.token),
    );
    expect(audit.auditLog.edges[0].node).toEqual({ before: { name: 'Acme Analyitcs' }, after: { name: 'Acme Analytics' } });
  });

  it('reaches every member’s open tab live (organizationChanged), and no one outside the organization', async () => {
    const org = await signUpOrg(t, 'live', 'Live Nmae');
    const member = await addMember(t, org, 'USER');
    const outsider = await signUpOrg(t, 'outsider', 'Elsewhere');
    const CHANGED = `subscription { organizationChanged { id name } }`;
    const theirs = liveClient(t.url, member.token);
    const other = liveClient(t.url, outsider.owner.token);
    try {
      const received = theirs.subscribe<{ id: string; name: string }>(CHANGED);
      const unrelated = other.subscribe(CHANGED);
      await Promise.all([theirs.connected(), other.connected()]);
      await settle(200);
      ok(await t.gql(RENAME, { input: { name: 'Live Name' } }, org.owner.token));
      expect(await received.next()).toEqual({ id: org.id, name: 'Live Name' });
      await settle(300);
      expect(unrelated.received).toEqual([]);
    } finally {
      await Promise.all([theirs.dispose(), other.dispose()]);
    }
    // An API key has no tab to keep current: it may not subscribe.
    const key = ok(await t.gql(`mutation { createApiKey(input: { name: "k", scopes: { directory: READ } }) { secret } }`, {}, org.owner.token)).createApiKey
      .secret;
    const byKey = liveClient(t.url, key);
    try {
      const refused = byKey.subscribe(CHANGED);
      await settle(300);
      expect(JSON.stringify(refused.errors)).toContain('FORBIDDEN');
    } finally {
      await byKey.dispose();
    }
  });

  it('the same name again changes nothing and adds no audit entry', async () => {
    const org = await signUpOrg(t, 'same', 'Same Name');
    ok(await t.gql(RENAME, { input: { name: 'Same Name' } }, org.owner.token));
    const audit = ok(await t.gql(`{ auditLog(first: 5, filter: { action: "organization.renamed" }) { totalCount } }`, {}, org.owner.token));
    expect(audit.auditLog.totalCount).toBe(0);
  });

  it('is the owners’ alone: an admin, a user and an API key are refused, and nothing changes', async () => {
    const org = await signUpOrg(t, 'owned', 'Owned Inc');
    const admin = await addMember(t, org, 'ADMIN');
    const user = await addMember(t, org, 'USER');
    const key = ok(
      await t.gql(
        `mutation { createApiKey(input: { name: "all", scopes: { directory: WRITE, resources: WRITE, permissions: READ, audit: READ } }) { secret } }`,
        {},
        org.owner.token,
      ),
    ).createApiKey.secret;
    for (const token of [admin.token, user.token, key]) expect(errorCode(await t.gql(RENAME, { input: { name: 'Taken Over' } }, token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(RENAME, { input: { name: 'Anon' } }))).toBe('UNAUTHENTICATED');
    expect(ok(await t.gql(NAME, {}, org.owner.token)).me.organization.name).toBe('Owned Inc');
  });

  it('refuses a blank, too long or unreadable name on the name field, keeping the old one', async () => {
    const org = await signUpOrg(t, 'bad', 'Good Name');
    for (const name of ['  ', 'x'.repeat(101), 'Bad\u0000Name', 'Two\nLines', 'Flip \u202Eit']) {
      const result = await t.gql(RENAME, { input: { name } }, org.owner.token);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.field).toMatch(/(^|\.)name$/);
    }
    expect(ok(await t.gql(NAME, {}, org.owner.token)).me.organization.name).toBe('Good Name');
  });
});
