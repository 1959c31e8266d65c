import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';

export interface LiveSubscription<T> {
  /** Every `next` payload received so far. */
  readonly received: T[];
  /** Errors the subscription ended with. */
  readonly errors: unknown[];
  /** Resolves with the first payload matching, or rejects after the timeout. */
  next(predicate?: (value: T) => boolean, timeoutMs?: number): Promise<T>;
  dispose(): void;
}

export interface LiveClient {
  readonly client: Client;
  /** The close code of the socket once closed by the server, else null. */
  closeCode(): number | null;
  waitForClose(timeoutMs?: number): Promise<number>;
  /** Resolves once the server acknowledged the connection. */
  connected(): Promise<void>;
  subscribe<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): LiveSubscription<T>;
  dispose(): Promise<void>;
}

/** A real graphql-ws client authenticated with a bearer token, that does not retry or reconnect. */
export function liveClient(httpUrl: string, token: string): LiveClient {
  let code: number | null = null;
  let closeWaiters: ((code: number) => void)[] = [];
  let ack: () => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  const acked = new Promise<void>((resolve, reject) => {
    ack = resolve;
    fail = reject;
  });
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    // Tests assert close codes themselves (closeCode, waitForClose); the default handler would log each one.
    onNonLazyError: () => undefined,
    retryAttempts: 0,
    shouldRetry: () => false,
    on: {
      connected: () => ack(),
      closed: (event) => {
        code = (event as { code: number }).code;
        fail(new Error(`socket closed with ${code}`));
        for (const w of closeWaiters) w(code);
        closeWaiters = [];
      },
    },
  });
  return {
    client,
    closeCode: () => code,
    connected: () => acked,
    waitForClose(timeoutMs = 5000) {
      if (code !== null) return Promise.resolve(code);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
        closeWaiters.push((c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
    },
    subscribe<T>(query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
      const received: T[] = [];
      const errors: unknown[] = [];
      let waiters: { predicate: (v: T) => boolean; resolve: (v: T) => void }[] = [];
      const dispose = client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            if (result.errors) errors.push(...result.errors);
            const data = result.data as Record<string, T> | null | undefined;
            if (!data) return;
            const value = Object.values(data)[0] as T;
            received.push(value);
            waiters = waiters.filter((w) => {
              if (!w.predicate(value)) return true;
              w.resolve(value);
              return false;
            });
          },
          error: (error) => errors.push(error),
          complete: () => undefined,
        },
      );
      return {
        received,
        errors,
        next(predicate: (value: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
          const already = received.find(predicate);
          if (already !== undefined) return Promise.resolve(already);
          return new Promise<T>((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`no matching event within ${timeoutMs} ms; received ${JSON.stringify(received)} errors ${JSON.stringify(errors)}`)),
              timeoutMs,
            );
            waiters.push({
              predicate,
              resolve: (v) => {
                clearTimeout(timer);
                resolve(v);
              },
            });
          });
        },
        dispose,
      };
    },
    async dispose() {
      await client.dispose();
    },
  };
}

/** Gives in-flight events a moment to arrive, for asserting that nothing did. */
export function settle(ms = 400): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
