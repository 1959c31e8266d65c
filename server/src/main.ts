import 'reflect-metadata';
import { loadConfig } from './config';
import { startServer } from './app/startServer';
import { isDatabaseUnavailable } from './db/databaseUnavailable';
import { redactString } from './app/logRedaction';

/** `pnpm start`: runs Rolegraph until SIGINT/SIGTERM, then shuts down cleanly. */
async function main(): Promise<void> {
  const server = await startServer(loadConfig());
  const stop = (signal: string) => {
    server.app.logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(startFailure(error));
  process.exit(1);
});

/** Why the server did not start, in a line; a database it cannot reach says where it looked (without the password). */
function startFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl || !isDatabaseUnavailable(error)) return message;
  return `Cannot reach PostgreSQL at ${redactString(databaseUrl)} (${message}): is it running, and is DATABASE_URL right?`;
}
