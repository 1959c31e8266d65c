import { startTestServer, type TestServer } from '../support/testServer';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { eventually } from '../support/eventually';

/**
 * /healthz is liveness (the process answers); /readyz is readiness: the
 * database answers, with the live event bus reported.
 */
const DATABASE_URL = process.env.DATABASE_URL;
const describeWithPostgres = DATABASE_URL ? describe : describe.skip;

async function probe(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('health endpoints', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('/healthz says the process answers', async () => {
    expect(await probe(`${t.url}/healthz`)).toEqual({ status: 200, body: { ok: true } });
  });

  it('/readyz is 200 when the database answers, and reports the event bus', async () => {
    expect(await probe(`${t.url}/readyz`)).toEqual({
      status: 200,
      body: {
        ready: true,
        database: { kind: DATABASE_URL ? 'postgres' : 'embedded', reachable: true },
        events: { kind: 'in-process' },
        accessSnapshots: { warming: false },
      },
    });
  });
});

describeWithPostgres('readiness when PostgreSQL stops answering', () => {
  let proxy: TcpProxy;
  let t: TestServer;
  beforeAll(async () => {
    const url = new URL(DATABASE_URL!);
    proxy = await startTcpProxy(Number(url.port || 5432), url.hostname);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    t = await startTestServer({ DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    proxy.restore();
    await t?.close();
    await proxy?.close();
  });

  it('/readyz answers 503 while the database does not answer and 200 once it does again; /healthz stays 200', async () => {
    proxy.stall();
    const down = await probe(`${t.url}/readyz`);
    expect(down).toEqual({
      status: 503,
      body: { ready: false, database: { kind: 'postgres', reachable: false }, events: { kind: 'in-process' }, accessSnapshots: { warming: false } },
    });
    expect((await probe(`${t.url}/healthz`)).status).toBe(200);
    proxy.restore();
    await eventually('/readyz is 200 again', async () => ((await probe(`${t.url}/readyz`)).status === 200 ? true : undefined));
  });
});
