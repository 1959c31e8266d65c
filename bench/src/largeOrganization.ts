import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateOrganization, OWNER_PASSWORD } from './generateOrganization';
import { freshDatabase, importFile } from './databases';
import { graphql, startServer } from './serverProcess';
import { loadOnce, summarize, type LoadResult, type LoadRun } from './httpLoad';
import { randomChecks } from './inProcess';
import { bodiesFor } from './requestBodies';
import { ownerCredentials } from './sessions';

/*
 * The reference organization times `scale` (10: 100,000 members, about 1.5
 * million grants), on PostgreSQL: does it load and serve? The import, then
 * the server started twice on it: with Node's default young generation and
 * with a larger one (LARGE_ORGANIZATION_NODE_OPTIONS), which the README
 * weighs for organizations of this size. For each: the start (the snapshot is
 * loaded before the server says ready), the first check, checks alone, and
 * the server's memory.
 */

/**
 * A larger young generation, weighed for an organization of this size: with ~580 MB
 * live in the heap, every young-generation collection pauses a request for
 * ~5 ms (against ~1.5 ms with the reference organization, for the same
 * survivors), and with Node's default 16 MB semi-space one runs every ~110
 * checks of a single client. A 32 MB semi-space halves how often, at the cost
 * of up to ~100 MB more.
 */
export const LARGE_ORGANIZATION_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=32'];

export interface LargeOrganizationServing {
  /** Node options the server ran with beyond the bench's own (none: Node's defaults). */
  readonly nodeOptions: readonly string[];
  /** From starting the process to /readyz: includes loading the snapshot. */
  readonly readySeconds: number;
  readonly firstCheckMs: number;
  /** One client: checkPermission and checkPermissions (100). */
  readonly checkAlone: LoadResult;
  readonly batchAlone: LoadResult;
  readonly serverMemoryMb: number;
}

export interface LargeOrganizationResult {
  readonly scale: number;
  readonly counts: ReturnType<typeof generateOrganization>['counts'];
  readonly importSeconds: number;
  /** Node's defaults first, then LARGE_ORGANIZATION_NODE_OPTIONS. */
  readonly servings: readonly LargeOrganizationServing[];
}

export async function measureLargeOrganization(
  options: { adminUrl: string; scale: number; seconds: number; runs: number },
  log: (message: string) => void,
): Promise<LargeOrganizationResult> {
  const generated = generateOrganization(options.scale);
  log(`generated ${JSON.stringify(generated.counts)}`);
  const db = await freshDatabase('postgres', options.adminUrl, 'large');
  const file = path.join(os.tmpdir(), 'rolegraph-bench-large.json');
  fs.writeFileSync(file, JSON.stringify(generated.file));
  const checks = randomChecks(generated.file, 20_000);
  try {
    log('importing');
    const imported = importFile(db, file, 'Bench large');
    fs.rmSync(file, { force: true });
    log(`imported in ${(imported.ms / 1000).toFixed(1)} s`);
    const servings: LargeOrganizationServing[] = [];
    for (const nodeOptions of [[], LARGE_ORGANIZATION_NODE_OPTIONS]) {
      log(`starting the server${nodeOptions.length ? ` with ${nodeOptions.join(' ')}` : " with Node's defaults"}`);
      const serving = await serve(db.env, imported.ids, generated.ownerEmail, checks, nodeOptions, options);
      log(`ready in ${serving.readySeconds} s; check alone p99 ${serving.checkAlone.p99.toFixed(2)} ms; memory ${serving.serverMemoryMb} MB`);
      servings.push(serving);
    }
    return { scale: options.scale, counts: generated.counts, importSeconds: Number((imported.ms / 1000).toFixed(1)), servings };
  } finally {
    fs.rmSync(file, { force: true });
    await db.dispose();
  }
}

async function serve(
  env: Record<string, string>,
  ids: { members: Record<string, string>; resources: Record<string, string> },
  ownerEmail: string,
  checks: ReturnType<typeof randomChecks>,
  nodeOptions: readonly string[],
  options: { seconds: number; runs: number },
): Promise<LargeOrganizationServing> {
  const startedAt = performance.now();
  // Ready means the organization's snapshot is loaded: at this size that takes minutes on a slow machine.
  const server = await startServer(env, nodeOptions, 900_000);
  const readySeconds = Number(((performance.now() - startedAt) / 1000).toFixed(1));
  try {
    const { apiKey } = await ownerCredentials(server.url, ownerEmail, OWNER_PASSWORD);
    const members = Object.values(ids.members);
    const first = performance.now();
    await graphql(
      server.url,
      'query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed } }',
      { input: { userId: members[1], action: 'read', resourceId: Object.values(ids.resources)[0] } },
      apiKey,
    );
    const firstCheckMs = Math.round(performance.now() - first);
    const single = bodiesFor('checkPermission', checks, ids, []);
    const batch = bodiesFor('checkPermissions100', checks, ids, []);
    await loadOnce({ url: server.url, token: apiKey, bodies: single, connections: 1, seconds: 2 });
    await loadOnce({ url: server.url, token: apiKey, bodies: batch, connections: 1, seconds: 2 });
    const checkRuns: LoadRun[] = [];
    const batchRuns: LoadRun[] = [];
    for (let run = 0; run < options.runs; run++) {
      checkRuns.push(await loadOnce({ url: server.url, token: apiKey, bodies: single, connections: 1, seconds: options.seconds }));
      batchRuns.push(await loadOnce({ url: server.url, token: apiKey, bodies: batch, connections: 1, seconds: options.seconds }));
    }
    if ([...checkRuns, ...batchRuns].some((r) => r.errors > 0)) throw new Error('Some checks on the large organization failed.');
    return { nodeOptions, readySeconds, firstCheckMs, checkAlone: summarize(checkRuns), batchAlone: summarize(batchRuns), serverMemoryMb: server.rssMb() };
  } finally {
    await server.stop();
  }
}
