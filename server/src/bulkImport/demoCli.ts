import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { openStoredSecrets } from '../secrets/storedSecrets';
import { createLogger } from '../app/logger';
import { createEventBus } from '../live/eventBus';
import { importIntoOrganization } from './importOrganization';
import { createOrganizationForImport } from './importCli';
import { validateImport } from './validateImport';
import { DEMO_ORGANIZATION, DEMO_PASSWORD, demoFile } from './demo';

/**
 * `npm run demo`: a new organization with the seed pages' example, in the
 * database the server uses (DATABASE_URL, or the embedded one in
 * ROLEGRAPH_DATA_DIR — stop the server first). Running it again adds another
 * demo organization with the same people in it.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ logLevel: 'warn' });
  const database = await openDatabase(config, { migrate: true });
  const secrets = await openStoredSecrets(config, database, logger).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const events = await createEventBus(config.redisUrl, logger);
  try {
    const deps = { dataSource: database.dataSource, events, logger, secrets };
    const file = validateImport(demoFile());
    const organizationId = await createOrganizationForImport(deps, DEMO_ORGANIZATION, file);
    await importIntoOrganization(deps, organizationId, file);
    console.log(`Demo organization "${DEMO_ORGANIZATION}" (${organizationId}) is ready. Sign in at ${config.publicUrl} as:`);
    for (const m of file.members) console.log(`  ${m.email.padEnd(28)} ${m.role.padEnd(5)}  ${m.name}`);
    console.log(`Password for all of them: ${DEMO_PASSWORD}`);
  } finally {
    await events.close();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
