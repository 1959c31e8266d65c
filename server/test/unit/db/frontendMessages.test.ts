import { serialize } from 'pg-protocol';
import { FrontendMessageReader, ProtocolViolationError } from '../../../src/db/frontendMessages';

/** What pg writes for one extended query, as its bytes. */
const extendedQuery = () =>
  Buffer.concat([
    serialize.parse({ name: 'q', text: 'SELECT $1::int' }),
    serialize.bind({ statement: 'q', values: ['1'] }),
    serialize.describe({ type: 'P' }),
    serialize.execute({}),
    serialize.sync(),
  ]);

describe('reading what a PostgreSQL client writes', () => {
  it('splits the startup packet and the messages after it, whole and in order', () => {
    const reader = new FrontendMessageReader();
    const messages = reader.read(Buffer.concat([serialize.startup({ user: 'postgres', database: 'postgres' }), extendedQuery()]));
    expect(messages.map((m) => (m.kind === 'message' ? m.type : m.kind))).toEqual(['startup', 'P', 'B', 'D', 'E', 'S']);
  });

  it('waits for the rest of a message written in pieces, byte by byte if need be', () => {
    const reader = new FrontendMessageReader();
    const bytes = Buffer.concat([serialize.startup({ user: 'postgres' }), serialize.query('SELECT 1'), serialize.end()]);
    const messages = [...bytes].flatMap((byte) => reader.read(Uint8Array.of(byte)));
    expect(messages.map((m) => (m.kind === 'message' ? m.type : m.kind))).toEqual(['startup', 'Q', 'X']);
    const query = messages[1]!;
    expect(query.kind === 'message' && query.bytes.equals(serialize.query('SELECT 1'))).toBe(true);
  });

  it('answers an encryption request before the startup packet, and reads a cancel request', () => {
    const reader = new FrontendMessageReader();
    expect(reader.read(Buffer.concat([serialize.requestSsl(), serialize.startup({ user: 'postgres' })])).map((m) => m.kind)).toEqual([
      'encryptionRequest',
      'startup',
    ]);
    expect(new FrontendMessageReader().read(serialize.cancel(1, 2)).map((m) => m.kind)).toEqual(['cancelRequest']);
  });

  it('refuses what is not the protocol', () => {
    expect(() => new FrontendMessageReader().read(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toThrow(ProtocolViolationError);
    const reader = new FrontendMessageReader();
    reader.read(serialize.startup({ user: 'postgres' }));
    expect(() => reader.read(Buffer.from([0x51, 0, 0, 0, 1]))).toThrow(/invalid message length/);
  });
});
