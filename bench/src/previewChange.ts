import type { generateOrganization } from './generateOrganization';
import { graphql } from './serverProcess';
import { loadOnce, summarize, type LoadResult, type LoadRun } from './httpLoad';

/*
 * previewChange alone: adding a member to a team whose grants reach the first
 * 100 projects of the generated organization (each with its assistants and
 * other assets). The owner's session asks (previews are for people, not API
 * keys); one client, so the numbers are the service time.
 */

export const PREVIEW_PROJECTS_REACHED = 100;

export interface PreviewChangeResult {
  /** Projects the team's grants are on. */
  readonly projectsReached: number;
  /** Levels that move for the first member previewed (all gains). */
  readonly levelsMoved: number;
  /** One client at a time. */
  readonly latency: LoadResult;
}

export interface PreviewChangeSetup {
  readonly url: string;
  readonly ownerToken: string;
  readonly generated: ReturnType<typeof generateOrganization>;
  readonly ids: { readonly members: Record<string, string>; readonly resources: Record<string, string> };
  readonly seconds: number;
  readonly runs: number;
  readonly warmup: number;
}

const PREVIEW_QUERY = `query ($change: ChangeInput!) { previewChange(change: $change) { affectedUsers totalGains users { userId gains changes { before after resourceType } } } }`;

/** Creates the team and its grants through the API, then measures previewChange alone. */
export async function measurePreviewChange(setup: PreviewChangeSetup): Promise<PreviewChangeResult> {
  const { url, ownerToken, generated, ids } = setup;
  const team = await graphql<{ createTeam: { id: string } }>(url, 'mutation { createTeam(input: { name: "Preview bench team" }) { id } }', {}, ownerToken);
  const teamId = team.createTeam.id;
  const projects = generated.file.resources.filter((r) => r.type === 'PROJECT').slice(0, PREVIEW_PROJECTS_REACHED);
  for (const project of projects) {
    await graphql(
      url,
      'mutation ($input: GrantAccessInput!) { grantAccess(input: $input) { id } }',
      { input: { resourceId: ids.resources[project.key], subject: { teamId }, level: 'MEMBER' } },
      ownerToken,
    );
  }
  const users = generated.file.members.filter((m) => m.role === 'USER').slice(0, 200);
  const variablesOf = (key: string) => ({ change: { addTeamMember: { teamId, userId: ids.members[key] } } });
  const bodies = users.map((m) => JSON.stringify({ query: PREVIEW_QUERY, variables: variablesOf(m.key) }));
  const sample = await graphql<{ previewChange: { totalGains: number } }>(url, PREVIEW_QUERY, variablesOf(users[0]!.key), ownerToken);
  await loadOnce({ url, token: ownerToken, bodies, connections: 1, seconds: setup.warmup });
  const alone: LoadRun[] = [];
  for (let run = 0; run < setup.runs; run++) alone.push(await loadOnce({ url, token: ownerToken, bodies, connections: 1, seconds: setup.seconds }));
  if (alone.some((r) => r.errors > 0)) throw new Error('Some previewChange requests failed.');
  return { projectsReached: projects.length, levelsMoved: sample.previewChange.totalGains, latency: summarize(alone) };
}
