import type { Logger } from 'pino';

/**
 * Telling a database that cannot be reached from a statement that failed.
 * A connection lost (PostgreSQL restarting, a network cut) may be retried
 * once on a fresh connection by idempotent reads (database.ts); a database
 * that cannot be reached at all is answered SERVICE_UNAVAILABLE with a retry
 * delay (graphql/formatError.ts), never as an internal error.
 *
 * Only the database's own signals count: PostgreSQL's SQLSTATE, pg's and
 * pg-pool's messages, and the failures to connect that the data layer marks
 * (markAsDatabaseConnectionFailure). A refused or reset socket on its own
 * says nothing: it may be an identity provider's, an LLM's or a mail
 * server's, and is not called a database outage.
 */

/** SQLSTATE classes and driver messages meaning the connection, not the statement, failed. */
const CONNECTION_LOST_SQLSTATE = /^(08|57P0)/;
const CONNECTION_LOST_MESSAGE = /Connection terminated|not queryable|ECONNRESET|EPIPE|replaced by a newer connection/;

/**
 * Beyond a lost connection: PostgreSQL turns new connections away (too many,
 * starting up: 53300, 57P03, which the class above holds), pg-pool waited too
 * long for one, or the error was already classified (SERVICE_UNAVAILABLE).
 */
const UNAVAILABLE_SQLSTATE = /^(08|57P0|53300$)/;
const UNAVAILABLE_MESSAGE = /Connection terminated|not queryable|replaced by a newer connection|timeout exceeded when trying to connect/;
const CLASSIFIED_CODE = 'SERVICE_UNAVAILABLE';

/** How many errors deep the causes are followed (TypeORM's QueryFailedError → pg's error → a socket error). */
const MAX_DEPTH = 5;

const connectionFailures = new WeakSet<object>();

/** Marks an error as a failure to connect to the database (database.ts), whatever it says; returns it. */
export function markAsDatabaseConnectionFailure<E>(error: E): E {
  if (typeof error === 'object' && error !== null) connectionFailures.add(error);
  return error;
}

/** Whether the connection the statement ran on was lost (so the statement may be run again on another). */
export function isConnectionLost(error: unknown): boolean {
  if (!isErrorLike(error)) return false;
  const code = codeOf(error);
  return (code !== undefined && CONNECTION_LOST_SQLSTATE.test(code)) || CONNECTION_LOST_MESSAGE.test(error.message);
}

/** Whether the error, or one it wraps, says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unreachableDatabaseError(error) !== null;
}

/** The error, itself or one it wraps, that says the database cannot be reached right now; null if none does. */
export function unreachableDatabaseError(error: unknown, depth = 0): Error | null {
  if (!isErrorLike(error) || depth > MAX_DEPTH) return null;
  const code = codeOf(error);
  // Already classified: the driver's error it carries says more (for the log).
  if (code === CLASSIFIED_CODE) return unreachableDatabaseError(error.cause, depth + 1) ?? error;
  if (connectionFailures.has(error) || (code !== undefined && UNAVAILABLE_SQLSTATE.test(code)) || UNAVAILABLE_MESSAGE.test(error.message)) return error;
  const { driverError, originalError, thrownValue, errors } = error as {
    driverError?: unknown;
    originalError?: unknown;
    thrownValue?: unknown;
    errors?: unknown;
  };
  // TypeORM's QueryFailedError, a GraphQL error, graphql-js's wrapper of a value not `instanceof Error`, a cause, an AggregateError's errors.
  const wrapped = [driverError, originalError, thrownValue, error.cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])];
  for (const inner of wrapped) {
    const found = inner === error ? null : unreachableDatabaseError(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Logs an outage as a warning (not a bug: no stack), with the driver's message and code only (no statement, no parameters). */
export function warnDatabaseUnreachable(logger: Logger, unreachable: Error): void {
  logger.warn({ err: { message: unreachable.message, code: codeOf(unreachable) } }, 'the database cannot be reached');
}

/**
 * Errors are recognized by their shape, not by `instanceof Error`: the
 * socket's errors come from Node's own realm, which is not always the one
 * this code runs in (a test runner's sandbox).
 */
function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
