import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) in a
 * worker thread, served over the PostgreSQL wire protocol on a loopback port
 * by pglite-socket. The server then talks to it with the same `pg` driver and
 * TypeORM code it uses for a PostgreSQL server, and the database work runs on
 * its own thread.
 *
 * PGlite is a single backend: the data source connects with a pool of one
 * connection, so transactions never interleave (see dataSource.ts).
 */
export interface EmbeddedPostgres {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Worker source: CommonJS evaluated in the worker; module paths come from the parent so resolution does not depend on the working directory. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pgliteModule);
const { PGLiteSocketServer } = require(workerData.socketModule);
(async () => {
  const db = await PGlite.create(workerData.dataDir);
  // Several sockets may be open while a broken one is being replaced; the
  // pool above uses one at a time.
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 8 });
  await server.start();
  parentPort.on('message', async (message) => {
    if (message !== 'stop') return;
    await server.stop();
    await db.close();
    parentPort.postMessage({ stopped: true });
  });
  const [host, port] = server.getServerConn().split(':');
  parentPort.postMessage({ host, port: Number(port) });
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

interface ReadyMessage {
  host?: string;
  port?: number;
  error?: string;
  stopped?: boolean;
}

/**
 * One process at a time per data folder: PGlite is not a server, and two
 * processes writing one folder would corrupt it. The lock is a file beside
 * the folder holding the owner's pid; a stale lock (dead pid) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  if (dataDir.startsWith('memory://')) return () => undefined;
  const lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockFile, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(`The embedded database in ${dataDir} is in use by process ${owner} (a running Rolegraph?). Stop it first, or set DATABASE_URL.`);
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts PGlite on `dataDir` (a folder, created if missing, or `memory://` for a throw-away database).
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const unlock = lockDataDir(dataDir);
  try {
    return await startWorker(dataDir, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

async function startWorker(dataDir: string, unlock: () => void): Promise<EmbeddedPostgres> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      dataDir,
      pgliteModule: require.resolve('@electric-sql/pglite'),
      socketModule: require.resolve('@electric-sql/pglite-socket'),
    },
  });
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`Embedded database exited during start (code ${code})`)));
  });
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  if (ready.error || !ready.host || !ready.port) {
    await worker.terminate();
    throw new Error(`Embedded database failed to start: ${ready.error ?? 'no address'}`);
  }
  worker.unref();
  let stopping: Promise<void> | undefined;
  return {
    host: ready.host,
    port: ready.port,
    stop() {
      stopping ??= (async () => {
        const stopped = new Promise<void>((resolve) => {
          worker.once('message', () => resolve());
          worker.once('exit', () => resolve());
        });
        worker.postMessage('stop');
        await Promise.race([stopped, new Promise((r) => setTimeout(r, 5000).unref())]);
        await worker.terminate();
        unlock();
      })();
      return stopping;
    },
  };
}
