import 'reflect-metadata';
import { loadConfig } from '@rolegraph/server/dist/config';
import { openDatabase } from '@rolegraph/server/dist/db/database';
import { openStoredSecrets } from '@rolegraph/server/dist/secrets/storedSecrets';
import { createLogger } from '@rolegraph/server/dist/app/logger';
import { createEventBus } from '@rolegraph/server/dist/live/eventBus';
import { createSession } from '@rolegraph/server/dist/auth/sessions';
import { NO_SESSION_ORIGIN } from '@rolegraph/server/dist/auth/sessionOrigin';
import { createOrganizationForImport } from '@rolegraph/server/dist/bulkImport/importCli';
import { importIntoOrganization } from '@rolegraph/server/dist/bulkImport/importOrganization';
import { generateOrganization } from './generateOrganization';
import { graphql, startServer } from './serverProcess';

/*
 * Many tenants: `count` small organizations in one database, then one check
 * per tenant, tenants in turn, so nearly every check lands on an
 * organization whose snapshot is not in memory (the cache keeps 64 and
 * drops the least recently used). Measures a check on a cold tenant, alone,
 * and the server's memory after every tenant was served, twice over: the
 * ceiling the cache's eviction keeps.
 */

export const TENANT_SCALE = 0.001;
const LOAD_CONCURRENCY = 4;

export interface ManyTenantsResult {
  readonly tenants: number;
  /** One tenant's size. */
  readonly tenantCounts: ReturnType<typeof generateOrganization>['counts'];
  readonly loadSeconds: number;
  /** A check on a tenant not in memory (one client), over every tenant in turn, twice. */
  readonly coldCheck: { p50: number; p95: number; p99: number; max: number; checks: number };
  /** Server memory after the first round, and after the second. */
  readonly memoryAfterFirstRoundMb: number;
  readonly memoryAfterSecondRoundMb: number;
}

interface Tenant {
  readonly token: string;
  readonly userId: string;
  readonly resourceId: string;
}

/** Writes `count` tenants with the server's own import and session code (the server is not running yet). */
async function loadTenants(env: Record<string, string>, count: number): Promise<Tenant[]> {
  const config = loadConfig({ ...process.env, ...env, LOG_LEVEL: 'warn' });
  const logger = createLogger({ logLevel: 'warn' });
  const database = await openDatabase(config, { migrate: true });
  try {
    const secrets = await openStoredSecrets(config, database, logger);
    const events = await createEventBus(undefined, logger);
    const deps = { dataSource: database.dataSource, events, logger, secrets };
    const tenants: Tenant[] = new Array<Tenant>(count);
    const loadOne = async (i: number) => {
      const generated = generateOrganization(TENANT_SCALE, 1000 + i);
      // Accounts are global: every tenant has its own people; no passwords (sessions are written below).
      const file = {
        ...generated.file,
        members: generated.file.members.map(({ password: _password, ...m }) => ({ ...m, email: `t${i}-${m.email}` })),
      };
      const organizationId = await createOrganizationForImport(deps, `Tenant ${i}`, file);
      const summary = await importIntoOrganization(deps, organizationId, file);
      const ownerId = summary.ids.members['m0']!;
      const resourceId = summary.ids.resources[file.resources[i % file.resources.length]!.key]!;
      const token = await database.dataSource.transaction(async (tx) => (await createSession(tx, config, ownerId, organizationId, NO_SESSION_ORIGIN)).token);
      tenants[i] = { token, userId: ownerId, resourceId };
    };
    // A few imports at a time: each is its own transaction on its own organization.
    let next = 0;
    await Promise.all(
      Array.from({ length: LOAD_CONCURRENCY }, async () => {
        while (next < count) await loadOne(next++);
      }),
    );
    await events.close();
    return tenants;
  } finally {
    await database.close();
  }
}

async function checkOnce(url: string, tenant: Tenant): Promise<number> {
  const started = performance.now();
  const data = await graphql<{ checkPermission: { allowed: boolean } }>(
    url,
    'query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed level } }',
    { input: { userId: tenant.userId, action: 'read', resourceId: tenant.resourceId } },
    tenant.token,
  );
  const elapsed = performance.now() - started;
  if (!data.checkPermission.allowed) throw new Error('a tenant owner was refused reading their own resource');
  return elapsed;
}

export async function measureManyTenants(env: Record<string, string>, count: number, log: (message: string) => void): Promise<ManyTenantsResult> {
  const started = performance.now();
  const tenants = await loadTenants(env, count);
  const loadSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  log(`${count} tenants loaded in ${loadSeconds} s; starting the server`);
  const server = await startServer(env);
  try {
    const latencies: number[] = [];
    const memory: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (const tenant of tenants) latencies.push(await checkOnce(server.url, tenant));
      memory.push(server.rssMb());
      log(`round ${round + 1}: server memory ${memory[round]} MB`);
    }
    latencies.sort((a, b) => a - b);
    const at = (p: number) => Number(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!.toFixed(2));
    return {
      tenants: count,
      tenantCounts: generateOrganization(TENANT_SCALE, 1000).counts,
      loadSeconds,
      coldCheck: { p50: at(50), p95: at(95), p99: at(99), max: Number(latencies.at(-1)!.toFixed(2)), checks: latencies.length },
      memoryAfterFirstRoundMb: memory[0]!,
      memoryAfterSecondRoundMb: memory[1]!,
    };
  } finally {
    await server.stop();
  }
}
