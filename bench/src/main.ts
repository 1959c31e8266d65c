import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateOrganization, OWNER_PASSWORD } from './generateOrganization';
import { freshDatabase, importFile, type DatabaseKind } from './databases';
import { graphql, ROOT, startServer } from './serverProcess';
import { loadOnce, summarize, type LoadRun } from './httpLoad';
import { measureLiveFloor, measureLiveLatency, type LiveLatency } from './liveLatency';
import { measureLargeOrganization, type LargeOrganizationResult } from './largeOrganization';
import { measureManyTenants, type ManyTenantsResult } from './manyTenants';
import { runMirrorScenario } from './mirrorMain';
import { measurePreviewChange } from './previewChange';
import { createSessions, ownerCredentials } from './sessions';
import { bodiesFor } from './requestBodies';
import { probeMachine } from './machineProbe';
import {
  ENDPOINTS,
  IDLE_SETTLE_SECONDS,
  growth,
  renderMarkdown,
  targets,
  type BenchResults,
  type Endpoint,
  type EndpointResult,
  type InProcess,
  type Scenario,
} from './report';
import { cedarAgreement, cedarChecksPerSecond, cedarPeer } from './cedarPeer';
import {
  agreement,
  casbinChecksPerSecond,
  checksAlongPaths,
  casbinPeer,
  evaluatorChecksPerSecond,
  randomChecks,
  snapshotFromFile,
  type Check,
} from './inProcess';

interface Options {
  sizes: { name: string; scale: number }[];
  databases: DatabaseKind[];
  adminUrl: string;
  seconds: number;
  runs: number;
  warmup: number;
  connections: number;
  sockets: number;
  events: number;
  /** The reference organization's second live measurement (0: none). */
  largeSockets: number;
  /** The large organization's scale, on PostgreSQL (0: none). */
  largeScale: number;
  /** Small organizations served in turn, on PostgreSQL (0: none). */
  tenants: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  const sizes = value('sizes', 'small,reference')
    .split(',')
    .map((name) => ({ name, scale: name === 'reference' ? 1 : name === 'small' ? 0.1 : Number(name) }));
  return {
    sizes,
    databases: value('databases', 'postgres,embedded').split(',') as DatabaseKind[],
    adminUrl: value('admin-url', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'),
    seconds: Number(value('seconds', '5')),
    runs: Number(value('runs', '3')),
    warmup: Number(value('warmup', '2')),
    connections: Number(value('connections', '16')),
    sockets: Number(value('sockets', '1000')),
    events: Number(value('events', '10')),
    largeSockets: Number(value('large-sockets', '10000')),
    largeScale: Number(value('large-scale', '10')),
    tenants: Number(value('tenants', '2000')),
  };
}

async function runScenario(
  options: Options,
  database: DatabaseKind,
  size: { name: string; scale: number },
  generated: ReturnType<typeof generateOrganization>,
  checks: Check[],
): Promise<Scenario> {
  const log = (message: string) => console.log(`  [${database} ${size.name}] ${message}`);
  const db = await freshDatabase(database, options.adminUrl, size.name);
  const file = path.join(os.tmpdir(), `rolegraph-bench-${size.name}.json`);
  fs.writeFileSync(file, JSON.stringify(generated.file));
  try {
    log('importing');
    const imported = importFile(db, file, `Bench ${size.name}`);
    const members = Object.values(imported.ids.members);
    // Sessions for the live measurements: `sockets` members after the owner, and for the reference size `largeSockets` people.
    const largeSockets = size.name === 'reference' ? Math.min(options.largeSockets, members.length) : 0;
    const tokens = await createSessions(db.env, imported.organizationId, members.slice(0, Math.max(1 + options.sockets, largeSockets)));
    const memberTokens = tokens.slice(1, 1 + options.sockets);
    log(`imported in ${(imported.ms / 1000).toFixed(1)} s; ${tokens.length} sessions; starting the server`);
    const startedAt = performance.now();
    const server = await startServer(db.env);
    const readySeconds = Number(((performance.now() - startedAt) / 1000).toFixed(1));
    const readyMemoryMb = server.rssMb();
    log(`ready in ${readySeconds} s (the organization's snapshot is loaded before the server says ready); memory ${readyMemoryMb} MB`);
    try {
      const { ownerToken, apiKey: token } = await ownerCredentials(server.url, generated.ownerEmail, OWNER_PASSWORD);
      const started = performance.now();
      await graphql(
        server.url,
        'query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed } }',
        {
          input: { userId: members[1], action: 'read', resourceId: Object.values(imported.ids.resources)[0] },
        },
        token,
      );
      const coldFirstCheckMs = performance.now() - started;
      log(`first check after start: ${coldFirstCheckMs.toFixed(0)} ms`);

      // Load runs use autocannon (HTTP/1.1 keep-alive): under load with `connections` concurrent
      // clients, and alone with one. Everything is warmed up first; then the runs of all
      // endpoints are interleaved, so drift on a shared machine spreads over all of them.
      const assistantUsers = members.slice(1, 201);
      const bodies = Object.fromEntries(ENDPOINTS.map((e) => [e, bodiesFor(e, checks, imported.ids, assistantUsers)])) as Record<Endpoint, string[]>;
      for (const endpoint of ENDPOINTS) {
        for (const body of bodies[endpoint].slice(0, 3)) {
          const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
          await graphql(server.url, query, variables ?? {}, token);
        }
      }
      log('warming up');
      for (const endpoint of ENDPOINTS)
        await loadOnce({ url: server.url, token, bodies: bodies[endpoint], connections: options.connections, seconds: options.warmup });
      const loaded: Record<Endpoint, LoadRun[]> = { trivial: [], checkPermission: [], checkPermissions100: [], explainAccess: [], accessibleResources: [] };
      const alone: Record<Endpoint, LoadRun[]> = { trivial: [], checkPermission: [], checkPermissions100: [], explainAccess: [], accessibleResources: [] };
      for (let run = 0; run < options.runs; run++) {
        for (const endpoint of ENDPOINTS) {
          loaded[endpoint].push(
            await loadOnce({ url: server.url, token, bodies: bodies[endpoint], connections: options.connections, seconds: options.seconds }),
          );
          alone[endpoint].push(await loadOnce({ url: server.url, token, bodies: bodies[endpoint], connections: 1, seconds: options.seconds }));
        }
      }
      const endpoints = {} as Record<Endpoint, EndpointResult>;
      for (const endpoint of ENDPOINTS) {
        const throughput = summarize(loaded[endpoint]);
        const latency = summarize(alone[endpoint]);
        endpoints[endpoint] = { throughput, latency };
        log(
          `${endpoint}: ${throughput.rps} req/s (p50 ${throughput.p50.toFixed(1)} ms, p99 ${throughput.p99.toFixed(1)} ms); alone p50 ${latency.p50.toFixed(2)} ms p95 ${latency.p95.toFixed(2)} ms p99 ${latency.p99.toFixed(2)} ms`,
        );
      }
      const serverMemoryMb = server.rssMb();
      // The server collects what a burst left once a whole idle interval (5 s) has passed: memory once settled.
      await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_SECONDS * 1000));
      const idleMemoryMb = server.rssMb();
      log(`memory after the load runs ${serverMemoryMb} MB, ${IDLE_SETTLE_SECONDS} s later ${idleMemoryMb} MB`);
      log(`live: ${memberTokens.length} sockets, one member each`);
      // A live public assistant: its status moves every member's level, so every socket is told (a private one's reaches its readers only).
      const assistant = generated.file.resources.find((r) => r.type === 'ASSISTANT' && r.status === 'LIVE' && r.visibility === 'PUBLIC')!;
      const liveSetup = { url: server.url, memberTokens, ownerToken, assistantId: imported.ids.resources[assistant.key]!, events: options.events };
      const live = await measureLiveLatency(liveSetup);
      log(`live: p50 ${live.p50.toFixed(1)} ms, p99 ${live.p99.toFixed(1)} ms over ${live.delivered} deliveries`);
      let liveLarge: LiveLatency | undefined;
      if (largeSockets > 0) {
        log(`live: ${largeSockets} sockets`);
        try {
          liveLarge = await measureLiveLatency({ ...liveSetup, memberTokens: tokens.slice(0, largeSockets) });
          log(`live: p50 ${liveLarge.p50.toFixed(1)} ms, p99 ${liveLarge.p99.toFixed(1)} ms over ${liveLarge.delivered} deliveries`);
        } catch (error) {
          // Reported as missing (the target then shows as not measured) rather than losing the whole run.
          log(`live with ${largeSockets} sockets failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      log('local mirror (@rolegraph/client)');
      const mirror = await runMirrorScenario(server.url, generated.ownerEmail, imported.ids);
      log(`mirror: ${mirror.checksPerSecond} checks/s in process; revoke → deny p50 ${mirror.revokeToDenyP50Ms} ms, max ${mirror.revokeToDenyMaxMs} ms`);
      // Last: it adds a team and its grants to the organization.
      log('previewChange alone: a team membership reaching 100 projects');
      const previewChange = await measurePreviewChange({
        url: server.url,
        ownerToken,
        generated,
        ids: imported.ids,
        seconds: options.seconds,
        runs: options.runs,
        warmup: options.warmup,
      });
      log(
        `previewChange (${previewChange.levelsMoved} levels move): alone p50 ${previewChange.latency.p50.toFixed(2)} ms p95 ${previewChange.latency.p95.toFixed(2)} ms p99 ${previewChange.latency.p99.toFixed(2)} ms`,
      );
      const trivial = endpoints.trivial.throughput.rps;
      const ratiosToTrivial = Object.fromEntries(ENDPOINTS.map((e) => [e, Number((endpoints[e].throughput.rps / trivial).toFixed(3))])) as Record<
        Endpoint,
        number
      >;
      return {
        database,
        size: size.name,
        counts: generated.counts,
        importSeconds: Number((imported.ms / 1000).toFixed(1)),
        readySeconds,
        coldFirstCheckMs: Math.round(coldFirstCheckMs),
        endpoints,
        ratiosToTrivial,
        live,
        ...(liveLarge ? { liveLarge } : {}),
        mirror,
        previewChange,
        serverMemoryMb,
        readyMemoryMb,
        idleMemoryMb,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await db.dispose();
    fs.rmSync(file, { force: true });
  }
}

async function inProcess(size: { name: string; scale: number }, generated: ReturnType<typeof generateOrganization>, checks: Check[]): Promise<InProcess> {
  const snapshot = snapshotFromFile(generated.file);
  evaluatorChecksPerSecond(snapshot, checks, 1); // warm-up
  const evaluator = evaluatorChecksPerSecond(snapshot, checks, 3);
  const peer = await casbinPeer(generated.file);
  casbinChecksPerSecond(peer.enforcer, checks, 1);
  const casbin = casbinChecksPerSecond(peer.enforcer, checks, 3);
  // Cedar runs as WebAssembly: V8 optimizes it only after a few seconds of use.
  const cedarChecks = [...checks.slice(0, 5000), ...checksAlongPaths(generated.file, 5000)];
  const cedar = cedarPeer(generated.file, cedarChecks);
  cedarChecksPerSecond(cedar, cedarChecks, 6);
  const cedarSpeed = cedarChecksPerSecond(cedar, cedarChecks, 3);
  const cedarAgrees = cedarAgreement(snapshot, cedar, cedarChecks);
  if (cedarAgrees.firstDisagreement) console.log(`  Cedar disagrees: ${cedarAgrees.firstDisagreement}`);
  return {
    size: size.name,
    evaluatorChecksPerSecond: Math.round(evaluator.perSecond),
    casbinChecksPerSecond: Math.round(casbin.perSecond),
    evaluatorToCasbin: Number((evaluator.perSecond / casbin.perSecond).toFixed(1)),
    casbinBuildSeconds: Number((peer.buildMs / 1000).toFixed(1)),
    casbinLinks: peer.links,
    agreementWithCasbin: agreement(snapshot, peer.enforcer, checks.slice(0, 2000)),
    cedarChecksPerSecond: Math.round(cedarSpeed.perSecond),
    evaluatorToCedar: Number((evaluator.perSecond / cedarSpeed.perSecond).toFixed(1)),
    cedarBuildSeconds: Number((cedar.buildMs / 1000).toFixed(1)),
    agreementWithCedar: cedarAgrees.share,
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.log(
    `Rolegraph benchmark: sizes ${options.sizes.map((s) => s.name).join(', ')}; databases ${options.databases.join(', ')}; ${options.runs} runs × ${options.seconds} s after ${options.warmup} s warm-up; ${options.connections} connections under load`,
  );
  const probe = await probeMachine(options.adminUrl);
  console.log(`machine: loopback TCP round trip ${probe.loopbackRoundTripUs} µs, PostgreSQL SELECT 1 ${probe.postgresRoundTripUs} µs`);
  const liveFloor: LiveLatency[] = [];
  for (const sockets of new Set([options.sockets, options.largeSockets].filter((n) => n > 0))) {
    liveFloor.push(await measureLiveFloor(sockets, options.events));
    const floor = liveFloor.at(-1)!;
    console.log(`live floor (a bare WebSocket server), ${sockets} sockets: p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms`);
  }
  const scenarios: Scenario[] = [];
  const inProcessResults: InProcess[] = [];
  for (const size of options.sizes) {
    const generated = generateOrganization(size.scale);
    const checks = randomChecks(generated.file, 20_000);
    console.log(`\n${size.name}: ${JSON.stringify(generated.counts)}`);
    console.log('  in-process: evaluator, node-casbin and Cedar');
    inProcessResults.push(await inProcess(size, generated, checks));
    for (const database of options.databases) scenarios.push(await runScenario(options, database, size, generated, checks));
  }
  let largeOrganization: LargeOrganizationResult | undefined;
  let manyTenants: ManyTenantsResult | undefined;
  if (options.databases.includes('postgres')) {
    // Each stage's failure is reported and the run goes on: the report of everything else is still written.
    if (options.largeScale > 0) {
      console.log(`\n${options.largeScale}× the reference organization, PostgreSQL`);
      try {
        largeOrganization = await measureLargeOrganization(
          { adminUrl: options.adminUrl, scale: options.largeScale, seconds: options.seconds, runs: options.runs },
          (message) => console.log(`  [postgres ×${options.largeScale}] ${message}`),
        );
        console.log(`  [postgres ×${options.largeScale}] imported in ${largeOrganization.importSeconds} s; ${largeOrganization.servings.length} servings`);
      } catch (error) {
        console.log(`  [postgres ×${options.largeScale}] failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (options.tenants > 0) {
      console.log(`\n${options.tenants} small organizations, PostgreSQL`);
      try {
        const db = await freshDatabase('postgres', options.adminUrl, 'tenants');
        try {
          manyTenants = await measureManyTenants(db.env, options.tenants, (message) => console.log(`  [postgres tenants] ${message}`));
          console.log(`  [postgres tenants] ${JSON.stringify(manyTenants)}`);
        } finally {
          await db.dispose();
        }
      } catch (error) {
        console.log(`  [postgres tenants] failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, ...probe },
    options,
    scenarios,
    inProcess: inProcessResults,
    ...(largeOrganization ? { largeOrganization } : {}),
    ...(manyTenants ? { manyTenants } : {}),
    liveFloor,
    growthSmallToReference: growth(scenarios),
    targets: targets(scenarios, inProcessResults, largeOrganization, liveFloor),
  };
  const markdown = renderMarkdown(results);
  console.log(markdown);
  fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(ROOT, 'bench', 'results.md'), markdown);
  console.log('\nWrote bench/results.json and bench/results.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
