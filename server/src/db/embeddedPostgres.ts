import fs from 'node:fs';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { EmbeddedDatabaseWorker } from './embeddedWorker';
import { EmbeddedConnections } from './embeddedConnections';

/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) in a
 * worker thread. The server talks to it with the same `pg` driver and
 * TypeORM code it uses for a PostgreSQL server, over an in-process channel
 * (embeddedConnections.ts): there is no port or socket another process could
 * open. The data folder is the server's alone too: owner-only permissions
 * and one process at a time.
 */
export interface EmbeddedPostgres {
  /** The data folder, or `memory://…` for a throw-away database. */
  readonly dataDir: string;
  /** A new connection for the `pg` driver (its `stream` option). */
  connect(): Duplex;
  stop(): Promise<void>;
}

export function isInMemory(dataDir: string): boolean {
  return dataDir.startsWith('memory://');
}

/**
 * One process at a time per data folder: PGlite is not a server, and two
 * processes writing one folder would corrupt it. The lock is a file beside
 * the folder holding the owner's pid; a stale lock (dead pid) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  if (isInMemory(dataDir)) return () => undefined;
  const lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
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

/** The data folder (database files and the secret key) readable and writable by the server's user only. */
function makePrivateFolder(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
}

/**
 * Starts PGlite on `dataDir` (a folder, created if missing, or `memory://` for a throw-away database).
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const unlock = lockDataDir(dataDir);
  try {
    if (!isInMemory(dataDir)) makePrivateFolder(dataDir);
    const worker = await EmbeddedDatabaseWorker.start(dataDir);
    const connections = new EmbeddedConnections(worker);
    let stopping: Promise<void> | undefined;
    return {
      dataDir,
      connect: () => connections.open(),
      stop() {
        stopping ??= (async () => {
          connections.closeAll();
          await worker.stop();
          unlock();
        })();
        return stopping;
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
