import 'reflect-metadata';
import { loadConfig } from '@rolegraph/server/dist/config';
import { openDatabase } from '@rolegraph/server/dist/db/database';
import { createSession } from '@rolegraph/server/dist/auth/sessions';
import { NO_SESSION_ORIGIN } from '@rolegraph/server/dist/auth/sessionOrigin';
import { graphql } from './serverProcess';

/**
 * Signed-in sessions for many members at once, written with the server's own
 * session code while the server is stopped (signing 1,000 people in through
 * the API would mostly measure argon2). Returns one token per account.
 */
export async function createSessions(env: Record<string, string>, organizationId: string, accountIds: readonly string[]): Promise<string[]> {
  const config = loadConfig({ ...process.env, ...env, LOG_LEVEL: 'warn' });
  const database = await openDatabase(config);
  try {
    const tokens: string[] = [];
    await database.dataSource.transaction(async (tx) => {
      for (const accountId of accountIds) tokens.push((await createSession(tx, config, accountId, organizationId, NO_SESSION_ORIGIN)).token);
    });
    return tokens;
  } finally {
    await database.close();
  }
}

/** The owner signed in through the API, and an API key with READ on permissions, resources and the directory for the integrator requests. */
export async function ownerCredentials(url: string, email: string, password: string): Promise<{ ownerToken: string; apiKey: string }> {
  const session = await graphql<{ signIn: { token: string } }>(url, 'mutation ($input: SignInInput!) { signIn(input: $input) { token } }', {
    input: { email, password },
  });
  const ownerToken = session.signIn.token;
  const key = await graphql<{ createApiKey: { secret: string } }>(
    url,
    'mutation { createApiKey(input: { name: "bench", scopes: { permissions: READ, resources: READ, directory: READ } }) { secret } }',
    {},
    ownerToken,
  );
  return { ownerToken, apiKey: key.createApiKey.secret };
}
