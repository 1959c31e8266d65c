import { ok, type GraphQLEndpoint } from './graphqlClient';

/** An API key of the caller's organization with these scopes (areas not named have none), created through the API; returns its secret. */
export async function createApiKey(t: GraphQLEndpoint, token: string, name: string, scopes: Record<string, string>): Promise<string> {
  const created = ok(await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`, { input: { name, scopes } }, token));
  return created.createApiKey.secret as string;
}
