import { createClient, type Client } from 'graphql-ws';
import { LIVE_CLOSE_CODES } from '@rolegraph/shared';

/** Close codes the server sends (docs/live-events.md). */
export const { SESSION_ENDED, ACCESS_ENDED, EVENTS_MISSED } = LIVE_CLOSE_CODES;

export interface LiveSocketOptions {
  readonly url: string;
  /** The session or the access ended (4401, 4403): the socket does not reconnect. */
  onAccessEnded(code: number): void;
  /**
   * The socket is back after a close or a drop — 4410, a restart, a network
   * blip: events may have been missed meanwhile, so what is shown should be refetched.
   */
  onReconnected(): void;
}

/**
 * Milliseconds before reconnection attempt `retries` (0-based): 1 s doubling
 * to at most 30 s, plus up to 3 s of jitter, so the thousands of clients an
 * instance closes at once (4410, a restart) do not all come back at once.
 */
export function reconnectDelay(retries: number, random: () => number = Math.random): number {
  return Math.min(1000 * 2 ** retries, 30_000) + Math.floor(random() * 3000);
}

/**
 * The web app's graphql-ws client: connects when a subscription needs it,
 * reconnects for ever — except when the server ended the session or the
 * access — and says so when it is back.
 */
export function createLiveSocket(options: LiveSocketOptions): Client {
  return createClient({
    url: options.url,
    lazy: true,
    retryAttempts: Infinity,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, reconnectDelay(retries))),
    shouldRetry: (event) => {
      const code = (event as { code?: number } | undefined)?.code;
      return code !== SESSION_ENDED && code !== ACCESS_ENDED;
    },
    on: {
      closed: (event) => {
        const code = (event as { code?: number } | undefined)?.code;
        if (code === SESSION_ENDED || code === ACCESS_ENDED) options.onAccessEnded(code);
      },
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry) options.onReconnected();
      },
    },
  });
}
