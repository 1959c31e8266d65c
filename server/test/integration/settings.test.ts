import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { addMember, signUpOrg } from '../support/factories';

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
