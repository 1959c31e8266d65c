import type { ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { ErrorCode } from '@rolegraph/shared';
import type { GraphQLContext } from './context';
import { DatabaseUnavailableError } from '../errors';

/** Errors of a request that never ran: it did not parse, did not validate, or its variables did not fit. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * Status codes as the GraphQL-over-HTTP specification asks: a request that
 * fails to parse, to validate or to coerce its variables is answered 400
 * when the client accepts `application/graphql-response+json`, but 200 when
 * it gets `application/json` (where the status says nothing about GraphQL
 * errors). Apollo Server answers 400 for both.
 *
 * And an operation that answered nothing because the database could not be
 * reached (every error SERVICE_UNAVAILABLE, no data) is 503 with
 * Retry-After, as when it fails while authenticating (errors.ts).
 */
export const graphqlOverHttpStatus: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== 'single') return;
        if (nothingAnsweredForWantOfTheDatabase(response.body.singleResult)) {
          response.http.status = 503;
          response.http.headers.set('retry-after', String(DatabaseUnavailableError.RETRY_AFTER_SECONDS));
          return;
        }
        if (response.http.status !== 400) return;
        const { data, errors } = response.body.singleResult;
        if (data !== undefined || !errors?.length) return;
        if (!errors.every((e) => typeof e.extensions?.code === 'string' && REQUEST_ERROR_CODES.has(e.extensions.code))) return;
        // The same choice Apollo Server makes for the response's content type (application/json first).
        const type = contextValue.http?.req.accepts(['application/json', 'application/graphql-response+json']);
        if (type === 'application/json') response.http.status = 200;
      },
    };
  },
};

function nothingAnsweredForWantOfTheDatabase({ data, errors }: FormattedExecutionResult): boolean {
  const unavailable: string = 'SERVICE_UNAVAILABLE' satisfies ErrorCode;
  return (data === null || data === undefined) && !!errors?.length && errors.every((e) => e.extensions?.code === unavailable);
}
