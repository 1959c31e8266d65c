import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/app/startServer';
import { openDatabase } from '../../src/db/database';
import { startTestServer, ok, errorCode, type TestServer, type GraphQLResult } from '../support/testServer';
import { signUpOrg, createResource, type TestOrg } from '../support/factories';

/**
 * Connection credentials and the LLM key are encrypted at rest
 * (AES-256-GCM): what the database holds is sealed, bound to its row, and
 * refused in plain text; plain text from before is sealed at start; the key
 * rotates.
 */
const READ_CREDENTIALS = `query($id: ID!) { resource(id: $id) { ... on Connection { credentials hasCredentials } } }`;
const UPDATE_LLM = `mutation($input: UpdateLlmConfigurationInput!) { updateLlmConfiguration(input: $input) { apiKeyLast4 } }`;
const SEALED = /^rgsb1:[0-9a-f]{8}:[A-Za-z0-9_-]+$/;

describe('stored secrets', () => {
  let t: TestServer;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestServer();
    org = await signUpOrg(t, 'Hana');
  });
  afterAll(() => t.close());

  const stored = async (sql: string, id: string): Promise<string> => ((await t.server.app.dataSource.query(sql, [id])) as { value: string }[])[0]!.value;

  it('connection credentials are stored sealed, and their admin reads them back', async () => {
    const credentials = `postgres://svc:${randomBytes(8).toString('hex')}@warehouse/sales`;
    const id = await createResource(t, org.owner.token, { type: 'CONNECTION', name: 'Warehouse', credentials });
    const value = await stored(`SELECT credentials AS value FROM resources WHERE id = $1`, id);
    expect(value).toMatch(SEALED);
    expect(value).not.toContain(credentials.split(':')[2]!.split('@')[0]!);
    expect(ok(await t.gql(READ_CREDENTIALS, { id }, org.owner.token)).resource).toEqual({ credentials, hasCredentials: true });

    const changed = `postgres://svc:${randomBytes(8).toString('hex')}@warehouse/sales`;
    ok(
      await t.gql(`mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id } }`, { input: { id, credentials: changed } }, org.owner.token),
    );
    const after = await stored(`SELECT credentials AS value FROM resources WHERE id = $1`, id);
    expect(after).toMatch(SEALED);
    expect(after).not.toBe(value);
    expect(ok(await t.gql(READ_CREDENTIALS, { id }, org.owner.token)).resource.credentials).toBe(changed);

    const audit = JSON.stringify(await t.server.app.dataSource.query(`SELECT * FROM audit_entries WHERE organization_id = $1`, [org.id]));
    expect(audit).not.toContain(credentials);
    expect(audit).not.toContain(changed);
    expect(audit).not.toContain('rgsb1:');
  });

  it('the LLM key is stored sealed; only its last four characters are shown', async () => {
    const apiKey = `sk-${randomBytes(12).toString('hex')}`;
    expect(ok(await t.gql(UPDATE_LLM, { input: { provider: 'openai', model: 'gpt', apiKey } }, org.owner.token)).updateLlmConfiguration.apiKeyLast4).toBe(
      apiKey.slice(-4),
    );
    const value = await stored(`SELECT api_key AS value FROM llm_configs WHERE organization_id = $1`, org.id);
    expect(value).toMatch(SEALED);
    expect(value).not.toContain(apiKey);
    expect(JSON.stringify(await t.server.app.dataSource.query(`SELECT * FROM audit_entries WHERE organization_id = $1`, [org.id]))).not.toContain(apiKey);
  });

  it('the database refuses a secret in plain text', async () => {
    const id = await createResource(t, org.owner.token, { type: 'CONNECTION', name: 'Plain', credentials: 'x' });
    ok(await t.gql(UPDATE_LLM, { input: { provider: 'openai', model: 'gpt', apiKey: 'sk-sealed' } }, org.owner.token));
    await expect(t.server.app.dataSource.query(`UPDATE resources SET credentials = 'postgres://svc:plain@db/x' WHERE id = $1`, [id])).rejects.toThrow(
      /resources_credentials_sealed/,
    );
    await expect(t.server.app.dataSource.query(`UPDATE llm_configs SET api_key = 'sk-plain' WHERE organization_id = $1`, [org.id])).rejects.toThrow(
      /llm_configs_api_key_sealed/,
    );
  });

  it('sealed credentials copied onto another connection do not open there', async () => {
    const source = await createResource(t, org.owner.token, { type: 'CONNECTION', name: 'Source', credentials: 'postgres://svc:source-secret@db/a' });
    const target = await createResource(t, org.owner.token, { type: 'CONNECTION', name: 'Target', credentials: 'postgres://svc:target@db/b' });
    await t.server.app.dataSource.query(`UPDATE resources SET credentials = (SELECT credentials FROM resources WHERE id = $1) WHERE id = $2`, [source, target]);
    const result = await t.gql(READ_CREDENTIALS, { id: target }, org.owner.token);
    expect(errorCode(result)).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(result)).not.toContain('source-secret');
  });
});

/** The embedded default on a folder of its own, as `npm start` runs it. */
describe('the embedded default key', () => {
  let root: string;
  let dataDir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rolegraph-secrets-'));
    dataDir = path.join(root, 'data');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  async function start(env: Record<string, string> = {}): Promise<RunningServer> {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent', ROLEGRAPH_DATA_DIR: dataDir, ...env });
    return startServer(config, { embeddedDataDir: dataDir });
  }

  async function gql(server: RunningServer, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResult> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult;
  }

  /** An owner, a connection with credentials and an LLM key, in a new organization. */
  async function seed(server: RunningServer): Promise<{ token: string; connectionId: string }> {
    const token = ok(
      await gql(server, `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
        input: { email: 'hana@example.test', password: 'correct horse battery', name: 'Hana', organizationName: 'Acme' },
      }),
    ).signUp.token;
    const connectionId = ok(
      await gql(
        server,
        `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
        { input: { type: 'CONNECTION', name: 'Warehouse', credentials: 'postgres://svc:warehouse-secret@db/sales' } },
        token,
      ),
    ).createResource.id;
    ok(await gql(server, UPDATE_LLM, { input: { provider: 'openai', model: 'gpt', apiKey: 'sk-llm-secret-1234' } }, token));
    return { token, connectionId };
  }

  async function credentialsOf(server: RunningServer, token: string, id: string): Promise<string> {
    return ok(await gql(server, READ_CREDENTIALS, { id }, token)).resource.credentials;
  }

  async function storedValues(): Promise<string[]> {
    const database = await openDatabase({ databaseUrl: undefined, databasePoolSize: 1, dataDir });
    try {
      const rows: { value: string }[] = await database.dataSource.query(
        `SELECT credentials AS value FROM resources WHERE credentials IS NOT NULL UNION ALL SELECT api_key FROM llm_configs`,
      );
      return rows.map((r) => r.value);
    } finally {
      await database.close();
    }
  }

  it('is generated into the data folder on first start, owner-only; plain text stored by an earlier version is sealed when the server starts', async () => {
    let server = await start();
    const { token, connectionId } = await seed(server);
    await server.close();
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    // The state an upgrade finds: plain-text values, and the constraints the migration adds NOT VALID.
    const database = await openDatabase({ databaseUrl: undefined, databasePoolSize: 1, dataDir });
    await database.dataSource.query(`
      ALTER TABLE resources DROP CONSTRAINT resources_credentials_sealed;
      ALTER TABLE llm_configs DROP CONSTRAINT llm_configs_api_key_sealed;
      UPDATE resources SET credentials = 'postgres://svc:from-before@db/sales';
      UPDATE llm_configs SET api_key = 'sk-from-before-9876';
      ALTER TABLE resources ADD CONSTRAINT resources_credentials_sealed CHECK (credentials IS NULL OR credentials LIKE 'rgsb1:%') NOT VALID;
      ALTER TABLE llm_configs ADD CONSTRAINT llm_configs_api_key_sealed CHECK (api_key IS NULL OR api_key LIKE 'rgsb1:%') NOT VALID;
    `);
    await database.close();

    server = await start();
    try {
      expect(await credentialsOf(server, token, connectionId)).toBe('postgres://svc:from-before@db/sales');
      const validated: { convalidated: boolean }[] = await server.app.dataSource.query(
        `SELECT convalidated FROM pg_constraint WHERE conname IN ('resources_credentials_sealed', 'llm_configs_api_key_sealed')`,
      );
      expect(validated).toEqual([{ convalidated: true }, { convalidated: true }]);
    } finally {
      await server.close();
    }
    const values = await storedValues();
    expect(values).toHaveLength(2);
    for (const value of values) expect(value).toMatch(SEALED);
  });

  it('a server without the key the secrets were sealed with refuses to start, and says which key', async () => {
    const server = await start();
    await seed(server);
    await server.close();
    fs.writeFileSync(path.join(dataDir, 'secret.key'), `${randomBytes(32).toString('base64')}\n`);
    await expect(start()).rejects.toThrow(/2 stored secrets .* were encrypted with a key this server does not have\. Restore .*secret\.key/);
    await expect(start({ ROLEGRAPH_SECRET_KEY: randomBytes(32).toString('base64') })).rejects.toThrow(
      /Set ROLEGRAPH_SECRET_KEY to the key they were encrypted with/,
    );
  });

  describe('rotation (`npm run rotate-secrets`, the built command)', () => {
    const CLI = path.resolve(__dirname, '..', '..', 'dist', 'secrets', 'rotateSecretsCli.js');
    const rotate = (args: string[], env: Record<string, string> = {}) =>
      execFileSync(process.execPath, [CLI, ...args], {
        env: { ...process.env, DATABASE_URL: '', ROLEGRAPH_SECRET_KEY: '', ROLEGRAPH_DATA_DIR: dataDir, ...env },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const keyIds = async () => [...new Set((await storedValues()).map((v) => v.split(':')[1]))];

    beforeAll(() => {
      if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` first`);
    });

    it('--new-key replaces the data folder key and re-encrypts every secret with it', async () => {
      let server = await start();
      const { token, connectionId } = await seed(server);
      await server.close();
      const before = await keyIds();
      expect(rotate(['--new-key'])).toMatch(/2 re-encrypted/);
      const after = await keyIds();
      expect(after).toHaveLength(1);
      expect(after).not.toEqual(before);
      expect(fs.existsSync(path.join(dataDir, 'secret.key.previous'))).toBe(false);
      server = await start();
      try {
        expect(await credentialsOf(server, token, connectionId)).toBe('postgres://svc:warehouse-secret@db/sales');
      } finally {
        await server.close();
      }
    });

    it('--forget-unreadable clears what a lost key sealed, and the server starts again', async () => {
      let server = await start();
      const { token, connectionId } = await seed(server);
      await server.close();
      fs.writeFileSync(path.join(dataDir, 'secret.key'), `${randomBytes(32).toString('base64')}\n`);
      expect(() => rotate([], { LOG_LEVEL: 'silent' })).toThrow(/2 stored secrets/);
      expect(rotate(['--forget-unreadable'])).toMatch(/2 sealed with a lost key were cleared/);
      server = await start();
      try {
        expect(ok(await gql(server, READ_CREDENTIALS, { id: connectionId }, token)).resource).toEqual({ credentials: null, hasCredentials: false });
        expect(ok(await gql(server, `{ llmConfiguration { apiKeyLast4 } }`, {}, token)).llmConfiguration).toEqual({ apiKeyLast4: null });
      } finally {
        await server.close();
      }
    });

    it('with ROLEGRAPH_SECRET_KEY: the old key in ROLEGRAPH_SECRET_KEY_PREVIOUS until the command has run', async () => {
      const oldKey = randomBytes(32).toString('base64');
      const newKey = randomBytes(32).toString('base64');
      let server = await start({ ROLEGRAPH_SECRET_KEY: oldKey });
      const { token, connectionId } = await seed(server);
      await server.close();
      // Both keys: everything opens, nothing is re-encrypted yet.
      server = await start({ ROLEGRAPH_SECRET_KEY: newKey, ROLEGRAPH_SECRET_KEY_PREVIOUS: oldKey });
      expect(await credentialsOf(server, token, connectionId)).toBe('postgres://svc:warehouse-secret@db/sales');
      await server.close();
      expect(rotate([], { ROLEGRAPH_SECRET_KEY: newKey, ROLEGRAPH_SECRET_KEY_PREVIOUS: oldKey })).toMatch(/2 re-encrypted/);
      server = await start({ ROLEGRAPH_SECRET_KEY: newKey });
      try {
        expect(await credentialsOf(server, token, connectionId)).toBe('postgres://svc:warehouse-secret@db/sales');
      } finally {
        await server.close();
      }
    });
  });
});
