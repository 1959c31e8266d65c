import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateOrganization, OWNER_PASSWORD } from './generateOrganization';
import { freshDatabase, importFile, type DatabaseKind } from './databases';
import { graphql, ROOT, startServer } from './serverProcess';
import { loadOnce, summarize, type LoadResult, type LoadRun } from './httpLoad';
import { measureLiveLatency, type LiveLatency } from './liveLatency';
import { createSessions } from './sessions';
import { agreement, casbinChecksPerSecond, casbinPeer, evaluatorChecksPerSecond, randomChecks, snapshotFromFile, type Check } from './inProcess';

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
  };
}

type Endpoint = 'trivial' | 'checkPermission' | 'checkPermissions100' | 'explainAccess' | 'accessibleResources';
const ENDPOINTS: Endpoint[] = ['trivial', 'checkPermission', 'checkPermissions100', 'explainAccess', 'accessibleResources'];

interface EndpointResult {
  /** Under load: `connections` concurrent clients. */
  readonly throughput: LoadResult;
  /** One client at a time: the service time, without queueing. */
  readonly latency: LoadResult;
}

interface Scenario {
  database: DatabaseKind;
  size: string;
  counts: ReturnType<typeof generateOrganization>['counts'];
  importSeconds: number;
  coldFirstCheckMs: number;
  endpoints: Record<Endpoint, EndpointResult>;
  ratiosToTrivial: Record<Endpoint, number>;
  live: LiveLatency;
  serverMemoryMb: number;
}

interface InProcess {
  size: string;
  evaluatorChecksPerSecond: number;
  casbinChecksPerSecond: number;
  evaluatorToCasbin: number;
  casbinBuildSeconds: number;
  casbinLinks: number;
  agreementWithCasbin: number;
}

function bodiesFor(endpoint: Endpoint, checks: readonly Check[], ids: { members: Record<string, string>; resources: Record<string, string> }, assistantUsers: readonly string[]): string[] {
  const toIds = (c: Check) => ({ userId: ids.members[c.userId]!, action: c.action, resourceId: ids.resources[c.resourceId]! });
  switch (endpoint) {
    case 'trivial':
      return [JSON.stringify({ query: '{ __typename }' })];
    case 'checkPermission':
      return checks.slice(0, 2000).map((c) =>
        JSON.stringify({ query: 'query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed level } }', variables: { input: toIds(c) } }),
      );
    case 'checkPermissions100':
      return Array.from({ length: 50 }, (_, b) =>
        JSON.stringify({
          query: 'query($inputs: [CheckPermissionInput!]!) { checkPermissions(inputs: $inputs) { allowed level } }',
          variables: { inputs: checks.slice(b * 100, b * 100 + 100).map(toIds) },
        }),
      );
    case 'explainAccess':
      return checks.slice(0, 2000).map((c) =>
        JSON.stringify({
          query: 'query($u: ID!, $r: ID!) { explainAccess(userId: $u, resourceId: $r) { level allowedActions reasons { source level winning inherited teamId anchorResourceId } } }',
          variables: { u: ids.members[c.userId], r: ids.resources[c.resourceId] },
        }),
      );
    case 'accessibleResources':
      return assistantUsers.map((u) =>
        JSON.stringify({
          query: 'query($u: ID!) { accessibleResources(userId: $u, type: ASSISTANT, action: "chat", first: 50) { totalCount edges { node { id name } } } }',
          variables: { u },
        }),
      );
  }
}

async function runScenario(options: Options, database: DatabaseKind, size: { name: string; scale: number }, generated: ReturnType<typeof generateOrganization>, checks: Check[]): Promise<Scenario> {
  const log = (message: string) => console.log(`  [${database} ${size.name}] ${message}`);
  const db = await freshDatabase(database, options.adminUrl, size.name);
  const file = path.join(os.tmpdir(), `rolegraph-bench-${size.name}.json`);
  fs.writeFileSync(file, JSON.stringify(generated.file));
  try {
    log('importing');
    const imported = importFile(db, file, `Bench ${size.name}`);
    const members = Object.values(imported.ids.members);
    const subscribers = members.slice(1, 1 + options.sockets);
    const memberTokens = await createSessions(db.env, imported.organizationId, subscribers);
    log(`imported in ${(imported.ms / 1000).toFixed(1)} s; ${memberTokens.length} sessions; starting the server`);
    const server = await startServer(db.env);
    try {
      const session = await graphql<{ signIn: { token: string } }>(server.url, `mutation($input: SignInInput!) { signIn(input: $input) { token } }`, {
        input: { email: generated.ownerEmail, password: OWNER_PASSWORD },
      });
      const ownerToken = session.signIn.token;
      const key = await graphql<{ createApiKey: { secret: string } }>(
        server.url,
        `mutation { createApiKey(input: { name: "bench", scopes: { permissions: READ, resources: READ, directory: READ } }) { secret } }`,
        {},
        ownerToken,
      );
      const token = key.createApiKey.secret;
      const started = performance.now();
      await graphql(server.url, 'query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed } }', {
        input: { userId: members[1], action: 'read', resourceId: Object.values(imported.ids.resources)[0] },
      }, token);
      const coldFirstCheckMs = performance.now() - started;
      log(`first check (loads the organization's snapshot): ${coldFirstCheckMs.toFixed(0)} ms`);

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
      for (const endpoint of ENDPOINTS) await loadOnce({ url: server.url, token, bodies: bodies[endpoint], connections: options.connections, seconds: options.warmup });
      const loaded: Record<Endpoint, LoadRun[]> = { trivial: [], checkPermission: [], checkPermissions100: [], explainAccess: [], accessibleResources: [] };
      const alone: Record<Endpoint, LoadRun[]> = { trivial: [], checkPermission: [], checkPermissions100: [], explainAccess: [], accessibleResources: [] };
      for (let run = 0; run < options.runs; run++) {
        for (const endpoint of ENDPOINTS) {
          loaded[endpoint].push(await loadOnce({ url: server.url, token, bodies: bodies[endpoint], connections: options.connections, seconds: options.seconds }));
          alone[endpoint].push(await loadOnce({ url: server.url, token, bodies: bodies[endpoint], connections: 1, seconds: options.seconds }));
        }
      }
      const endpoints = {} as Record<Endpoint, EndpointResult>;
      for (const endpoint of ENDPOINTS) {
        const throughput = summarize(loaded[endpoint]);
        const latency = summarize(alone[endpoint]);
        endpoints[endpoint] = { throughput, latency };
        log(`${endpoint}: ${throughput.rps} req/s (p50 ${throughput.p50.toFixed(1)} ms, p99 ${throughput.p99.toFixed(1)} ms); alone p50 ${latency.p50.toFixed(2)} ms p95 ${latency.p95.toFixed(2)} ms p99 ${latency.p99.toFixed(2)} ms`);
      }
      const serverMemoryMb = server.rssMb();
      log(`live: ${memberTokens.length} sockets, one member each`);
      const assistant = generated.file.resources.find((r) => r.type === 'ASSISTANT' && r.status === 'LIVE')!;
      const live = await measureLiveLatency({
        url: server.url,
        memberTokens,
        ownerToken,
        assistantId: imported.ids.resources[assistant.key]!,
        events: options.events,
      });
      log(`live: p50 ${live.p50.toFixed(1)} ms, p99 ${live.p99.toFixed(1)} ms over ${live.delivered} deliveries`);
      const trivial = endpoints.trivial.throughput.rps;
      const ratiosToTrivial = Object.fromEntries(ENDPOINTS.map((e) => [e, Number((endpoints[e].throughput.rps / trivial).toFixed(3))])) as Record<Endpoint, number>;
      return {
        database,
        size: size.name,
        counts: generated.counts,
        importSeconds: Number((imported.ms / 1000).toFixed(1)),
        coldFirstCheckMs: Math.round(coldFirstCheckMs),
        endpoints,
        ratiosToTrivial,
        live,
        serverMemoryMb,
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
  return {
    size: size.name,
    evaluatorChecksPerSecond: Math.round(evaluator.perSecond),
    casbinChecksPerSecond: Math.round(casbin.perSecond),
    evaluatorToCasbin: Number((evaluator.perSecond / casbin.perSecond).toFixed(1)),
    casbinBuildSeconds: Number((peer.buildMs / 1000).toFixed(1)),
    casbinLinks: peer.links,
    agreementWithCasbin: agreement(snapshot, peer.enforcer, checks.slice(0, 2000)),
  };
}

function table(scenarios: Scenario[], inProcessResults: InProcess[]): string {
  const lines: string[] = [];
  const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
  for (const s of scenarios) {
    lines.push(`\n### ${s.database}, ${s.size} organization (${s.counts.members} members, ${s.counts.teams} teams, ${s.counts.projects} projects, ${s.counts.assistants} assistants, ${s.counts.otherAssets} other assets, ${s.counts.grants} grants)`);
    lines.push(`import ${s.importSeconds} s · first check (snapshot load) ${s.coldFirstCheckMs} ms · server memory ${s.serverMemoryMb} MB\n`);
    lines.push('| query | req/s | × trivial | p50 ms | p99 ms | alone p50 ms | alone p95 ms | alone p99 ms |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const e of ENDPOINTS) {
      const r = s.endpoints[e];
      lines.push(`| ${e} | ${r.throughput.rps} | ${f(s.ratiosToTrivial[e], 2)} | ${f(r.throughput.p50)} | ${f(r.throughput.p99)} | ${f(r.latency.p50, 2)} | ${f(r.latency.p95, 2)} | ${f(r.latency.p99, 2)} |`);
    }
    lines.push(`\nlive: ${s.live.sockets} sockets × ${s.live.events} events, ${s.live.delivered} delivered: p50 ${f(s.live.p50)} ms, p99 ${f(s.live.p99)} ms, max ${f(s.live.max)} ms`);
  }
  lines.push('\n### in-process checks per second (same checks)\n');
  lines.push('| organization | evaluator | node-casbin | × casbin | casbin build s | agreement |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const i of inProcessResults) {
    lines.push(`| ${i.size} | ${i.evaluatorChecksPerSecond} | ${i.casbinChecksPerSecond} | ${i.evaluatorToCasbin} | ${i.casbinBuildSeconds} | ${(i.agreementWithCasbin * 100).toFixed(1)}% |`);
  }
  return lines.join('\n');
}

function growth(scenarios: Scenario[]): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {};
  for (const database of new Set(scenarios.map((s) => s.database))) {
    const small = scenarios.find((s) => s.database === database && s.size === 'small');
    const reference = scenarios.find((s) => s.database === database && s.size === 'reference');
    if (!small || !reference) continue;
    const g: Record<string, number> = {};
    for (const e of ENDPOINTS) {
      g[`${e} req/s`] = Number((reference.endpoints[e].throughput.rps / small.endpoints[e].throughput.rps).toFixed(2));
      g[`${e} alone p99`] = Number((reference.endpoints[e].latency.p99 / small.endpoints[e].latency.p99).toFixed(2));
    }
    g['live p99'] = Number((reference.live.p99 / small.live.p99).toFixed(2));
    g['server memory'] = Number((reference.serverMemoryMb / small.serverMemoryMb).toFixed(2));
    g['first check (snapshot load)'] = Number((reference.coldFirstCheckMs / small.coldFirstCheckMs).toFixed(2));
    result[database] = g;
  }
  return result;
}

function targets(scenarios: Scenario[], inProcessResults: InProcess[]) {
  const rows: { target: string; database: string; value: number; met: boolean }[] = [];
  for (const s of scenarios.filter((x) => x.size === 'reference')) {
    rows.push({ target: 'checkPermission ≥ 60% of the trivial query’s req/s', database: s.database, value: s.ratiosToTrivial.checkPermission, met: s.ratiosToTrivial.checkPermission >= 0.6 });
    rows.push({ target: '100-check batch p99 ≤ 10 ms (alone)', database: s.database, value: s.endpoints.checkPermissions100.latency.p99, met: s.endpoints.checkPermissions100.latency.p99 <= 10 });
    rows.push({ target: 'accessibleResources p95 ≤ 25 ms (alone)', database: s.database, value: s.endpoints.accessibleResources.latency.p95, met: s.endpoints.accessibleResources.latency.p95 <= 25 });
    rows.push({ target: 'live event p99 ≤ 100 ms to 1,000 sockets', database: s.database, value: s.live.p99, met: s.live.p99 <= 100 });
  }
  const reference = inProcessResults.find((i) => i.size === 'reference');
  if (reference) rows.push({ target: 'evaluator ≥ 5× node-casbin', database: 'in-process', value: reference.evaluatorToCasbin, met: reference.evaluatorToCasbin >= 5 });
  return rows;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.log(`Rolegraph benchmark: sizes ${options.sizes.map((s) => s.name).join(', ')}; databases ${options.databases.join(', ')}; ${options.runs} runs × ${options.seconds} s after ${options.warmup} s warm-up; ${options.connections} connections under load`);
  const scenarios: Scenario[] = [];
  const inProcessResults: InProcess[] = [];
  for (const size of options.sizes) {
    const generated = generateOrganization(size.scale);
    const checks = randomChecks(generated.file, 20_000);
    console.log(`\n${size.name}: ${JSON.stringify(generated.counts)}`);
    console.log('  in-process: evaluator and node-casbin');
    inProcessResults.push(await inProcess(size, generated, checks));
    for (const database of options.databases) scenarios.push(await runScenario(options, database, size, generated, checks));
  }
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    options,
    scenarios,
    inProcess: inProcessResults,
    growthSmallToReference: growth(scenarios),
    targets: targets(scenarios, inProcessResults),
  };
  const report = table(scenarios, inProcessResults);
  console.log(report);
  console.log('\n### growth from the small to the reference organization (reference ÷ small)\n');
  console.log(JSON.stringify(results.growthSmallToReference, null, 2));
  console.log('\n### targets\n');
  for (const t of results.targets) console.log(`${t.met ? '✓' : '✗'} ${t.target} [${t.database}]: ${t.value}`);
  fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(ROOT, 'bench', 'results.md'), `# Benchmark results (${results.date})\n\nMachine: ${results.machine.cpus} cores (${results.machine.cpuModel}), ${results.machine.memoryGb} GB, Node ${results.machine.node}.\n${report}\n\n## Targets\n\n${results.targets.map((t) => `- ${t.met ? '✓' : '✗'} ${t.target} [${t.database}]: ${t.value}`).join('\n')}\n`);
  console.log('\nWrote bench/results.json and bench/results.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
