import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './freePort';
import { postGraphQL, type GraphQLEndpoint } from './graphqlClient';

/** The repository's root: the built server is server/dist/main.js, the built web app web/dist. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
export const BUILT_SERVER = path.join(REPOSITORY_ROOT, 'server', 'dist', 'main.js');
export const BUILT_WEB_APP = path.join(REPOSITORY_ROOT, 'web', 'dist');

export interface ServerProcess extends GraphQLEndpoint {
  readonly url: string;
  readonly pid: number;
  /** Sends SIGTERM; resolves with the exit code once the process has ended (null if a signal ended it). */
  stop(): Promise<number | null>;
}

export interface ServerProcessOptions {
  /** Settings on top of the test defaults (a free port on 127.0.0.1, warnings-only logs, no web app); a function gets the server's URL. */
  readonly env?: Record<string, string> | ((url: string) => Record<string, string>);
  /** Node.js flags for the server process. */
  readonly nodeArgs?: readonly string[];
  /** How long to wait for /readyz. */
  readonly startTimeoutMs?: number;
}

/**
 * Rolegraph as its own OS process — the built server (`pnpm build` first), as
 * `pnpm start` runs it — ready once /readyz answers (the database answers;
 * Redis may still be away).
 */
export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  if (!fs.existsSync(BUILT_SERVER)) throw new Error(`${BUILT_SERVER} is missing: run \`pnpm build\` first`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), BUILT_SERVER], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: '/nonexistent',
      ...(typeof options.env === 'function' ? options.env(url) : options.env),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const timeout = options.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeout;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server process exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server process did not start within ${timeout / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    gql: (query, variables, token, headers) => postGraphQL(`${url}/graphql`, query, variables, token, headers),
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      });
    },
  };
}
