import type { ComponentProps } from 'react';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { GraphiQL } from 'graphiql';
import { GRAPHQL_HTTP } from '../../app/apolloClient';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

/**
 * GraphiQL's requests, sent as the app sends its own: a JSON POST to this
 * server's /graphql with the session cookie, plus the headers typed in the
 * explorer (an `Authorization: Bearer <API key>` there is used instead of the
 * session). An answer that is not JSON is shown as an error with its status.
 */
export const graphqlHttpFetcher: Fetcher = async (params, options) => {
  const response = await fetch(GRAPHQL_HTTP.uri, {
    method: 'POST',
    credentials: GRAPHQL_HTTP.credentials,
    headers: { ...(options?.headers as Record<string, string> | undefined), 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as ExecutionResult;
  } catch {
    return { errors: [new GraphQLError(`The server answered ${response.status} ${response.statusText} without a GraphQL result.`)] };
  }
};
