import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import type { Logger } from 'pino';
import type { ErrorCode } from '@rolegraph/shared';
import { DatabaseUnavailableError, DomainError } from '../errors';
import { unreachableDatabaseError, warnDatabaseUnreachable } from '../db/databaseUnavailable';
import { ResourceNotFoundError, UnknownActionError } from '../access/evaluator';

/** Codes Apollo itself assigns to requests that never reached a resolver; passed through unchanged. */
const REQUEST_LEVEL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * A request Apollo refused before running it, with a 400 status but no code:
 * a persisted-query extension that does not fit (an unsupported version, a
 * hash that does not match the query). The client's mistake, said as such.
 */
function isRefusedRequest(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.path !== undefined) return false;
  const http = error.extensions.http as { status?: unknown } | undefined;
  return http?.status === 400;
}

/**
 * The one place errors become what a client sees: domain errors keep
 * their code and message; type-graphql's auth and validation errors map to
 * FORBIDDEN / UNAUTHENTICATED / BAD_USER_INPUT; a database that cannot be
 * reached is SERVICE_UNAVAILABLE (logged as a warning, message and code
 * only: an outage is not a bug); anything else is logged with
 * its stack (the logger keeps a database error's code, constraint and SQL
 * text, never its parameters or detail: app/logRedaction.ts) and reaches the
 * client as a generic INTERNAL_SERVER_ERROR — no stack trace, no SQL.
 */
export function createErrorFormatter(logger: Logger) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    const withCode = (code: ErrorCode | string, message: string, extra?: Record<string, unknown>): GraphQLFormattedError => ({
      ...base,
      message,
      extensions: { code, ...extra },
    });

    if (original instanceof DomainError) return withCode(original.code, original.message, original.details);
    if (original instanceof ResourceNotFoundError) return withCode('NOT_FOUND', original.message);
    if (original instanceof UnknownActionError) return withCode('BAD_USER_INPUT', original.message, { field: 'action' });
    if (original instanceof AuthenticationError) return withCode('UNAUTHENTICATED', 'Sign in first: this needs a session or an API key.');
    if (original instanceof AuthorizationError) return withCode('FORBIDDEN', 'You do not have permission to do this.');
    if (original instanceof ArgumentValidationError) {
      const problems = original.extensions.validationErrors as { property: string; constraints?: Record<string, string> }[] | undefined;
      const message = problems?.flatMap((p) => Object.values(p.constraints ?? {})).join('; ') || 'The input is not valid.';
      return withCode('BAD_USER_INPUT', message);
    }
    const unreachable = unreachableDatabaseError(original);
    if (unreachable) {
      warnDatabaseUnreachable(logger, unreachable);
      const { code, message, details } = new DatabaseUnavailableError(unreachable);
      return withCode(code, message, details);
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_LEVEL_CODES.has(code)) {
      return { ...base, extensions: { code } };
    }
    if (isRefusedRequest(original)) return withCode('BAD_REQUEST', formatted.message);
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return withCode('INTERNAL_SERVER_ERROR', 'Something went wrong on our side. The error was logged; please try again.');
  };
}
