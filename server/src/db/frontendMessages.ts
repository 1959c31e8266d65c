/**
 * Splits what a PostgreSQL client (the `pg` driver) writes into whole
 * frontend messages of the wire protocol (version 3), so each can be handed
 * to PGlite on its own.
 *
 * A connection starts with a startup packet (length, then a code: protocol
 * 3.0, or an SSL / GSS encryption request that precedes it); every later
 * message is a type byte followed by its length.
 */
export type FrontendMessage =
  | { readonly kind: 'startup'; readonly bytes: Buffer }
  /** SSLRequest or GSSENCRequest: answered "N" (not supported); the startup packet follows. */
  | { readonly kind: 'encryptionRequest' }
  | { readonly kind: 'cancelRequest' }
  /** A typed message, e.g. 'Q' (query), 'P' (parse), 'S' (sync), 'X' (terminate). */
  | { readonly kind: 'message'; readonly type: string; readonly bytes: Buffer };

const PROTOCOL_3_0 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** PostgreSQL's own limit for a frontend message. */
const MAX_MESSAGE_BYTES = 1024 * 1024 * 1024;

export class ProtocolViolationError extends Error {}

export class FrontendMessageReader {
  private buffered: Buffer = Buffer.alloc(0);
  private started = false;

  /** Adds bytes the client wrote; returns every message now complete, in order. */
  read(chunk: Uint8Array): FrontendMessage[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : Buffer.from(chunk);
    const messages: FrontendMessage[] = [];
    for (;;) {
      const message = this.started ? this.nextTyped() : this.nextStartup();
      if (!message) return messages;
      messages.push(message);
    }
  }

  private nextStartup(): FrontendMessage | undefined {
    if (this.buffered.length < 8) return undefined;
    const length = this.buffered.readInt32BE(0);
    if (length < 8 || length > 10_000) throw new ProtocolViolationError(`invalid startup packet length ${length}`);
    if (this.buffered.length < length) return undefined;
    const code = this.buffered.readInt32BE(4);
    const bytes = this.take(length);
    if (code === PROTOCOL_3_0) {
      this.started = true;
      return { kind: 'startup', bytes };
    }
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) return { kind: 'encryptionRequest' };
    if (code === CANCEL_REQUEST) return { kind: 'cancelRequest' };
    throw new ProtocolViolationError(`unsupported startup code ${code}`);
  }

  private nextTyped(): FrontendMessage | undefined {
    if (this.buffered.length < 5) return undefined;
    const length = this.buffered.readInt32BE(1);
    if (length < 4 || length > MAX_MESSAGE_BYTES) throw new ProtocolViolationError(`invalid message length ${length}`);
    if (this.buffered.length < length + 1) return undefined;
    const type = String.fromCharCode(this.buffered[0]!);
    return { kind: 'message', type, bytes: this.take(length + 1) };
  }

  private take(length: number): Buffer {
    const bytes = this.buffered.subarray(0, length);
    this.buffered = this.buffered.subarray(length);
    return bytes;
  }
}
