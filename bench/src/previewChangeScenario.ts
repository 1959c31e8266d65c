import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateOrganization, OWNER_PASSWORD } from './generateOrganization';
import { freshDatabase, importFile, type DatabaseKind } from './databases';
import { graphql, startServer } from './serverProcess';
import { loadOnce, summarize, type LoadRun } from './httpLoad';

/*
 * previewChange alone: adding a member to a team whose grants reach 100
 * projects (each with its assistants) of the generated organization. The
 * owner's session asks (previews are for people, not API keys); one client,
 * so the numbers are the service time. Bar: p95 ≤ 50 ms.
 *
 *   pnpm --filter @rolegraph/bench run build && node bench/dist/previewChangeScenario.js --database embedded --size reference
 */

const PROJECTS_REACHED = 100;
const BAR_P95_MS = 50;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const database = option('database', 'embedded') as DatabaseKind;
  const sizeName = option('size', 'reference');
  const scale = sizeName === 'reference' ? 1 : sizeName === 'small' ? 0.1 : Number(sizeName);
  const seconds = Number(option('seconds', '5'));
  const runs = Number(option('runs', '3'));
  const log = (message: string) => console.log(`[previewChange ${database} ${sizeName}] ${message}`);

  const generated = generateOrganization(scale);
  const db = await freshDatabase(
    database,
    option('admin-url', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'),
    `preview_${sizeName}`,
  );
  const file = path.join(os.tmpdir(), `rolegraph-bench-preview-${sizeName}.json`);
  fs.writeFileSync(file, JSON.stringify(generated.file));
  try {
    log(`importing ${JSON.stringify(generated.counts)}`);
    const imported = importFile(db, file, `Bench preview ${sizeName}`);
    const server = await startServer(db.env);
    try {
      const session = await graphql<{ signIn: { token: string } }>(
        server.url,
        `
          mutation ($input: SignInInput!) {
            signIn(input: $input) {
              token
            }
          }
        `,
        {
          input: { email: generated.ownerEmail, password: OWNER_PASSWORD },
        },
      );
      const token = session.signIn.token;
      const team = await graphql<{ createTeam: { id: string } }>(
        server.url,
        `
          mutation {
            createTeam(input: { name: "Preview bench team" }) {
              id
            }
          }
        `,
        {},
        token,
      );
      const teamId = team.createTeam.id;
      const projects = generated.file.resources.filter((r) => r.type === 'PROJECT').slice(0, PROJECTS_REACHED);
      for (const project of projects) {
        await graphql(
          server.url,
          `
            mutation ($input: GrantAccessInput!) {
              grantAccess(input: $input) {
                id
              }
            }
          `,
          { input: { resourceId: imported.ids.resources[project.key], subject: { teamId }, level: 'MEMBER' } },
          token,
        );
      }
      log(`team with grants on ${projects.length} projects; measuring`);
      const users = generated.file.members.filter((m) => m.role === 'USER').slice(0, 200);
      const query = `query ($change: ChangeInput!) { previewChange(change: $change) { affectedUsers totalGains users { userId gains changes { before after resourceType } } } }`;
      const bodies = users.map((m) => JSON.stringify({ query, variables: { change: { addTeamMember: { teamId, userId: imported.ids.members[m.key] } } } }));
      const first = JSON.parse(bodies[0]!) as { variables: Record<string, unknown> };
      const sample = await graphql<{ previewChange: { totalGains: number } }>(server.url, query, first.variables, token);
      log(`one preview: ${sample.previewChange.totalGains} levels would go up`);
      await loadOnce({ url: server.url, token, bodies, connections: 1, seconds: 2 });
      const alone: LoadRun[] = [];
      for (let run = 0; run < runs; run++) alone.push(await loadOnce({ url: server.url, token, bodies, connections: 1, seconds }));
      const latency = summarize(alone);
      log(`alone: p50 ${latency.p50.toFixed(2)} ms, p95 ${latency.p95.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms`);
      log(`bar p95 ≤ ${BAR_P95_MS} ms: ${latency.p95 <= BAR_P95_MS ? 'met' : 'NOT met'}`);
      if (alone.some((r) => r.errors > 0)) throw new Error('some previews failed');
    } finally {
      await server.stop();
    }
  } finally {
    await db.dispose();
    fs.rmSync(file, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
