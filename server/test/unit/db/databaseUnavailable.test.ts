import { Client, DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { GraphQLError } from 'graphql';
import { isConnectionLost, isDatabaseUnavailable, markAsDatabaseConnectionFailure, unreachableDatabaseError } from '../../../src/db/databaseUnavailable';
import { openDatabase } from '../../../src/db/database';
import { freePort } from '@rolegraph/test-support';
import { DatabaseUnavailableError } from '../../../src/errors';

function sqlError(code: string, message: string): DatabaseError {
  const error = new DatabaseError(message, 0, 'error');
  error.code = code;
  return error;
}

describe('telling a database that cannot be reached from a failed statement', () => {
  it("the data layer's failure to connect is unavailable; the same refusal from anything else is not", async () => {
    const port = await freePort(); // nothing listens there: connecting is refused
    const opened = await openDatabase({ databaseUrl: `postgres://nobody@127.0.0.1:${port}/none`, databasePoolSize: 1, dataDir: '' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(opened)).toBe(true);
    // An identity provider or an LLM refusing: a socket error that never went through the data layer.
    const fetched = await fetch(`http://127.0.0.1:${port}/`).then(
      () => null,
      (error: unknown) => error,
    );
    expect((fetched as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(fetched)).toBe(false);
    const plainClient = await new Client({ host: '127.0.0.1', port, user: 'nobody', database: 'none' }).connect().then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(plainClient)).toBe(false);
  });

  it.each([
    ['the server shutting down (57P01)', sqlError('57P01', 'terminating connection due to administrator command')],
    ['the server starting up (57P03)', sqlError('57P03', 'the database system is starting up')],
    ['too many connections (53300)', sqlError('53300', 'sorry, too many clients already')],
    ['a connection failure (08006)', sqlError('08006', 'connection failure')],
    ['a connection ended mid-statement', new Error('Connection terminated unexpectedly')],
    ['the pool waiting too long for a connection', new Error('timeout exceeded when trying to connect')],
    [
      'a failure to connect the data layer marked',
      markAsDatabaseConnectionFailure(Object.assign(new Error('getaddrinfo ENOTFOUND db.internal'), { code: 'ENOTFOUND' })),
    ],
  ])('%s is unavailable', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("follows what wraps it: TypeORM, a GraphQL error, a cause, an AggregateError, graphql-js's NonErrorThrown", () => {
    const driver = sqlError('57P01', 'terminating connection due to administrator command');
    const typeorm = new QueryFailedError('SELECT 1', [], driver);
    expect(unreachableDatabaseError(typeorm)).toBe(typeorm); // TypeORM copies the driver's code onto its own error
    expect(unreachableDatabaseError(new GraphQLError('Context creation failed', { originalError: new DatabaseUnavailableError(driver) }))).toBe(driver);
    const refused = markAsDatabaseConnectionFailure(Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' }));
    expect(unreachableDatabaseError(new AggregateError([refused], 'all addresses failed'))).toBe(refused);
    expect(unreachableDatabaseError(Object.assign(new Error('Unexpected error value'), { name: 'NonErrorThrown', thrownValue: refused }))).toBe(refused);
    const timedOut = new Error('Connection terminated due to connection timeout', { cause: new Error('read ETIMEDOUT') }); // pg-pool's own
    expect(unreachableDatabaseError(timedOut)).toBe(timedOut);
  });

  it('recognizes errors by their shape, whatever realm made them (not instanceof Error)', () => {
    expect(isDatabaseUnavailable(markAsDatabaseConnectionFailure({ message: 'connect ECONNRESET 127.0.0.1:5432', code: 'ECONNRESET' }))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'Connection terminated unexpectedly' })).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', sqlError('23505', 'duplicate key value violates unique constraint "x"')],
    ['a syntax error (42601)', sqlError('42601', 'syntax error at or near "SELEC"')],
    ['a serialization failure (40001)', sqlError('40001', 'could not serialize access')],
    ['an error of the code', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a socket error from anything else', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a thrown string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s is not', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('an error that wraps itself ends the walk', () => {
    const loop = new Error('loop') as Error & { cause: unknown };
    loop.cause = { message: 'inner', cause: loop };
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });

  it('only a lost connection is worth running a read again on another: not one that was never made', () => {
    expect(isConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLost(sqlError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isConnectionLost(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isConnectionLost(sqlError('53300', 'sorry, too many clients already'))).toBe(false);
  });
});
