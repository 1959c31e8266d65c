import pino from 'pino';
import { createRedisEventBus, type RedisEventBus } from '../../src/live/redisEventBus';
import type { LiveEvent } from '../../src/live/liveEvents';
import { redisServerInstalled, testRedis, type TestRedis } from '../support/redisServer';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { eventually } from '../support/eventually';
import { settle } from '../support/liveClient';

/**
 * The event bus of two instances over a real Redis of the test's own; the
 * first reaches Redis through a TCP proxy the test can silence, so one
 * instance loses Redis while the other keeps it.
 */
const describeWithRedis = redisServerInstalled() ? describe : describe.skip;

const logger = pino({ level: 'silent' });

interface Received {
  readonly events: LiveEvent[];
  eventsMissed: number;
}

function listenTo(bus: RedisEventBus): Received {
  const received: Received = { events: [], eventsMissed: 0 };
  bus.subscribe({
    event: (event) => received.events.push(event),
    eventsMissed: () => {
      received.eventsMissed += 1;
    },
  });
  return received;
}

function audit(n: number): LiveEvent {
  return { type: 'auditEventAdded', organizationId: 'org-1', auditEntryId: `entry-${n}` };
}

function redisPort(url: string): number {
  return Number(new URL(url).port);
}

describeWithRedis('the Redis event bus between two instances', () => {
  let redis: TestRedis;
  let proxy: TcpProxy;
  const buses: RedisEventBus[] = [];

  async function connectedBus(url: string, maxQueuedEvents?: number): Promise<RedisEventBus> {
    const bus = createRedisEventBus(url, logger, { maxQueuedEvents });
    buses.push(bus);
    await bus.firstAttempt;
    await eventually('the bus is subscribed', () => (bus.status().redis === 'up' ? true : undefined));
    return bus;
  }

  /** Cuts the first instance off Redis and waits until it has noticed. */
  async function silence(bus: RedisEventBus): Promise<void> {
    proxy.stall();
    await eventually('the bus notices Redis is gone', () => (bus.status().redis === 'down' ? true : undefined));
  }

  beforeAll(async () => {
    redis = await testRedis();
    await redis.start();
    proxy = await startTcpProxy(redisPort(redis.url));
  });

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
    proxy.restore();
  });

  afterAll(async () => {
    await proxy?.close();
    await redis?.stop();
  });

  it('hands an event to its own instance at once and to the other through Redis, once each', async () => {
    const a = await connectedBus(redis.url);
    const b = await connectedBus(redis.url);
    const atA = listenTo(a);
    const atB = listenTo(b);
    a.publish(audit(1));
    expect(atA.events).toEqual([audit(1)]); // before publish even returned to the caller's next line
    await eventually('B receives the event', () => (atB.events.length > 0 ? true : undefined));
    await settle(200);
    expect(atA.events).toEqual([audit(1)]);
    expect(atB.events).toEqual([audit(1)]);
    expect(atA.eventsMissed + atB.eventsMissed).toBe(0);
  });

  it('keeps events for the others while its Redis is away and sends them, in order, when it returns', async () => {
    const a = await connectedBus(`redis://127.0.0.1:${proxy.port}`);
    const b = await connectedBus(redis.url);
    const atA = listenTo(a);
    const atB = listenTo(b);
    await silence(a);
    a.publish(audit(1));
    a.publish(audit(2));
    expect(atA.events).toEqual([audit(1), audit(2)]);
    expect(a.status()).toEqual({ kind: 'redis', redis: 'down', queuedEvents: 2 });
    proxy.restore();
    await eventually('B receives the queued events', () => (atB.events.length === 2 ? true : undefined));
    expect(atB.events).toEqual([audit(1), audit(2)]);
    // Nothing of A's was lost, so B's sockets need not refetch; A's own subscription was down, so A's may.
    await eventually('A learns it may have missed events', () => (atA.eventsMissed === 1 ? true : undefined));
    expect(atB.eventsMissed).toBe(0);
    await eventually('A is connected again', () => (a.status().redis === 'up' ? true : undefined));
    expect(a.status()).toEqual({ kind: 'redis', redis: 'up', queuedEvents: 0 });
  });

  it('when its queue overflows, the other instances are told their sockets may have missed events', async () => {
    const a = await connectedBus(`redis://127.0.0.1:${proxy.port}`, 2);
    const b = await connectedBus(redis.url);
    const atB = listenTo(b);
    await silence(a);
    a.publish(audit(1));
    a.publish(audit(2));
    a.publish(audit(3)); // no room: stays on A
    proxy.restore();
    await eventually('B is told it may have missed events', () => (atB.eventsMissed === 1 ? true : undefined));
    expect(atB.events).toEqual([audit(1), audit(2)]);
  });

  it('a subscriber cut off from Redis for a while tells its listeners, once it listens again', async () => {
    const a = await connectedBus(redis.url);
    const b = await connectedBus(`redis://127.0.0.1:${proxy.port}`);
    const atB = listenTo(b);
    await silence(b);
    a.publish(audit(1)); // B is not listening: lost to B
    proxy.restore();
    await eventually('B is told it may have missed events', () => (atB.eventsMissed === 1 ? true : undefined));
    a.publish(audit(2));
    await eventually('B receives events again', () => (atB.events.length > 0 ? true : undefined));
    expect(atB.events).toEqual([audit(2)]);
  });
});
