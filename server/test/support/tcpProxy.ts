import net from 'node:net';

/**
 * A TCP proxy between a server under test and something it depends on
 * (PostgreSQL, Redis), that the test can make unreachable without stopping it.
 */
export interface TcpProxy {
  readonly port: number;
  /**
   * The far side stops answering: open connections are dropped and new ones
   * are accepted but never answered, like a host that went silent.
   */
  stall(): void;
  /**
   * The far side is down: open connections are dropped and new ones are
   * reset at once, like a database that stopped (connection refused).
   */
  refuse(): void;
  /** Forwards again (the connections held while stalled are dropped). */
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  let stalled = false;
  let refusing = false;
  const open = new Set<net.Socket>();
  const held = new Set<net.Socket>();
  const track = (set: Set<net.Socket>, socket: net.Socket) => {
    set.add(socket);
    socket.once('close', () => set.delete(socket));
  };
  const server = net.createServer((client) => {
    client.on('error', () => undefined);
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    if (stalled) {
      track(held, client);
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    track(open, client);
    track(open, upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const destroyAll = (set: Set<net.Socket>) => {
    for (const socket of [...set]) socket.destroy();
  };
  return {
    port,
    stall() {
      stalled = true;
      destroyAll(open);
    },
    refuse() {
      refusing = true;
      destroyAll(open);
    },
    restore() {
      stalled = false;
      refusing = false;
      destroyAll(held);
    },
    async close() {
      destroyAll(open);
      destroyAll(held);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
