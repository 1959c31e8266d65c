import 'reflect-metadata';
import { loadConfig } from './config';
import { startServer } from './app/startServer';

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
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
