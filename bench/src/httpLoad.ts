import autocannon from 'autocannon';

export interface LoadResult {
  /** Median over runs. */
  readonly rps: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly runs: readonly LoadRun[];
}

export interface LoadOptions {
  readonly url: string;
  readonly token: string;
  /** Request bodies, used in turn. */
  readonly bodies: readonly string[];
  readonly connections: number;
  readonly seconds: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function once(options: LoadOptions, seconds: number): Promise<{ rps: number; p50: number; p95: number; p99: number; errors: number }> {
  let next = 0;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${options.url}/graphql`,
        method: 'POST',
        connections: options.connections,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        requests: [
          {
            setupRequest: (request) => ({ ...request, body: options.bodies[next++ % options.bodies.length] }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolve({
          rps: result.requests.total / seconds,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          errors: result.errors + result.non2xx + result.timeouts,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
}

/** One measured load run: requests per second and exact latency percentiles from every response. */
export function loadOnce(options: Omit<LoadOptions, 'runs' | 'warmupSeconds'>): Promise<LoadRun> {
  return once(options as LoadOptions, options.seconds);
}

export type LoadRun = { rps: number; p50: number; p95: number; p99: number; errors: number };

/** Medians over runs. */
export function summarize(runs: readonly LoadRun[]): LoadResult {
  return {
    rps: Math.round(median(runs.map((r) => r.rps))),
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
    runs,
  };
}
