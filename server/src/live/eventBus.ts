import type { Logger } from 'pino';
import type { LiveEvent, LiveEventPublisher } from './liveEvents';
import { LocalListeners, type LiveEventListener } from './localListeners';
import { createRedisEventBus } from './redisEventBus';

export type { LiveEventListener } from './localListeners';

/** How the bus stands, for /readyz. */
export type LiveEventBusStatus =
  | { readonly kind: 'in-process' }
  | {
      readonly kind: 'redis';
      /** `up` once both Redis connections are ready and the channel is subscribed. */
      readonly redis: 'up' | 'down';
      /** Events waiting for Redis to reach the other instances. */
      readonly queuedEvents: number;
    };

/**
 * Carries committed changes' events to every server instance. `publish`
 * never waits and never throws: the event reaches this instance's listeners
 * at once, and — with Redis — the other instances as soon as Redis can take
 * it (queued, bounded, while Redis is away).
 */
export interface LiveEventBus extends LiveEventPublisher {
  publish(event: LiveEvent): void;
  /** Adds a listener for every event any instance publishes; returns its removal. */
  subscribe(listener: LiveEventListener): () => void;
  status(): LiveEventBusStatus;
  close(): Promise<void>;
  readonly kind: LiveEventBusStatus['kind'];
}

/** One instance, no Redis: events go straight to this process's listeners. */
export function createInProcessEventBus(logger: Logger): LiveEventBus {
  const listeners = new LocalListeners(logger);
  return {
    kind: 'in-process',
    publish: (event) => listeners.deliver(event),
    subscribe: (listener) => listeners.add(listener),
    status: () => ({ kind: 'in-process' }),
    close: async () => undefined,
  };
}

/**
 * The bus for this configuration: Redis pub/sub with REDIS_URL, in process
 * without. It resolves once Redis answered or failed to answer the first
 * time, so a server that starts beside a working Redis is subscribed before
 * it listens; a server whose Redis is away starts anyway.
 */
export async function createEventBus(redisUrl: string | undefined, logger: Logger): Promise<LiveEventBus> {
  if (!redisUrl) return createInProcessEventBus(logger);
  const bus = createRedisEventBus(redisUrl, logger);
  await bus.firstAttempt;
  return bus;
}
