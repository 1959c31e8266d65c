import fs from 'node:fs';
import path from 'node:path';
import { BUILT_SERVER, BUILT_WEB_APP, ok, startServerProcess, type GraphQLEndpoint } from '@rolegraph/test-support';

export interface RolegraphServer {
  readonly url: string;
  /** The API as a client (Bearer token) sees it, for arranging what a test starts from (test-support's factories take it). */
  readonly api: GraphQLEndpoint;
  /** A GraphQL call that must succeed; its data. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * The product as `pnpm start` runs it — the built server serving the built
 * web app on one port — with the embedded database kept in memory, so each
 * test file starts from an empty Rolegraph.
 */
export async function startRolegraph(extraEnv: Record<string, string> = {}): Promise<RolegraphServer> {
  for (const required of [BUILT_SERVER, path.join(BUILT_WEB_APP, 'index.html')]) {
    if (!fs.existsSync(required)) throw new Error(`${required} is missing: run \`pnpm build\` before the browser tests`);
  }
  const server = await startServerProcess({
    env: (url) => ({
      NODE_ENV: 'production',
      PUBLIC_URL: url,
      DATABASE_URL: '',
      REDIS_URL: '',
      ROLEGRAPH_DATA_DIR: 'memory://',
      WEB_DIST_DIR: BUILT_WEB_APP,
      ...extraEnv,
    }),
  });
  return {
    url: server.url,
    api: server,
    async gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
      return ok(await server.gql<T>(query, variables, token));
    },
    async stop() {
      await server.stop();
    },
  };
}
