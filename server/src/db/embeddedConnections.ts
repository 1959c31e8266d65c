import { Duplex } from 'node:stream';
import { FrontendMessageReader } from './frontendMessages';
import type { EmbeddedDatabaseWorker } from './embeddedWorker';

/**
 * Connections of the `pg` driver to the embedded database, carried over the
 * worker's in-process channel instead of a socket: `pg` accepts any duplex
 * stream as its connection (its `stream` option), so the server keeps using
 * the same driver and TypeORM code as with a PostgreSQL server, and nothing
 * outside the process can connect.
 *
 * PGlite has a single backend session. A PostgreSQL server gives every new
 * connection a fresh session; here every connection shares the one, so
 * session state — named prepared statements, an open transaction of a
 * connection that died half-way, SET values — would outlive its connection
 * and break the next one (the pool closes idle connections after a few
 * seconds and opens new ones). Hence the rule: one connection at a time. A
 * connection that starts (sends its startup packet) replaces the previous
 * one, if any, and the session is reset first, so each connection begins
 * exactly as on a new PostgreSQL backend. The pool holds one connection, so
 * the one replaced is always one the pool has already let go.
 */
export class EmbeddedConnections {
  private current: EmbeddedConnection | undefined;

  constructor(private readonly worker: EmbeddedDatabaseWorker) {}

  /** A new, unconnected stream for `pg` (the `stream` option of its Client). */
  open(): Duplex {
    return new EmbeddedConnection(this);
  }

  /** Ends the current connection, if any (at shutdown, usually one the pool is already closing). */
  closeAll(): void {
    this.current?.destroy();
    this.current = undefined;
  }

  /** @internal A connection sent its startup packet: it becomes the session's only user, on a reset session. */
  begin(connection: EmbeddedConnection): void {
    const previous = this.current;
    this.current = connection;
    if (previous && !previous.destroyed) previous.destroy(new Error('Replaced by a newer connection to the embedded database'));
    this.worker.reset().catch((error: Error) => connection.destroy(error));
  }

  /** @internal Runs whole messages of `connection`; what the backend answers goes back to it while it is current. */
  run(connection: EmbeddedConnection, messages: readonly Buffer[]): void {
    if (this.current !== connection) {
      connection.destroy(new Error('This connection to the embedded database was replaced'));
      return;
    }
    const lengths = messages.map((m) => m.length);
    const batch = new Uint8Array(lengths.reduce((sum, n) => sum + n, 0));
    let offset = 0;
    for (const message of messages) {
      batch.set(message, offset);
      offset += message.length;
    }
    this.worker
      .run(batch, lengths, (answer) => {
        if (this.current === connection && !connection.destroyed) connection.deliver(answer);
      })
      .catch((error: Error) => connection.destroy(error));
  }

  /** @internal */
  end(connection: EmbeddedConnection): void {
    if (this.current === connection) this.current = undefined;
  }
}

/** One `pg` connection: a duplex stream whose bytes go to and come from the PGlite worker. */
class EmbeddedConnection extends Duplex {
  private readonly reader = new FrontendMessageReader();
  private batch: Buffer[] = [];
  private flushQueued = false;

  constructor(private readonly owner: EmbeddedConnections) {
    super({ allowHalfOpen: false });
  }

  // The parts of net.Socket that pg calls.
  connect(): this {
    process.nextTick(() => {
      if (!this.destroyed) this.emit('connect');
    });
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  deliver(answer: Uint8Array): void {
    if (answer.length) this.push(Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength));
  }

  override _read(): void {
    // Answers are pushed as they arrive.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    try {
      for (const message of this.reader.read(chunk)) {
        if (message.kind === 'encryptionRequest') {
          this.push(Buffer.from('N'));
        } else if (message.kind === 'startup') {
          this.owner.begin(this);
          this.queue(message.bytes);
        } else if (message.kind === 'message' && message.type !== 'X') {
          this.queue(message.bytes);
        }
        // A cancel request has nothing to cancel (PGlite runs one statement
        // at a time, to its end); Terminate ('X') is followed by the end of
        // the stream, handled in _final.
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.owner.end(this);
    this.push(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.owner.end(this);
    callback(error);
  }

  /** Messages written in one turn of the event loop (pg writes parse, bind, execute and sync together) go as one batch. */
  private queue(bytes: Buffer): void {
    this.batch.push(bytes);
    if (this.flushQueued) return;
    this.flushQueued = true;
    process.nextTick(() => {
      this.flushQueued = false;
      const messages = this.batch;
      this.batch = [];
      if (!this.destroyed && messages.length) this.owner.run(this, messages);
    });
  }
}
