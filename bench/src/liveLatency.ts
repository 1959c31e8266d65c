import { fork } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';

/** Sockets opening at the same time. */
const OPEN_AT_ONCE = 500;

/** The subscription every socket holds. */
const SUBSCRIPTION = 'subscription { myAccessChanged { reason revision } }';

export interface LiveLatency {
  readonly sockets: number;
  readonly events: number;
  readonly delivered: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Opens one graphql-transport-ws connection per token, each subscribed to
 * `myAccessChanged`, then calls `trigger` `events` times (after two warm-up
 * events, not measured) and measures, for every socket and event, the time
 * from calling `trigger` to the socket receiving the event.
 *
 * The client is lean (connection_init, subscribe, then "next" messages): it
 * timestamps arrivals without a client library's per-message work. It still
 * shares the machine with the server it measures, so a run also measures
 * the same client against a bare server (`measureLiveFloor`).
 */
async function measureDeliveries(options: {
  wsUrl: string;
  tokens: readonly string[];
  events: number;
  trigger: (event: number) => Promise<void>;
}): Promise<LiveLatency> {
  const sockets = options.tokens.length;
  const warmup = 2;
  const arrivals: number[][] = Array.from({ length: options.events + warmup }, () => []);
  let currentEvent = -1;
  let waiting: (() => void) | null = null;
  const opened: WebSocket[] = [];
  const open = (tokens: readonly string[]) =>
    Promise.all(
      tokens.map(
        (token) =>
          new Promise<void>((resolve, reject) => {
            const socket = new WebSocket(options.wsUrl, 'graphql-transport-ws');
            opened.push(socket);
            socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
            socket.on('message', (data: Buffer) => {
              const text = data.toString();
              if (text.startsWith('{"type":"connection_ack"')) {
                socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
                resolve();
              } else if (text.includes('"type":"next"') && currentEvent >= 0) {
                const list = arrivals[currentEvent]!;
                list.push(performance.now());
                if (list.length === sockets && waiting) waiting();
              } else if (text.includes('"type":"error"')) {
                reject(new Error(`subscription failed: ${text}`));
              }
            });
            socket.on('error', reject);
            socket.on('close', (code) => reject(new Error(`socket closed with ${code}`)));
          }),
      ),
    );
  // Sockets open in waves, as clients arrive over time: thousands of handshakes at once overflow the listen backlog.
  try {
    for (let at = 0; at < options.tokens.length; at += OPEN_AT_ONCE) await open(options.tokens.slice(at, at + OPEN_AT_ONCE));
  } catch (error) {
    for (const socket of opened) {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
    }
    throw error;
  }
  await new Promise((r) => setTimeout(r, 1000)); // let every subscription register
  const latencies: number[] = [];
  try {
    for (let e = -warmup; e < options.events; e++) {
      currentEvent = e < 0 ? options.events + e + warmup : e;
      arrivals[currentEvent] = [];
      const allArrived = new Promise<void>((resolve) => {
        waiting = resolve;
        setTimeout(resolve, 10_000);
      });
      const started = performance.now();
      await options.trigger(e);
      await allArrived;
      if (e >= 0) for (const at of arrivals[e]!) latencies.push(at - started);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    for (const socket of opened) {
      socket.removeAllListeners('close');
      socket.close();
    }
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  return { sockets, events: options.events, delivered: latencies.length, p50: at(50), p99: at(99), max: latencies.at(-1) ?? NaN };
}

/**
 * Rolegraph's live latency: one socket per member token, then an assistant's
 * status changes `events` times (which may change everyone's access); from
 * sending the mutation to each socket receiving `myAccessChanged`.
 */
export function measureLiveLatency(options: {
  url: string;
  memberTokens: readonly string[];
  ownerToken: string;
  assistantId: string;
  events: number;
}): Promise<LiveLatency> {
  return measureDeliveries({
    wsUrl: options.url.replace(/^http/, 'ws') + '/graphql',
    tokens: options.memberTokens,
    events: options.events,
    trigger: async (e) => {
      const response = await fetch(`${options.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.ownerToken}` },
        body: JSON.stringify({
          query: `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id } }`,
          variables: { input: { id: options.assistantId, status: e % 2 ? 'LIVE' : 'DRAFT' } },
        }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`updateResource failed: ${JSON.stringify(body.errors)}`);
    },
  });
}

/**
 * This machine's floor for the live figures: the same client and sockets
 * against a bare graphql-transport-ws server in its own process
 * (`liveFloorServer.ts`), which sends every subscriber one event of the
 * same size when asked, with no database, authorization or GraphQL
 * execution. A live figure of Rolegraph's cannot be lower than this one on
 * the same machine; the difference is what Rolegraph adds.
 */
export async function measureLiveFloor(sockets: number, events: number): Promise<LiveLatency> {
  const child = fork(path.join(__dirname, 'liveFloorServer.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message) => resolve(Number(message)));
      child.once('exit', (code) => reject(new Error(`the floor server exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    return await measureDeliveries({
      wsUrl: `ws://127.0.0.1:${port}/graphql`,
      tokens: Array.from({ length: sockets }, (_, i) => `floor-${i}`),
      events,
      trigger: async () => {
        const response = await fetch(`${url}/publish`, { method: 'POST' });
        if (!response.ok) throw new Error(`the floor server answered ${response.status}`);
        await response.arrayBuffer();
      },
    });
  } finally {
    child.kill();
  }
}
