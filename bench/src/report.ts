import type { generateOrganization } from './generateOrganization';
import type { DatabaseKind } from './databases';
import type { LoadResult } from './httpLoad';
import type { LiveLatency } from './liveLatency';
import type { MirrorResult } from './mirrorBench';
import type { PreviewChangeResult } from './previewChange';
import type { LargeOrganizationResult } from './largeOrganization';
import type { ManyTenantsResult } from './manyTenants';

/** The benchmark's results and how they are shown: the tables, the growth, the targets. */

/** How long the bench leaves the server idle after the load runs before reading its memory again (the server collects after 5–10 s idle). */
export const IDLE_SETTLE_SECONDS = 12;

export type Endpoint = 'trivial' | 'checkPermission' | 'checkPermissions100' | 'explainAccess' | 'accessibleResources';
export const ENDPOINTS: Endpoint[] = ['trivial', 'checkPermission', 'checkPermissions100', 'explainAccess', 'accessibleResources'];

export interface EndpointResult {
  /** Under load: `connections` concurrent clients. */
  readonly throughput: LoadResult;
  /** One client at a time: the service time, without queueing. */
  readonly latency: LoadResult;
}

export interface Scenario {
  database: DatabaseKind;
  size: string;
  counts: ReturnType<typeof generateOrganization>['counts'];
  importSeconds: number;
  /** From starting the server process to /readyz (loading the snapshot included); absent from older results. */
  readySeconds?: number;
  coldFirstCheckMs: number;
  endpoints: Record<Endpoint, EndpointResult>;
  ratiosToTrivial: Record<Endpoint, number>;
  live: LiveLatency;
  /** The reference organization with `largeSockets` sockets. */
  liveLarge?: LiveLatency;
  /** The client's local mirror (absent in results written before it was measured). */
  mirror?: MirrorResult;
  /** Absent from results written before previewChange was measured. */
  previewChange?: PreviewChangeResult;
  /** Resident memory after the load runs (V8 keeps the garbage of the load until its next full collection). */
  serverMemoryMb: number;
  /** Resident memory at ready, before any request (absent in results written before it was measured). */
  readyMemoryMb?: number;
  /** Resident memory when the server has been idle a while after the load runs (MB). */
  idleMemoryMb?: number;
}

export interface InProcess {
  size: string;
  evaluatorChecksPerSecond: number;
  casbinChecksPerSecond: number;
  evaluatorToCasbin: number;
  casbinBuildSeconds: number;
  casbinLinks: number;
  agreementWithCasbin: number;
  cedarChecksPerSecond: number;
  evaluatorToCedar: number;
  cedarBuildSeconds: number;
  agreementWithCedar: number;
}

export type TargetUnit = 'ms' | 'MB' | 'checks/s' | 'share' | 'times' | 'percent';

export interface Target {
  target: string;
  database: string;
  value: number;
  unit: TargetUnit;
  met: boolean;
  /** Said after the value, e.g. what this machine allows at best. */
  note?: string;
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; cpuModel: string | undefined; memoryGb: number; node: string; loopbackRoundTripUs?: number; postgresRoundTripUs?: number };
  options: unknown;
  scenarios: Scenario[];
  inProcess: InProcess[];
  largeOrganization?: LargeOrganizationResult;
  manyTenants?: ManyTenantsResult;
  /** The same live client against a bare WebSocket server (liveLatency.ts `measureLiveFloor`), by sockets. */
  liveFloor?: LiveLatency[];
  growthSmallToReference: Record<string, Record<string, number>>;
  targets: Target[];
}

function scenarioTables(scenarios: Scenario[], inProcessResults: InProcess[]): string {
  const lines: string[] = [];
  const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
  for (const s of scenarios) {
    lines.push(
      `\n### ${s.database}, ${s.size} organization (${s.counts.members} members, ${s.counts.teams} teams, ${s.counts.projects} projects, ${s.counts.assistants} assistants, ${s.counts.otherAssets} other assets, ${s.counts.grants} grants)`,
    );
    lines.push(
      s.readySeconds === undefined
        ? `import ${s.importSeconds} s · first check (snapshot load) ${s.coldFirstCheckMs} ms · server memory ${s.serverMemoryMb} MB\n`
        : `import ${s.importSeconds} s · start to ready ${s.readySeconds} s (the snapshot loads before ready) · first check after start ${s.coldFirstCheckMs} ms · server memory ${s.readyMemoryMb === undefined ? '' : `at ready ${s.readyMemoryMb} MB, `}after the load runs ${s.serverMemoryMb} MB${s.idleMemoryMb === undefined ? '' : `, idle ${IDLE_SETTLE_SECONDS} s later ${s.idleMemoryMb} MB`}\n`,
    );
    lines.push('| query | req/s | × trivial | p50 ms | p99 ms | alone p50 ms | alone p95 ms | alone p99 ms |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const e of ENDPOINTS) {
      const r = s.endpoints[e];
      lines.push(
        `| ${e} | ${r.throughput.rps} | ${f(s.ratiosToTrivial[e], 2)} | ${f(r.throughput.p50)} | ${f(r.throughput.p99)} | ${f(r.latency.p50, 2)} | ${f(r.latency.p95, 2)} | ${f(r.latency.p99, 2)} |`,
      );
    }
    const preview = s.previewChange;
    if (preview) {
      lines.push(
        `| previewChange (owner's session; a team membership reaching ${preview.projectsReached} projects, ${preview.levelsMoved} levels move) | — | — | — | — | ${f(preview.latency.p50, 2)} | ${f(preview.latency.p95, 2)} | ${f(preview.latency.p99, 2)} |`,
      );
    }
    lines.push(
      `\nlive: ${s.live.sockets} sockets × ${s.live.events} events, ${s.live.delivered} delivered: p50 ${f(s.live.p50)} ms, p99 ${f(s.live.p99)} ms, max ${f(s.live.max)} ms`,
    );
    if (s.liveLarge) {
      lines.push(
        `\nlive: ${s.liveLarge.sockets} sockets × ${s.liveLarge.events} events, ${s.liveLarge.delivered} delivered: p50 ${f(s.liveLarge.p50)} ms, p99 ${f(s.liveLarge.p99)} ms, max ${f(s.liveLarge.max)} ms`,
      );
    }
    if (s.mirror) {
      lines.push(
        `\nlocal mirror (@rolegraph/client, ${s.mirror.users} users): ${s.mirror.checksPerSecond} checks/s in process (${(s.mirror.answeredInProcess * 100).toFixed(0)}% without the server), started in ${s.mirror.startSeconds} s; from a revoke's response to the mirror denying: p50 ${f(s.mirror.revokeToDenyP50Ms)} ms, max ${f(s.mirror.revokeToDenyMaxMs)} ms over ${s.mirror.rounds} revokes`,
      );
    }
  }
  lines.push('\n### in-process checks per second (same checks)\n');
  lines.push('| organization | evaluator | node-casbin | × casbin | casbin build s | agreement | Cedar | × Cedar | Cedar build s | agreement |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const i of inProcessResults) {
    lines.push(
      `| ${i.size} | ${i.evaluatorChecksPerSecond} | ${i.casbinChecksPerSecond} | ${i.evaluatorToCasbin} | ${i.casbinBuildSeconds} | ${(i.agreementWithCasbin * 100).toFixed(1)}% | ${i.cedarChecksPerSecond} | ${i.evaluatorToCedar} | ${i.cedarBuildSeconds} | ${(i.agreementWithCedar * 100).toFixed(1)}% |`,
    );
  }
  return lines.join('\n');
}

function scaleTables(large: LargeOrganizationResult | undefined, tenants: ManyTenantsResult | undefined): string {
  const lines: string[] = [];
  const f = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
  if (large) {
    const c = large.counts;
    lines.push(
      `\n### postgres, ${large.scale}× the reference organization (${c.members} members, ${c.teams} teams, ${c.projects} projects, ${c.assistants} assistants, ${c.otherAssets} other assets, ${c.grants} grants)`,
    );
    lines.push(`import ${large.importSeconds} s; then the server started on it twice, with Node's defaults and with a larger young generation\n`);
    lines.push('| server started with | start to ready s | first check ms | memory MB | query (alone) | req/s | p50 ms | p95 ms | p99 ms |');
    lines.push('|---|---:|---:|---:|---|---:|---:|---:|---:|');
    for (const s of large.servings) {
      const started = s.nodeOptions.length ? `\`${s.nodeOptions.join(' ')}\`` : "Node's defaults";
      lines.push(
        `| ${started} | ${s.readySeconds} | ${s.firstCheckMs} | ${s.serverMemoryMb} | checkPermission | ${s.checkAlone.rps} | ${f(s.checkAlone.p50)} | ${f(s.checkAlone.p95)} | ${f(s.checkAlone.p99)} |`,
      );
      lines.push(`| | | | | checkPermissions100 | ${s.batchAlone.rps} | ${f(s.batchAlone.p50)} | ${f(s.batchAlone.p95)} | ${f(s.batchAlone.p99)} |`);
    }
  }
  if (tenants) {
    const c = tenants.tenantCounts;
    lines.push(
      `\n### postgres, ${tenants.tenants} small organizations served in turn (each ${c.members} members, ${c.projects} projects, ${c.assistants} assistants, ${c.otherAssets} other assets, ${c.grants} grants; 64 kept in memory)`,
    );
    lines.push(
      `loaded in ${tenants.loadSeconds} s · a check on a tenant not in memory (alone, ${tenants.coldCheck.checks} checks, every tenant twice): p50 ${f(tenants.coldCheck.p50)} ms, p95 ${f(tenants.coldCheck.p95)} ms, p99 ${f(tenants.coldCheck.p99)} ms, max ${f(tenants.coldCheck.max)} ms · server memory after the first round ${tenants.memoryAfterFirstRoundMb} MB, after the second ${tenants.memoryAfterSecondRoundMb} MB`,
    );
  }
  return lines.join('\n');
}

export function growth(scenarios: Scenario[]): Record<string, Record<string, number>> {
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
    g['first check after start'] = Number((reference.coldFirstCheckMs / small.coldFirstCheckMs).toFixed(2));
    result[database] = g;
  }
  return result;
}

export function targets(
  scenarios: Scenario[],
  inProcessResults: InProcess[],
  large?: LargeOrganizationResult,
  liveFloor: readonly LiveLatency[] = [],
): Target[] {
  const rows: Target[] = [];
  // The floor measured with the number of sockets nearest the figure's (999 members and the owner make 1,000).
  const floorNote = (sockets: number) => {
    const floor = [...liveFloor].sort((a, b) => Math.abs(a.sockets - sockets) - Math.abs(b.sockets - sockets))[0];
    return floor
      ? `this machine's floor, a bare WebSocket server with ${floor.sockets.toLocaleString('en-US')} sockets: ${floor.p99.toFixed(2)} ms`
      : undefined;
  };
  for (const s of scenarios.filter((x) => x.size === 'reference')) {
    const batch = s.endpoints.checkPermissions100;
    const row = (target: string, value: number, unit: TargetUnit, met: boolean, note?: string) =>
      rows.push({ target, database: s.database, value, unit, met, ...(note ? { note } : {}) });
    row('checkPermission ≥ 90% of the trivial query’s req/s', s.ratiosToTrivial.checkPermission, 'share', s.ratiosToTrivial.checkPermission >= 0.9);
    row('100-check batches under load ≥ 250,000 checks/s', batch.throughput.rps * 100, 'checks/s', batch.throughput.rps * 100 >= 250_000);
    row('100-check batch p99 under load ≤ 20 ms', batch.throughput.p99, 'ms', batch.throughput.p99 <= 20);
    row('100-check batch p99 ≤ 3 ms (alone)', batch.latency.p99, 'ms', batch.latency.p99 <= 3);
    row('accessibleResources p95 ≤ 5 ms (alone)', s.endpoints.accessibleResources.latency.p95, 'ms', s.endpoints.accessibleResources.latency.p95 <= 5);
    row('live event p99 ≤ 25 ms to 1,000 sockets', s.live.p99, 'ms', s.live.p99 <= 25, floorNote(s.live.sockets));
    if (s.liveLarge)
      row(
        `live event p99 ≤ 150 ms to ${s.liveLarge.sockets.toLocaleString('en-US')} sockets`,
        s.liveLarge.p99,
        'ms',
        s.liveLarge.p99 <= 150,
        floorNote(s.liveLarge.sockets),
      );
    else row('live event p99 ≤ 150 ms to 10,000 sockets (not measured in this run)', Number.NaN, 'ms', false);
    if (s.previewChange) row('previewChange p95 ≤ 50 ms (alone)', s.previewChange.latency.p95, 'ms', s.previewChange.latency.p95 <= 50);
    const memoryBar = s.database === 'embedded' ? 350 : 200;
    row(`server memory ≤ ${memoryBar} MB with the reference organization loaded (after the load runs)`, s.serverMemoryMb, 'MB', s.serverMemoryMb <= memoryBar);
    if (s.readyMemoryMb !== undefined)
      row(`server memory ≤ ${memoryBar} MB with the reference organization loaded (at ready)`, s.readyMemoryMb, 'MB', s.readyMemoryMb <= memoryBar);
    if (s.idleMemoryMb !== undefined)
      row(
        `server memory ≤ ${memoryBar} MB with the reference organization loaded (idle, ${IDLE_SETTLE_SECONDS} s after the load runs)`,
        s.idleMemoryMb,
        'MB',
        s.idleMemoryMb <= memoryBar,
      );
    row('first check after start ≤ 200 ms', s.coldFirstCheckMs, 'ms', s.coldFirstCheckMs <= 200);
  }
  const largeRow = (target: string, value: number, unit: TargetUnit, met: boolean) => rows.push({ target, database: 'postgres', value, unit, met });
  if (large) {
    for (const serving of large.servings) {
      const started = serving.nodeOptions.length ? `started with ${serving.nodeOptions.join(' ')}` : "Node's defaults";
      largeRow(`${large.scale}× organization, ${started}: check alone p99 ≤ 5 ms`, serving.checkAlone.p99, 'ms', serving.checkAlone.p99 <= 5);
      largeRow(`${large.scale}× organization, ${started}: server memory ≤ 1,536 MB`, serving.serverMemoryMb, 'MB', serving.serverMemoryMb <= 1536);
    }
  } else {
    largeRow('10× organization: check alone p99 ≤ 5 ms (not measured in this run)', Number.NaN, 'ms', false);
  }
  const reference = inProcessResults.find((i) => i.size === 'reference');
  if (reference) {
    rows.push({
      target: 'evaluator ≥ 50× node-casbin',
      database: 'in-process',
      value: reference.evaluatorToCasbin,
      unit: 'times',
      met: reference.evaluatorToCasbin >= 50,
    });
    rows.push({
      target: 'evaluator ≥ 10× Cedar',
      database: 'in-process',
      value: reference.evaluatorToCedar,
      unit: 'times',
      met: reference.evaluatorToCedar >= 10,
    });
    rows.push({
      target: 'Cedar agrees on 100% of the same checks',
      database: 'in-process',
      value: reference.agreementWithCedar * 100,
      unit: 'percent',
      met: reference.agreementWithCedar === 1,
    });
  }
  return rows;
}

/** bench/results.md: the tables, the growth from the small to the reference organization, and the targets. */
export function renderMarkdown(results: BenchResults): string {
  const growthRows = Object.entries(results.growthSmallToReference);
  const metrics = growthRows[0] ? Object.keys(growthRows[0][1]) : [];
  const growthTable = growthRows.length
    ? [
        `| reference ÷ small | ${growthRows.map(([database]) => database).join(' | ')} |`,
        `|---|${growthRows.map(() => '---:').join('|')}|`,
        ...metrics.map((m) => `| ${m} | ${growthRows.map(([, g]) => g[m]).join(' | ')} |`),
      ].join('\n')
    : 'Only one size was run.';
  const value = (t: Target) =>
    ({
      ms: Number.isFinite(t.value) ? `${t.value.toFixed(2)} ms` : '—',
      MB: Number.isFinite(t.value) ? `${Math.round(t.value)} MB` : '—',
      'checks/s': `${Math.round(t.value).toLocaleString('en-US')} checks/s`,
      share: `${(t.value * 100).toFixed(0)}% of the trivial query`,
      times: `${t.value.toFixed(1)}×`,
      percent: `${t.value.toFixed(1)}%`,
    })[t.unit];
  return [
    `# Benchmark results (${results.date})`,
    '',
    `Machine: ${results.machine.cpus} cores (${results.machine.cpuModel}), ${results.machine.memoryGb} GB, Node ${results.machine.node}.` +
      (results.machine.postgresRoundTripUs === undefined
        ? ''
        : ` Round trips measured first: loopback TCP echo ${results.machine.loopbackRoundTripUs} µs, PostgreSQL \`SELECT 1\` ${results.machine.postgresRoundTripUs} µs (every "alone" figure below contains such round trips).`),
    ...(results.liveFloor?.length
      ? [
          '',
          `Live floor, measured first: the live client below against a bare WebSocket server in its own process, which sends each socket one event of the same size when asked (no database, authorization or GraphQL): ${results.liveFloor
            .map((f) => `${f.sockets.toLocaleString('en-US')} sockets p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms`)
            .join('; ')}. Client and server share the machine's cores; no live figure below can be lower than its floor.`,
        ]
      : []),
    scenarioTables(results.scenarios, results.inProcess),
    scaleTables(results.largeOrganization, results.manyTenants),
    '',
    '### growth from the small to the reference organization',
    '',
    growthTable,
    '',
    '## Targets',
    '',
    ...results.targets.map((t) => `- ${t.met ? '✓' : '✗'} ${t.target} [${t.database}]: ${value(t)}${t.note ? ` (${t.note})` : ''}`),
    '',
  ].join('\n');
}
