import type { Logger } from 'pino';
import type { LiveEvent } from './liveEvents';

/** What the event bus hands to this instance's live hub. */
export interface LiveEventListener {
  /** An event published by this instance or, through Redis, by another one. */
  event(event: LiveEvent): void;
  /**
   * This instance's sockets may have missed events: its Redis subscription
   * was down for a while, or another instance could not forward everything
   * it published. Whoever shows live data should refetch it.
   */
  eventsMissed(): void;
}

/** This instance's bus listeners; a listener that throws is logged and does not stop the others. */
export class LocalListeners {
  private readonly listeners = new Set<LiveEventListener>();

  constructor(private readonly logger: Logger) {}

  add(listener: LiveEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  deliver(event: LiveEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener.event(event);
      } catch (error) {
        this.logger.error({ err: error, eventType: event.type }, 'a live event listener failed');
      }
    }
  }

  eventsMissed(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener.eventsMissed();
      } catch (error) {
        this.logger.error({ err: error }, 'a live event listener failed');
      }
    }
  }
}
