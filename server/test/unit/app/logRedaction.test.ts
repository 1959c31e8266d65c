import { Writable } from 'node:stream';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { GraphQLError } from 'graphql';
import { createLogger } from '../../../src/app/logger';

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG';
const CREDENTIALS = 'postgres://analytics:hunter2-very-secret@warehouse.internal/sales';
const LLM_KEY = 'sk-live-abcdefghijklmnop';
const SESSION = 'rgs_' + 'A'.repeat(43);

/** A real pino logger as the server makes it, writing to memory. */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { logger: createLogger({ logLevel: 'trace' }, destination), text: () => lines.join('') };
}

/** What pg and TypeORM throw when PostgreSQL refuses a row: the detail quotes the row, the parameters carry the values. */
function refusedInsert(): QueryFailedError {
  const driverError = new DatabaseError('new row for relation "accounts" violates check constraint "probe"', 200, 'error');
  Object.assign(driverError, {
    severity: 'ERROR',
    code: '23514',
    table: 'accounts',
    constraint: 'probe',
    detail: `Failing row contains (1, a@example.test, ${HASH}, ${CREDENTIALS}).`,
  });
  return new QueryFailedError(
    'INSERT INTO accounts (id, email, password_hash) VALUES ($1, $2, $3)',
    ['1', 'a@example.test', HASH, CREDENTIALS, LLM_KEY],
    driverError,
  );
}

describe('the logs', () => {
  it('keep a database error without its parameters or the row it quotes', () => {
    const { logger, text } = capture();
    logger.error({ err: refusedInsert() }, 'unexpected error while resolving');
    const line = JSON.parse(text());
    for (const secret of [HASH, CREDENTIALS, LLM_KEY, 'hunter2', '$argon2id$']) expect(text()).not.toContain(secret);
    expect(line.err).toMatchObject({ type: 'QueryFailedError', code: '23514', table: 'accounts', constraint: 'probe' });
    expect(line.err.query).toBe('INSERT INTO accounts (id, email, password_hash) VALUES ($1, $2, $3)');
    expect(line.err.message).toBe('new row for relation "accounts" violates check constraint "probe"');
    expect(line.err.driverError).toMatchObject({ code: '23514', constraint: 'probe' });
  });

  it('drop the input PostgreSQL quotes in a message, also when the error is wrapped', () => {
    const { logger, text } = capture();
    const driverError = Object.assign(new DatabaseError(`invalid input syntax for type uuid: "${SESSION}x"`, 100, 'error'), { code: '22P02' });
    const wrapped = new GraphQLError(`Context creation failed: ${driverError.message}`, { originalError: driverError });
    logger.error({ err: wrapped });
    logger.error(new QueryFailedError('SELECT $1::uuid', [LLM_KEY], driverError));
    expect(text()).not.toContain(SESSION);
    expect(text()).not.toContain(LLM_KEY);
    expect(text()).toContain('invalid input syntax for type uuid: \\"[redacted]\\"');
  });

  it('redact secret-named fields at any depth, and secret shapes in any string', () => {
    const { logger, text } = capture();
    logger.info(
      {
        request: { headers: { authorization: `Bearer ${SESSION}`, cookie: `rg_session=${SESSION}` }, variables: { input: { password: 'correct horse' } } },
        deep: { a: { b: { c: { connection: { credentials: CREDENTIALS, apiKey: LLM_KEY, passwordHash: HASH } } } } },
        list: [{ note: `see ${CREDENTIALS}` }, `token ${SESSION}`, HASH],
        apiKeyId: 'k-1',
      },
      `mail: accept at https://rolegraph.test/invitations/accept#token=rgi_${'b'.repeat(43)}`,
    );
    logger.child({ token: SESSION }).warn('child line');
    const out = text();
    for (const secret of [SESSION, CREDENTIALS, 'hunter2', LLM_KEY, HASH, 'correct horse', 'b'.repeat(43)]) expect(out).not.toContain(secret);
    expect(out).toContain('"apiKeyId":"k-1"');
    expect(out).toContain('postgres://analytics:[redacted]@warehouse.internal/sales');
  });

  it('survive cycles and depth', () => {
    const { logger, text } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    let deep: Record<string, unknown> = { secret: 'x' };
    for (let i = 0; i < 20; i++) deep = { inner: deep };
    logger.info({ loop, deep }, 'shapes');
    expect(JSON.parse(text()).loop).toEqual({ name: 'loop', self: '[circular]' });
  });
});
