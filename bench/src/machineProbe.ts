import net from 'node:net';
import { Client } from 'pg';

/**
 * How fast this machine answers small round trips, measured before
 * anything else: a TCP echo on the loopback (one process) and PostgreSQL's
 * `SELECT 1`. Every "alone" latency below contains such round trips, so
 * runs on different machines compare only together with these.
 */
export interface MachineProbe {
  readonly loopbackRoundTripUs: number;
  readonly postgresRoundTripUs: number;
}

const ROUNDS = 2000;

async function loopbackRoundTripUs(): Promise<number> {
  const server = net.createServer((socket) => socket.on('data', (data) => socket.write(data)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  const client = net.connect(address.port, '127.0.0.1');
  client.setNoDelay(true);
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    let rounds = 0;
    client.on('data', () => {
      if (++rounds < ROUNDS) client.write('x');
      else resolve();
    });
    client.write('x');
  });
  const us = Number(process.hrtime.bigint() - started) / 1000 / ROUNDS;
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return us;
}

async function postgresRoundTripUs(adminUrl: string): Promise<number> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let i = 0; i < 100; i++) await client.query('SELECT 1');
    const started = process.hrtime.bigint();
    for (let i = 0; i < ROUNDS / 4; i++) await client.query('SELECT 1');
    return Number(process.hrtime.bigint() - started) / 1000 / (ROUNDS / 4);
  } finally {
    await client.end();
  }
}

export async function probeMachine(adminUrl: string): Promise<MachineProbe> {
  return {
    loopbackRoundTripUs: Math.round(await loopbackRoundTripUs()),
    postgresRoundTripUs: Math.round(await postgresRoundTripUs(adminUrl)),
  };
}
