import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/app/logger';
import { startServer, type RunningServer } from '../../src/app/startServer';
import { errorCode, ok, testServerEnv, type GraphQLResult } from '../support/testServer';

/**
 * No secret reaches the logs: the server runs with its real logger at the
 * most verbose level, writing to memory; the test uses every kind of secret
 * (passwords, session, invitation and API key tokens, connection
 * credentials, the LLM key) and makes the real database refuse writes that
 * carry them — an unexpected error, logged — then searches every line for
 * every secret it used.
 */
const lines: string[] = [];
let server: RunningServer;
const probe = randomUUID().slice(0, 8);
const constraints: [table: string, name: string][] = [];

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult;
}

/** The real database refuses rows with `column = value` from now on (a constraint added for the test and dropped after). */
async function refuseRowsWhere(table: string, column: string, value: string): Promise<void> {
  const name = `log_probe_${table}_${probe}`;
  await server.app.dataSource.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} CHECK (${column} <> '${value}') NOT VALID`);
  constraints.push([table, name]);
}

beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  const config = loadConfig({ ...testServerEnv(), LOG_LEVEL: 'trace' });
  server = await startServer(config, { logger: createLogger(config, destination), embeddedDataDir: 'memory://' });
});

afterAll(async () => {
  for (const [table, name] of constraints) await server.app.dataSource.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  await server?.close();
});

it('no secret the server handled appears in any log line, even when the database refuses it', async () => {
  const secrets: string[] = [];
  const password = `owner password ${probe}`;
  secrets.push(password);
  const signUp = ok(
    await gql(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
      input: { email: `owner-${probe}@example.test`, password, name: 'Hana', organizationName: 'Logs' },
    }),
  );
  const owner: string = signUp.signUp.token;
  secrets.push(owner);
  const wrongPassword = `wrong password ${probe}`;
  secrets.push(wrongPassword);
  expect(
    errorCode(
      await gql(`mutation($input: SignInInput!) { signIn(input: $input) { token } }`, {
        input: { email: `owner-${probe}@example.test`, password: wrongPassword },
      }),
    ),
  ).toBeDefined();
  const signIn = ok(
    await gql(`mutation($input: SignInInput!) { signIn(input: $input) { token } }`, { input: { email: `owner-${probe}@example.test`, password } }),
  );
  secrets.push(signIn.signIn.token);

  const key = ok(
    await gql(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
      { input: { name: 'ci', scopes: { directory: 'READ', resources: 'WRITE', permissions: 'READ', audit: 'READ' } } },
      owner,
    ),
  ).createApiKey.secret;
  secrets.push(key);
  ok(await gql(`{ me { capabilities } }`, {}, key));

  const invite = ok(
    await gql(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`,
      { input: { email: `jo-${probe}@example.test`, role: 'USER' } },
      owner,
    ),
  );
  const invitationToken = decodeURIComponent(/#token=(.+)$/.exec(invite.inviteMember.acceptUrl)![1]!);
  secrets.push(invitationToken);
  const memberPassword = `member password ${probe}`;
  secrets.push(memberPassword);
  secrets.push(
    ok(
      await gql(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }`, {
        input: { token: invitationToken, name: 'Jo', password: memberPassword },
      }),
    ).acceptInvitation.token,
  );

  const credentials = `postgres://svc:conn-secret-${probe}@warehouse/sales`;
  const newCredentials = `postgres://svc:rotated-secret-${probe}@warehouse/sales`;
  secrets.push(`conn-secret-${probe}`, `rotated-secret-${probe}`);
  const connection = ok(
    await gql(
      `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      { input: { type: 'CONNECTION', name: 'Warehouse', credentials } },
      owner,
    ),
  ).createResource.id;
  ok(
    await gql(
      `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id } }`,
      { input: { id: connection, credentials: newCredentials } },
      owner,
    ),
  );
  const read = ok(await gql(`query($id: ID!) { resource(id: $id) { ... on Connection { credentials } } }`, { id: connection }, owner));
  expect(read.resource.credentials).toBe(newCredentials);
  const llmKey = `sk-llm-secret-${probe}`;
  secrets.push(llmKey);
  ok(
    await gql(
      `mutation($input: UpdateLlmConfigurationInput!) { updateLlmConfiguration(input: $input) { apiKeyLast4 } }`,
      { input: { provider: 'openai', model: 'gpt', apiKey: llmKey } },
      owner,
    ),
  );

  // The database refuses rows carrying secrets: each is an unexpected error, logged.
  await refuseRowsWhere('resources', 'name', `refused-${probe}`);
  await refuseRowsWhere('llm_configs', 'model', `refused-${probe}`);
  await refuseRowsWhere('accounts', 'email_normalized', `refused-${probe}@example.test`);
  const refusedCredentials = `postgres://svc:refused-secret-${probe}@warehouse/sales`;
  const refusedLlmKey = `sk-refused-llm-${probe}`;
  const refusedPassword = `refused password ${probe}`;
  secrets.push(`refused-secret-${probe}`, refusedLlmKey, refusedPassword);
  const refused = [
    await gql(
      `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      { input: { type: 'CONNECTION', name: `refused-${probe}`, credentials: refusedCredentials } },
      owner,
    ),
    await gql(
      `mutation($input: UpdateLlmConfigurationInput!) { updateLlmConfiguration(input: $input) { apiKeyLast4 } }`,
      { input: { provider: 'openai', model: `refused-${probe}`, apiKey: refusedLlmKey } },
      owner,
    ),
    await gql(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
      input: { email: `refused-${probe}@example.test`, password: refusedPassword, name: 'R', organizationName: 'R' },
    }),
  ];
  expect(refused.map(errorCode)).toEqual(['INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR']);

  const logged = lines.join('');
  // The refusals were logged, with what identifies them.
  const errors = lines
    .map((l) => JSON.parse(l) as { msg: string; err?: { code?: string; constraint?: string } })
    .filter((l) => l.msg === 'unexpected error while resolving');
  expect(errors.map((e) => e.err?.constraint).sort()).toEqual(constraints.map(([, name]) => name).sort());
  expect(errors.every((e) => e.err?.code === '23514')).toBe(true);
  for (const secret of secrets) expect(logged).not.toContain(secret);
  expect(logged).not.toContain('$argon2');
});
