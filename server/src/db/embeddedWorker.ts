import { Worker } from 'node:worker_threads';

/**
 * PostgreSQL's page cache inside PGlite's WebAssembly memory (PostgreSQL's
 * default is 128MB). Pages read once stay resident for the life of the
 * process, since WebAssembly memory is never given back; the operating system
 * caches the database files beneath it anyway. 32MB kept the embedded
 * server's memory ~120 MB lower with the reference organization loaded, at
 * the same throughput (`pnpm bench`); 16MB ~18 MB lower again (the resident
 * part of PGlite's memory at ready: 52.7 MB at 32MB, 34.7 MB at 16MB), with
 * renaming an assistant (a commit and its change log) as fast: p50 13-14 ms
 * either way.
 */
const SHARED_BUFFERS = '16MB';

/**
 * The thread that owns PGlite. It answers three requests, one at a time and
 * in the order they were sent: run a batch of wire-protocol messages, reset
 * the session, stop. It opens no port and no file other than the database
 * folder: the server reaches it only through this in-process message channel.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pgliteModule);
const SYNC = new Uint8Array([83, 0, 0, 0, 4]);
// Answers are sent in parts of about this size, so a large result never sits whole in this thread.
const PART_BYTES = 1024 * 1024;
(async () => {
  const db = await PGlite.create(workerData.dataDir, { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=' + workerData.sharedBuffers] });
  async function run(id, batch, lengths) {
    let chunks = [];
    let size = 0;
    const take = () => {
      const output = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) { output.set(chunk, at); at += chunk.length; }
      chunks = [];
      size = 0;
      return output;
    };
    let offset = 0;
    for (let i = 0; i < lengths.length; i++) {
      const message = batch.subarray(offset, offset + lengths[i]);
      offset += lengths[i];
      await db.execProtocolRawStream(message, {
        syncToFs: i === lengths.length - 1,
        onRawData: (data) => {
          chunks.push(data.slice());
          size += data.length;
          if (size >= PART_BYTES) {
            const part = take();
            parentPort.postMessage({ id, part }, [part.buffer]);
          }
        },
      });
    }
    return take();
  }
  // What a new PostgreSQL backend would start with: no half-finished
  // extended query, no open transaction, no prepared statements, portals,
  // SET values, temporary tables, listeners or advisory locks.
  async function reset() {
    await db.execProtocolRaw(SYNC);
    if (db.isInTransaction()) await db.exec('ROLLBACK');
    await db.exec('DISCARD ALL');
  }
  let queue = Promise.resolve();
  parentPort.on('message', (request) => {
    queue = queue.then(async () => {
      try {
        if (request.op === 'run') {
          const data = await run(request.id, request.batch, request.lengths);
          parentPort.postMessage({ id: request.id, data }, [data.buffer]);
        } else if (request.op === 'reset') {
          await reset();
          parentPort.postMessage({ id: request.id });
        } else if (request.op === 'stop') {
          await db.close();
          parentPort.postMessage({ id: request.id });
        }
      } catch (error) {
        parentPort.postMessage({ id: request.id, error: String((error && error.stack) || error) });
      }
    });
  });
  parentPort.postMessage({ ready: true });
})().catch((error) => parentPort.postMessage({ ready: false, error: String((error && error.stack) || error) }));
`;

type WorkerRequest = { op: 'run'; batch: Uint8Array; lengths: number[] } | { op: 'reset' } | { op: 'stop' };

interface WorkerReply {
  id?: number;
  ready?: boolean;
  /** The answer, or its last part. */
  data?: Uint8Array;
  /** A part of a large answer; more follows. */
  part?: Uint8Array;
  error?: string;
}

interface Waiter {
  resolve(reply: WorkerReply): void;
  reject(error: Error): void;
  onPart?(part: Uint8Array): void;
}

export class EmbeddedDatabaseStoppedError extends Error {
  constructor(reason: string) {
    super(`The embedded database is not running: ${reason}`);
  }
}

/** The server's end of the PGlite thread: requests with replies, in order. */
export class EmbeddedDatabaseWorker {
  private nextId = 1;
  private readonly pending = new Map<number, Waiter>();
  private stoppedBecause: string | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(`its thread failed: ${error.message}`));
    worker.on('exit', (code) => this.fail(`its thread exited (code ${code})`));
    // Only requests in flight keep the process alive (see request()).
    worker.unref();
  }

  /** Starts PGlite on `dataDir` (a folder, or `memory://`) in its own thread. */
  static async start(dataDir: string): Promise<EmbeddedDatabaseWorker> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { dataDir, pgliteModule: require.resolve('@electric-sql/pglite'), sharedBuffers: SHARED_BUFFERS },
    });
    let onMessage: (reply: WorkerReply) => void = () => undefined;
    let onError: (error: Error) => void = () => undefined;
    let onExit: (code: number) => void = () => undefined;
    const ready = await new Promise<WorkerReply>((resolve, reject) => {
      onMessage = resolve;
      onError = reject;
      onExit = (code) => reject(new Error(`Embedded database exited during start (code ${code})`));
      worker.once('message', onMessage).once('error', onError).once('exit', onExit);
    });
    // Only these: Worker keeps listeners of its own that must stay.
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    if (!ready.ready) {
      await worker.terminate();
      throw new Error(`Embedded database failed to start: ${ready.error ?? 'no reason given'}`);
    }
    return new EmbeddedDatabaseWorker(worker);
  }

  /**
   * Runs whole frontend messages (concatenated in `batch`). What the backend
   * answers goes to `onAnswer` in order: parts of a large answer as they
   * come, the rest when the messages are done.
   */
  async run(batch: Uint8Array, lengths: number[], onAnswer: (data: Uint8Array) => void): Promise<void> {
    const reply = await this.request({ op: 'run', batch, lengths }, [batch.buffer as ArrayBuffer], onAnswer);
    if (reply.data?.length) onAnswer(reply.data);
  }

  /** Returns the single backend session to the state of a fresh connection. */
  async reset(): Promise<void> {
    await this.request({ op: 'reset' });
  }

  /** Closes PGlite (flushing it to its folder) and ends the thread. */
  async stop(): Promise<void> {
    if (!this.stoppedBecause) {
      try {
        await Promise.race([this.request({ op: 'stop' }), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      } catch {
        // already gone
      }
    }
    this.fail('it was stopped');
    await this.worker.terminate();
  }

  private request(request: WorkerRequest, transfer: ArrayBuffer[] = [], onPart?: (part: Uint8Array) => void): Promise<WorkerReply> {
    if (this.stoppedBecause) return Promise.reject(new EmbeddedDatabaseStoppedError(this.stoppedBecause));
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject, onPart });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  private settle(reply: WorkerReply): void {
    if (reply.id === undefined) return;
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    if (reply.part) {
      waiter.onPart?.(reply.part);
      return;
    }
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.error) waiter.reject(new Error(`Embedded database: ${reply.error}`));
    else waiter.resolve(reply);
  }

  private fail(reason: string): void {
    this.stoppedBecause ??= reason;
    for (const waiter of this.pending.values()) waiter.reject(new EmbeddedDatabaseStoppedError(reason));
    this.pending.clear();
    this.worker.unref();
  }
}
