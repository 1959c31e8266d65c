import type { Logger } from 'pino';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/app/startServer';
import { TEST_SECRET_KEY } from './testSecretKey';
import { postGraphQL, type GraphQLEndpoint } from '@rolegraph/test-support';

export { ok, errorCode, type GraphQLResult } from '@rolegraph/test-support';

export interface TestServer extends GraphQLEndpoint {
  readonly server: RunningServer;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The settings of a test server: a free port, no web app, the test database
 * (PostgreSQL with DATABASE_URL, else an in-memory embedded one), no Redis.
 * Every test signs up and signs in from 127.0.0.1, and with PostgreSQL the
 * limits' counts are shared by every test file: the per-address limits are
 * lifted here and have their own tests (signInLimits.test.ts), which set them.
 */
export function testServerEnv(): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WEB_DIST_DIR: '/nonexistent',
    PUBLIC_URL: 'http://rolegraph.test',
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    ROLEGRAPH_SECRET_KEY: TEST_SECRET_KEY,
    REDIS_URL: '',
    SIGN_UP_MAX_PER_ADDRESS: '1000000',
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: '1000000',
    // Tests start many servers on one shared database: none loads other tests' organizations at start (snapshotWarmup.test.ts turns it on).
    WARM_ORGANIZATIONS: '0',
  };
}

/**
 * A real Rolegraph server for integration tests, on a free port: PostgreSQL
 * when DATABASE_URL is set (the schema is prepared once by globalSetup),
 * otherwise a fresh in-memory embedded database.
 */
export async function startTestServer(env: Record<string, string> = {}, options: { logger?: Logger } = {}): Promise<TestServer> {
  const config = loadConfig({ ...testServerEnv(), ...env });
  const server = await startServer(config, { embeddedDataDir: 'memory://', logger: options.logger });
  const url = `${server.url}/graphql`;
  return {
    server,
    url: server.url,
    gql: (query, variables, token, headers) => postGraphQL(url, query, variables, token, headers),
    close: () => server.close(),
  };
}
