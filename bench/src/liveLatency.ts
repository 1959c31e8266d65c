import WebSocket from 'ws';

/** Sockets opening at the same time. */
const OPEN_AT_ONCE = 500;

export interface LiveLatency {
  readonly sockets: number;
  readonly events: number;
  readonly delivered: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Opens one graphql-ws connection per member token, each subscribed to
 * `myAccessChanged`, then changes an assistant's status `events` times (which
 * may change everyone's access) and measures, for every socket and event, the
 * time from sending the mutation to receiving the event.
 */
export async function measureLiveLatency(options: {
  url: string;
  memberTokens: readonly string[];
  ownerToken: string;
  assistantId: string;
  events: number;
}): Promise<LiveLatency> {
  const sockets = options.memberTokens.length;
  const wsUrl = options.url.replace(/^http/, 'ws') + '/graphql';
  // Two warm-up events first (the first deliveries compile the code paths), not measured.
  const arrivals: number[][] = Array.from({ length: options.events + 2 }, () => []);
  let currentEvent = -1;
  let waiting: (() => void) | null = null;
  // A lean graphql-transport-ws client (connection_init, subscribe, then "next" messages):
  // the bench timestamps arrivals without a client library's per-message work, so the
  // figure is the server's, not the load generator's.
  const sockets_: WebSocket[] = [];
  const open = (tokens: readonly string[]) =>
    Promise.all(
      tokens.map(
        (token) =>
          new Promise<void>((resolve, reject) => {
            const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
            sockets_.push(socket);
            socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
            socket.on('message', (data: Buffer) => {
              const text = data.toString();
              if (text.startsWith('{"type":"connection_ack"')) {
                socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { myAccessChanged { reason revision } }' } }));
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
    for (let at = 0; at < options.memberTokens.length; at += OPEN_AT_ONCE) await open(options.memberTokens.slice(at, at + OPEN_AT_ONCE));
  } catch (error) {
    for (const socket of sockets_) {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
    }
    throw error;
  }
  await new Promise((r) => setTimeout(r, 1000)); // let every subscription register
  const latencies: number[] = [];
  const warmup = 2;
  try {
    for (let e = -warmup; e < options.events; e++) {
      currentEvent = e < 0 ? options.events + e + warmup : e;
      arrivals[currentEvent] = [];
      const allArrived = new Promise<void>((resolve) => {
        waiting = resolve;
        setTimeout(resolve, 10_000);
      });
      const started = performance.now();
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
      await allArrived;
      if (e >= 0) for (const at of arrivals[e]!) latencies.push(at - started);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    for (const socket of sockets_) {
      socket.removeAllListeners('close');
      socket.close();
    }
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  return { sockets, events: options.events, delivered: latencies.length, p50: at(50), p99: at(99), max: latencies.at(-1) ?? NaN };
}
