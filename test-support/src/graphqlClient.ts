/** A GraphQL answer as the server sends it. */
export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
  extensions?: { accessRevision?: string; [key: string]: unknown };
}

/** Anything tests can send GraphQL operations to: an in-process test server, a server process. */
export interface GraphQLEndpoint {
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<T>>;
}

/** POSTs one operation to `graphqlUrl` (…/graphql), as an API client does: a Bearer token when given. */
export async function postGraphQL<T>(
  graphqlUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = null,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult<T>;
}

/** The data of a result that must have succeeded; fails the test with the errors otherwise. */
export function ok<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  }
  return result.data;
}

/** The code of the first error of a result that must have failed. */
export function errorCode(result: GraphQLResult): string | undefined {
  if (!result.errors?.length) throw new Error(`Expected an error, got data: ${JSON.stringify(result.data)}`);
  return result.errors[0]?.extensions?.code;
}
