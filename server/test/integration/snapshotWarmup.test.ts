import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/app/startServer';
import { testServerEnv } from '../support/testServer';
import { check, createResource, postGraphQL, signUpOrg, type GraphQLEndpoint, type TestOrg } from '@rolegraph/test-support';

/**
 * A restarted instance loads the access snapshots of the most recently
 * active organizations before /readyz says ready, so their first checks are
 * answered from memory; WARM_ORGANIZATIONS bounds how many (0: none). It
 * runs on its own embedded database in a folder, restarted on the same data,
 * so no other test's organizations are more recent than its own.
 */
describe('access snapshots warmed at start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rolegraph-warm-'));
  let running: RunningServer | undefined;
  let older: TestOrg;
  let newer: TestOrg;

  async function start(warmOrganizations: number): Promise<RunningServer & GraphQLEndpoint> {
    await running?.close();
    const config = loadConfig({ ...testServerEnv(), DATABASE_URL: '', WARM_ORGANIZATIONS: String(warmOrganizations) });
    running = await startServer(config, { embeddedDataDir: path.join(dataDir, 'data') });
    const url = `${running.url}/graphql`;
    const endpoint: GraphQLEndpoint = { gql: (query, variables, token, headers) => postGraphQL(url, query, variables, token, headers) };
    return Object.assign(running, endpoint);
  }

  beforeAll(async () => {
    const s = await start(0);
    older = await signUpOrg(s, 'older', 'Older');
    newer = await signUpOrg(s, 'newer', 'Newer');
    await createResource(s, newer.owner.token, { type: 'CORPUS', name: 'Warm corpus' });
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('without warming, nothing is in memory after a restart', async () => {
    const s = await start(0);
    expect(s.app.accessGraphs.graphInMemory(newer.id)).toBeNull();
    expect(s.app.accessGraphs.graphInMemory(older.id)).toBeNull();
  });

  it('with warming, the most recently active organizations are in memory, at the current revision, before the start returns', async () => {
    const s = await start(2);
    const inMemory = s.app.accessGraphs.graphInMemory(newer.id);
    expect(inMemory).not.toBeNull();
    expect(inMemory!.revision).toBe(await s.app.accessGraphs.currentRevision(newer.id));
    expect(s.app.accessGraphs.graphInMemory(older.id)).not.toBeNull();
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { accessSnapshots: unknown }).accessSnapshots).toEqual({ warming: false });
    // And what is in memory answers like the database.
    const corpus = await createResource(s, newer.owner.token, { type: 'CORPUS', name: 'After warming' });
    expect(await check(s, newer.owner.token, newer.owner.id, 'delete', corpus)).toEqual({ allowed: true, level: 'OWNER' });
  });

  it('warms at most WARM_ORGANIZATIONS, newest activity first', async () => {
    // The older organization acts last, so it is now the most recently active one.
    await createResource(running as RunningServer & GraphQLEndpoint, older.owner.token, { type: 'CORPUS', name: 'Older acts' });
    const s = await start(1);
    expect(s.app.accessGraphs.graphInMemory(older.id)).not.toBeNull();
    expect(s.app.accessGraphs.graphInMemory(newer.id)).toBeNull();
  });
});
