/**
 * @jest-environment node
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { ACCESS_ENDED, EVENTS_MISSED, createLiveSocket, reconnectDelay } from '../src/app/liveSocket';

/** What a browser provides; Node 20 has no WebSocket of its own. */
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

/** A real graphql-ws server with one subscription that never emits; the test closes its sockets with a code. */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString, resolve: () => 'ok' } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      tick: {
        type: GraphQLString,
        subscribe: async function* () {
          await new Promise(() => undefined);
          yield { tick: 'never' };
        },
      },
    },
  }),
});

let http: Server;
let url: string;
const connections: WebSocket[] = [];
let connectionWaiters: (() => void)[] = [];

beforeAll(async () => {
  http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  useServer(
    {
      schema,
      onConnect: (ctx) => {
        connections.push(ctx.extra.socket as WebSocket);
        connectionWaiters.forEach((w) => w());
        connectionWaiters = [];
        return true;
      },
    },
    wss,
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  connections.forEach((s) => s.terminate());
  await new Promise((resolve) => http.close(resolve));
});
beforeEach(() => {
  connections.length = 0;
});

function nthConnection(n: number): Promise<WebSocket> {
  if (connections.length >= n) return Promise.resolve(connections[n - 1]!);
  return new Promise((resolve) => connectionWaiters.push(() => connections.length >= n && resolve(connections[n - 1]!)));
}

describe('the web app’s live socket', () => {
  it('reconnects after the server says events may have been missed (4410), and reports that it is back so the app refetches', async () => {
    const ended: number[] = [];
    let backAgain: () => void = () => undefined;
    const reconnected = new Promise<void>((resolve) => (backAgain = resolve));
    const socket = createLiveSocket({ url, onAccessEnded: (code) => ended.push(code), onReconnected: () => backAgain() });
    const dispose = socket.subscribe({ query: 'subscription { tick }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    try {
      (await nthConnection(1)).close(EVENTS_MISSED, 'Events may have been missed: reconnect and refetch');
      await reconnected;
      await nthConnection(2);
      expect(ended).toEqual([]);
    } finally {
      dispose();
      await socket.dispose();
    }
  });

  it('stays closed when the access ended (4403), and reports that instead of reconnecting', async () => {
    const ended: number[] = [];
    let reconnects = 0;
    const socket = createLiveSocket({ url, onAccessEnded: (code) => ended.push(code), onReconnected: () => reconnects++ });
    const subscriptionEnded = new Promise<unknown>((resolve) => {
      socket.subscribe({ query: 'subscription { tick }' }, { next: () => undefined, error: resolve, complete: () => resolve(null) });
    });
    (await nthConnection(1)).close(ACCESS_ENDED, 'Membership ended');
    const reason = (await subscriptionEnded) as { code?: number } | null;
    expect(reason?.code).toBe(ACCESS_ENDED); // the client gave up: no retry is pending
    expect(ended).toEqual([ACCESS_ENDED]);
    expect(reconnects).toBe(0);
    expect(connections).toHaveLength(1);
    await socket.dispose();
  });

  it('waits 1 s before the first reconnection, doubling to at most 30 s, with up to 3 s of jitter', () => {
    expect(reconnectDelay(0, () => 0)).toBe(1000);
    expect(reconnectDelay(3, () => 0)).toBe(8000);
    expect(reconnectDelay(20, () => 0)).toBe(30_000);
    expect(reconnectDelay(20, () => 0.9999)).toBe(32_999);
  });
});
