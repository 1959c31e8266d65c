import { startServerProcess as startBuiltServer, type ServerProcess } from '@rolegraph/test-support';
import { TEST_SECRET_KEY } from './testSecretKey';

export { freePort, type ServerProcess } from '@rolegraph/test-support';

/**
 * Rolegraph as its own OS process (the built server, `pnpm build` first),
 * for tests of several instances sharing one PostgreSQL and one Redis, and of
 * the server as `pnpm start` runs it (idle, restart). Per-address limits are
 * lifted as for in-process test servers (testServerEnv).
 */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return startBuiltServer({
    env: { SIGN_UP_MAX_PER_ADDRESS: '1000000', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '1000000', ROLEGRAPH_SECRET_KEY: TEST_SECRET_KEY, ...env },
    startTimeoutMs: 30_000,
  });
}
