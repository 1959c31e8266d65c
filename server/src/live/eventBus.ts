import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import type { LiveEvent, LiveEventPublisher } from './liveEvents';

/** The one channel every event travels on; each instance fans events out to its own sockets. */
const CHANNEL = 'rolegraph.live-events';

/**
 * Carries committed changes' events to every server instance: in process
 * (graphql-subscriptions' PubSub) without REDIS_URL, over Redis pub/sub
 * (graphql-redis-subscriptions) with it.
 */
export interface LiveEventBus extends LiveEventPublisher {
  /** Calls `handler` for every event published by any instance; returns an unsubscribe function. */
  subscribe(handler: (event: LiveEvent) => void): Promise<() => void>;
  close(): Promise<void>;
  readonly kind: 'in-process' | 'redis';
}

class PubSubEventBus implements LiveEventBus {
  constructor(
    private readonly engine: PubSubEngine,
    readonly kind: LiveEventBus['kind'],
    private readonly onClose: () => Promise<void>,
  ) {}

  async publish(event: LiveEvent): Promise<void> {
    await this.engine.publish(CHANNEL, event);
  }

  async subscribe(handler: (event: LiveEvent) => void): Promise<() => void> {
    const id = await this.engine.subscribe(CHANNEL, handler, {});
    return () => this.engine.unsubscribe(id);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

export function createInProcessEventBus(): LiveEventBus {
  return new PubSubEventBus(new PubSub(), 'in-process', async () => undefined);
}

export async function createRedisEventBus(redisUrl: string, logger: Logger): Promise<LiveEventBus> {
  const options = { maxRetriesPerRequest: null, lazyConnect: true };
  const publisher = new Redis(redisUrl, options);
  const subscriber = new Redis(redisUrl, options);
  for (const [name, client] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
    client.on('error', (err) => logger.error({ err, client: name }, 'redis connection error'));
  }
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const engine = new RedisPubSub({ publisher, subscriber });
  return new PubSubEventBus(engine, 'redis', async () => {
    await engine.close();
  });
}

export function createEventBus(redisUrl: string | undefined, logger: Logger): Promise<LiveEventBus> {
  return redisUrl ? createRedisEventBus(redisUrl, logger) : Promise.resolve(createInProcessEventBus());
}
