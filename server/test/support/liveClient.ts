import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { GraphQLResult } from '@rolegraph/test-support';

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

/**
 * A real graphql-ws client authenticated with a bearer token, that does not
 * retry or reconnect. `headers` go on the upgrade request (a proxy's
 * X-Forwarded-For, say).
 */
export function liveClient(httpUrl: string, token: string, options: { headers?: Record<string, string> } = {}): LiveClient {
  let code: number | null = null;
  let closeWaiters: ((code: number) => void)[] = [];
  let ack: () => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  const acked = new Promise<void>((resolve, reject) => {
    ack = resolve;
    fail = reject;
  });
  const headers = options.headers ?? {};
  class SocketWithHeaders extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: SocketWithHeaders,
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

/** Runs one operation over the socket; resolves with what came back (data, errors) or how the socket closed. */
export function runOverSocket(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult & { closeCode?: number }> {
  return new Promise((resolve) => {
    let result: GraphQLResult & { closeCode?: number } = {};
    client.subscribe(
      { query, variables },
      {
        next: (value) => {
          result = value as GraphQLResult;
        },
        error: (error) => {
          if (Array.isArray(error)) resolve({ errors: error as GraphQLResult['errors'] });
          else resolve({ closeCode: (error as { code?: number }).code ?? -1 });
        },
        complete: () => resolve(result),
      },
    );
  });
}

/** Gives in-flight events a moment to arrive, for asserting that nothing did. */
export function settle(ms = 400): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
