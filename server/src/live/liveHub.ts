import { LIVE_CLOSE_CODES } from '@rolegraph/shared';
import type { Logger } from 'pino';
import type { AccessGraph } from '../access/accessGraph';
import type { AccessGraphSource } from '../access/requestAccess';
import type { LiveEventBus } from './eventBus';
import type { LiveEvent } from './liveEvents';

/**
 * One event on its way to this instance's subscribers, with the
 * organization's access graph at a revision read when the event arrived —
 * so never older than the change that caused it. Read once per event and
 * shared by every subscriber it is checked for.
 */
export interface Delivery {
  readonly event: LiveEvent & { organizationId: string };
  /** The graph to re-authorize against. */
  readonly graph: AccessGraph;
  /** The revision `graph` is at (or past). */
  readonly revision: string;
  /** Computes `load()` once per event for all subscribers, e.g. the row a payload shows. */
  shared<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export type DeliveryListener = (delivery: Delivery) => void;

/** Where sockets register to be closed when their credential or membership ends. */
export interface SocketCloser {
  close(code: number, reason: string): void;
}

export interface SocketOwner {
  readonly sessionId: string | null;
  readonly apiKeyId: string | null;
  readonly organizationId: string;
  readonly accountId: string | null;
}

/** Close codes sent to graphql-ws clients (see docs/live-events.md). */
export const CLOSE_CODES = LIVE_CLOSE_CODES;

/**
 * This instance's end of the live event bus: one bus subscription, fanned
 * out to local subscribers by organization; and the registry of open sockets
 * that must close when a session ends or a membership or key is revoked.
 */
export class LiveHub {
  private readonly listeners = new Map<string, Set<DeliveryListener>>();
  /** Per organization, the events being prepared, so they reach listeners in the order they arrived. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly sockets = new Set<{ owner: SocketOwner; socket: SocketCloser }>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly bus: LiveEventBus,
    private readonly accessGraphs: AccessGraphSource,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.unsubscribe = this.bus.subscribe({
      event: (event) => this.receive(event),
      eventsMissed: () => this.closeEverySocket(),
    });
  }

  /**
   * Stops taking events and waits, up to `drainMs`, for those being delivered:
   * they read the database, which closes next (and would log each as failed).
   */
  async stop(drainMs = 5_000): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.queues.values()), new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)))]);
    clearTimeout(timer);
  }

  /** Registers a listener for an organization's events; returns its removal. */
  listen(organizationId: string, listener: DeliveryListener): () => void {
    let set = this.listeners.get(organizationId);
    if (!set) {
      set = new Set();
      this.listeners.set(organizationId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(organizationId);
    };
  }

  /** Registers an open socket; returns its removal. */
  registerSocket(owner: SocketOwner, socket: SocketCloser): () => void {
    const entry = { owner, socket };
    this.sockets.add(entry);
    return () => this.sockets.delete(entry);
  }

  /** How many sockets and listeners this instance holds (for tests and health). */
  stats(): { sockets: number; listeners: number } {
    let listeners = 0;
    for (const set of this.listeners.values()) listeners += set.size;
    return { sockets: this.sockets.size, listeners };
  }

  private receive(event: LiveEvent): void {
    if (event.type === 'sessionEnded') {
      this.closeSockets((o) => o.sessionId === event.sessionId, CLOSE_CODES.SESSION_ENDED, 'Session ended');
      return;
    }
    if (event.type === 'apiKeyRevoked') {
      this.closeSockets((o) => o.apiKeyId === event.apiKeyId, CLOSE_CODES.ACCESS_ENDED, 'API key revoked');
      return;
    }
    if (event.type === 'organizationDeleted') {
      this.closeSockets((o) => o.organizationId === event.organizationId, CLOSE_CODES.ACCESS_ENDED, 'Organization deleted');
      return;
    }
    if (event.type === 'membershipEnded') {
      this.closeSockets((o) => o.organizationId === event.organizationId && o.accountId === event.accountId, CLOSE_CODES.ACCESS_ENDED, 'Membership ended');
    }
    const organizationId = event.organizationId;
    if (!this.listeners.get(organizationId)?.size) return;
    const previous = this.queues.get(organizationId) ?? Promise.resolve();
    const next: Promise<void> = previous
      .then(() => this.dispatch(event))
      .catch((error: unknown) => this.logger.error({ err: error, eventType: event.type }, 'delivering a live event failed'))
      .finally(() => {
        if (this.queues.get(organizationId) === next) this.queues.delete(organizationId);
      });
    this.queues.set(organizationId, next);
  }

  /** Reads the current revision and graph once, then hands the event to every listener of its organization. */
  private async dispatch(event: LiveEvent & { organizationId: string }): Promise<void> {
    const revision = await this.accessGraphs.currentRevision(event.organizationId);
    const graph = await this.accessGraphs.graphAt(event.organizationId, revision);
    const loads = new Map<string, Promise<unknown>>();
    const delivery: Delivery = {
      event,
      graph,
      revision,
      shared<T>(key: string, load: () => Promise<T>): Promise<T> {
        let value = loads.get(key) as Promise<T> | undefined;
        if (!value) {
          value = load();
          loads.set(key, value);
        }
        return value;
      },
    };
    for (const listener of [...(this.listeners.get(event.organizationId) ?? [])]) {
      try {
        listener(delivery);
      } catch (error) {
        this.logger.error({ err: error, eventType: event.type }, 'a live listener failed');
      }
    }
  }

  /** Every socket here may have missed events: each client reconnects and refetches what it shows. */
  private closeEverySocket(): void {
    if (this.sockets.size === 0) return;
    this.logger.info({ sockets: this.sockets.size }, 'live events may have been missed: closing sockets so their clients refetch');
    this.closeSockets(() => true, CLOSE_CODES.EVENTS_MISSED, 'Events may have been missed: reconnect and refetch');
  }

  private closeSockets(matches: (owner: SocketOwner) => boolean, code: number, reason: string): void {
    for (const entry of [...this.sockets]) {
      if (!matches(entry.owner)) continue;
      this.sockets.delete(entry);
      try {
        entry.socket.close(code, reason);
      } catch (error) {
        this.logger.warn({ err: error }, 'closing a socket failed');
      }
    }
  }
}
