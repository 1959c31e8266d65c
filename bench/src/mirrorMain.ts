import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateOrganization, OWNER_PASSWORD } from './generateOrganization';
import { freshDatabase, importFile, type DatabaseKind } from './databases';
import { graphql, startServer } from './serverProcess';
import { measureMirror } from './mirrorBench';

/**
 * `pnpm --filter @rolegraph/bench run mirror [--database embedded|postgres] [--scale 0.1]`:
 * the local mirror scenario alone (also part of `pnpm bench`).
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  const database = value('database', 'embedded') as DatabaseKind;
  const scale = Number(value('scale', '0.1'));
  const generated = generateOrganization(scale);
  const db = await freshDatabase(database, value('admin-url', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'), 'mirror');
  const file = path.join(os.tmpdir(), `rolegraph-bench-mirror.json`);
  fs.writeFileSync(file, JSON.stringify(generated.file));
  try {
    const imported = importFile(db, file, 'Bench mirror');
    const server = await startServer(db.env);
    try {
      const result = await runMirrorScenario(server.url, generated.ownerEmail, imported.ids);
      console.log(JSON.stringify({ database, scale, counts: generated.counts, mirror: result }, null, 2));
    } finally {
      await server.stop();
    }
  } finally {
    await db.dispose();
    fs.rmSync(file, { force: true });
  }
}

/** Signs in as the owner, makes a permissions: READ key and measures the mirror for 20 members over every resource. */
export async function runMirrorScenario(url: string, ownerEmail: string, ids: { members: Record<string, string>; resources: Record<string, string> }) {
  const session = await graphql<{ signIn: { token: string } }>(
    url,
    `
      mutation ($input: SignInInput!) {
        signIn(input: $input) {
          token
        }
      }
    `,
    {
      input: { email: ownerEmail, password: OWNER_PASSWORD },
    },
  );
  const ownerToken = session.signIn.token;
  const key = await graphql<{ createApiKey: { secret: string } }>(
    url,
    `
      mutation {
        createApiKey(input: { name: "mirror bench", scopes: { permissions: READ } }) {
          secret
        }
      }
    `,
    {},
    ownerToken,
  );
  return measureMirror({
    url,
    ownerToken,
    apiKey: key.createApiKey.secret,
    userIds: Object.values(ids.members).slice(1, 21),
    resourceIds: Object.values(ids.resources),
    seconds: 5,
    rounds: 20,
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
