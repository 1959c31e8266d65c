import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { isInMemory } from '../db/embeddedPostgres';
import { SecretBox } from './secretBox';
import { beginKeyFileRotation, finishKeyFileRotation, loadSecretKeys } from './secretKeys';
import { sealStoredSecrets, unreadableMessage } from './storedSecrets';

const USAGE = `usage: rotate-secrets [--new-key] [--forget-unreadable]

Re-encrypts every stored secret (connection credentials, LLM keys) with the
current key: ROLEGRAPH_SECRET_KEY, or the embedded database's secret.key.
Values sealed with a key in ROLEGRAPH_SECRET_KEY_PREVIOUS are opened with it.

--new-key   embedded database only: generate a new secret.key first (the old
            one is kept as secret.key.previous until every value is re-encrypted).
--forget-unreadable
            clear the values sealed with a key that is lost (they must be
            entered again); without it the command stops on them.

Stop the server first when it uses the embedded database. See docs/secrets.md.`;

/** `npm run rotate-secrets`: re-encrypts stored secrets with the current key (docs/secrets.md). */
async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((a) => a !== '--new-key' && a !== '--forget-unreadable');
  if (unknown.length) {
    console.error(USAGE);
    process.exit(2);
  }
  const newKey = argv.includes('--new-key');
  const forgetUnreadable = argv.includes('--forget-unreadable');
  const config = loadConfig();
  const database = await openDatabase(config, { migrate: true });
  try {
    const dataDir = database.embeddedDataDir;
    if (newKey) {
      if (config.secretKey || !dataDir || isInMemory(dataDir)) {
        throw new Error(
          "--new-key rotates the embedded database's secret.key. With ROLEGRAPH_SECRET_KEY, set the new key there and the old one in ROLEGRAPH_SECRET_KEY_PREVIOUS, then run this command without --new-key.",
        );
      }
      if (beginKeyFileRotation(dataDir).resumed) console.log('Resuming an interrupted rotation: secret.key.previous is still there.');
    }
    const { ring, source } = loadSecretKeys(config, database);
    const box = new SecretBox(ring);
    const report = await sealStoredSecrets(database.dataSource, box, { reseal: true, forgetUnreadable });
    if (report.unreadable > 0 && !forgetUnreadable) throw new Error(unreadableMessage(report.unreadable, source));
    if (newKey && dataDir) finishKeyFileRotation(dataDir);
    console.log(`Stored secrets now sealed with key ${box.currentKeyId}: ${report.resealed} re-encrypted, ${report.sealed} were in plain text.`);
    if (report.unreadable > 0) console.log(`${report.unreadable} sealed with a lost key were cleared: enter them again.`);
    if (source.kind === 'setting' && config.previousSecretKeys.length) {
      console.log('ROLEGRAPH_SECRET_KEY_PREVIOUS is no longer needed: remove it from every instance.');
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
