import { randomUUID } from 'node:crypto';
import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { LiveEventBus, LiveEventBusStatus, LiveEventListener } from './eventBus';
import type { LiveEvent } from './liveEvents';
import { LocalListeners } from './localListeners';

/** The one channel every event travels on; each instance fans events out to its own sockets. */
export const LIVE_EVENTS_CHANNEL = 'rolegraph.live-events';

/** Events kept for the other instances while Redis is away; past this, they are dropped and the others told to refetch. */
export const MAX_QUEUED_EVENTS = 10_000;

/** What travels on the channel: an event, or word that some of the sender's events were lost. */
type ChannelMessage = { readonly origin: string; readonly event: LiveEvent } | { readonly origin: string; readonly eventsMissed: true };

export interface RedisEventBusOptions {
  /** How many events wait for Redis at most (default MAX_QUEUED_EVENTS). */
  readonly maxQueuedEvents?: number;
}

export interface RedisEventBus extends LiveEventBus {
  /** Settles once Redis answered (subscribed) or failed to answer for the first time. */
  readonly firstAttempt: Promise<void>;
  status(): Extract<LiveEventBusStatus, { kind: 'redis' }>;
}

const CONNECTION: RedisOptions = {
  // The bus queues for Redis itself (bounded) and decides what a lost command means.
  enableOfflineQueue: false,
  // A publish in flight when the connection drops fails at once instead of waiting for the next connection.
  maxRetriesPerRequest: 0,
  // The bus subscribes again itself, so it knows when it listens again (and that it may have missed events).
  autoResubscribe: false,
  connectTimeout: 3_000,
  keepAlive: 30_000,
  retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000),
};

/**
 * Live events across instances over Redis pub/sub (ioredis). An event goes
 * to this instance's listeners at once and to Redis tagged with this
 * instance's id, so it is not delivered twice here when it comes back. While
 * Redis is away the server keeps working: events for the other instances wait
 * in a bounded queue and go out when Redis returns; if some could not be
 * forwarded, the other instances are told their sockets may have missed
 * events, and this instance says the same to its own listeners whenever its
 * subscription starts again.
 */
class RedisPubSubEventBus implements RedisEventBus {
  readonly kind = 'redis';
  readonly firstAttempt: Promise<void>;
  private readonly origin = randomUUID();
  private readonly listeners: LocalListeners;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly maxQueued: number;
  /** Serialized messages waiting for the publisher connection, oldest first. */
  private readonly queue: string[] = [];
  /** Some of this instance's events may not have reached the other instances: say so once Redis is back. */
  private undelivered = false;
  private subscribed = false;
  /** An outage is logged once when it starts and once when it ends. */
  private outage = false;
  private closing = false;

  constructor(
    url: string,
    private readonly logger: Logger,
    options: RedisEventBusOptions,
  ) {
    this.listeners = new LocalListeners(logger);
    this.maxQueued = options.maxQueuedEvents ?? MAX_QUEUED_EVENTS;
    this.publisher = new Redis(url, { ...CONNECTION, connectionName: 'rolegraph-publisher' });
    this.subscriber = new Redis(url, { ...CONNECTION, connectionName: 'rolegraph-subscriber' });
    let settleFirstAttempt: () => void = () => undefined;
    this.firstAttempt = new Promise((resolve) => {
      settleFirstAttempt = resolve;
    });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => {
        this.down(error);
        settleFirstAttempt();
      });
      client.on('close', () => {
        if (client === this.subscriber) this.subscribed = false;
        this.down(null);
        settleFirstAttempt();
      });
    }
    this.publisher.on('ready', () => this.flush());
    this.subscriber.on('ready', () => {
      this.subscriber.subscribe(LIVE_EVENTS_CHANNEL).then(
        () => {
          this.subscribed = true;
          settleFirstAttempt();
          this.up();
          // Whatever other instances published while this one was not subscribed never reached it.
          this.listeners.eventsMissed();
        },
        (error: unknown) => this.logger.debug({ err: error }, 'subscribing to live events failed; retrying with the connection'),
      );
    });
    this.subscriber.on('message', (_channel: string, message: string) => this.receive(message));
  }

  publish(event: LiveEvent): void {
    this.listeners.deliver(event);
    this.forward(JSON.stringify({ origin: this.origin, event } satisfies ChannelMessage));
  }

  subscribe(listener: LiveEventListener): () => void {
    return this.listeners.add(listener);
  }

  status(): Extract<LiveEventBusStatus, { kind: 'redis' }> {
    return { kind: 'redis', redis: this.publisher.status === 'ready' && this.subscribed ? 'up' : 'down', queuedEvents: this.queue.length };
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.queue.length > 0 || this.undelivered) {
      this.logger.warn({ queuedEvents: this.queue.length }, 'stopping with live events other instances never received');
    }
    await Promise.all([this.publisher, this.subscriber].map(quit));
  }

  private forward(message: string): void {
    if (this.publisher.status === 'ready' && this.queue.length === 0) {
      this.send(message);
    } else if (this.queue.length < this.maxQueued) {
      this.queue.push(message);
    } else if (!this.undelivered) {
      this.undelivered = true;
      this.logger.warn({ queuedEvents: this.queue.length }, 'live event queue full: further events stay on this instance; the others will be told to refetch');
    }
  }

  /** Sends what waited, then — if something was lost — word to the others that their sockets should refetch. */
  private flush(): void {
    while (this.queue.length > 0 && this.publisher.status === 'ready') this.send(this.queue.shift()!);
    if (this.undelivered && this.publisher.status === 'ready') {
      this.undelivered = false;
      this.send(JSON.stringify({ origin: this.origin, eventsMissed: true } satisfies ChannelMessage));
    }
    this.up();
  }

  private send(message: string): void {
    this.publisher.publish(LIVE_EVENTS_CHANNEL, message).catch((error: unknown) => {
      // It may or may not have reached Redis: not sent again (no duplicates), but the others will be told.
      this.undelivered = true;
      this.logger.debug({ err: error }, 'a live event may not have reached Redis');
    });
  }

  private receive(raw: string): void {
    const message = parseMessage(raw);
    if (!message) {
      this.logger.warn('ignored a malformed message on the live events channel');
      return;
    }
    if (message.origin === this.origin) return; // delivered here when it was published
    if ('eventsMissed' in message) this.listeners.eventsMissed();
    else this.listeners.deliver(message.event);
  }

  private down(error: Error | null): void {
    if (this.closing) return;
    if (this.outage) {
      if (error) this.logger.debug({ err: error }, 'Redis still unreachable');
      return;
    }
    this.outage = true;
    this.logger.error(
      { err: error ?? undefined },
      'Redis is unreachable: live events reach only this instance’s sockets until it returns (events for the other instances are queued)',
    );
  }

  private up(): void {
    if (!this.outage || this.publisher.status !== 'ready' || !this.subscribed) return;
    this.outage = false;
    this.logger.info('Redis is reachable again: live events travel between instances');
  }
}

function parseMessage(raw: string): ChannelMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Record<string, unknown>;
  if (typeof message.origin !== 'string') return null;
  if (message.eventsMissed === true) return { origin: message.origin, eventsMissed: true };
  const event = message.event as Record<string, unknown> | null | undefined;
  if (typeof event !== 'object' || event === null || typeof event.type !== 'string') return null;
  return { origin: message.origin, event: event as unknown as LiveEvent };
}

async function quit(client: Redis): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/** Connects to Redis in the background: the bus works (for this instance) before and without it. */
export function createRedisEventBus(url: string, logger: Logger, options: RedisEventBusOptions = {}): RedisEventBus {
  return new RedisPubSubEventBus(url, logger, options);
}
