import type { ImportFile } from '@rolegraph/server/dist/bulkImport/importFormat';
import type { GrantLevel } from '@rolegraph/shared';

/** A small, fast, seeded generator (mulberry32): the same scale always gives the same organization. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const OWNER_PASSWORD = 'bench owner password';

/** The reference organization at scale 1; scale 0.1 is the 10× smaller one. */
export const REFERENCE = { members: 10_000, teams: 500, projects: 2_000, assistantsPerProject: 20, otherAssets: 20_000 } as const;

export interface GeneratedOrganization {
  readonly file: ImportFile;
  readonly ownerEmail: string;
  readonly counts: { members: number; teams: number; projects: number; assistants: number; otherAssets: number; grants: number };
}

/**
 * Generates an organization shaped like the reference: members (one
 * owner, 0.5% admins), teams of about 20, projects of 20 assistants each (85%
 * LIVE, 3% PUBLIC), corpora, connections, schema agents built on connections
 * and semantic models built on schema agents, and about 15 grants per 1,000
 * … in all ~150,000 grants at scale 1: 3 team and 8 user grants per project,
 * 2 user grants per assistant, ~2.4 grants per other asset.
 */
export function generateOrganization(scale: number, seed = 42): GeneratedOrganization {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const count = (n: number) => Math.max(1, Math.round(n * scale));
  const pad = (n: number, width = 5) => String(n).padStart(width, '0');

  const members: ImportFile['members'] = [];
  const memberCount = count(REFERENCE.members);
  const adminCount = Math.max(1, Math.round(memberCount * 0.005));
  const ownerEmail = `owner@bench.rolegraph.test`;
  members.push({ key: 'm0', email: ownerEmail, name: 'Bench Owner', role: 'OWNER', password: OWNER_PASSWORD });
  for (let i = 1; i < memberCount; i++) {
    members.push({ key: `m${i}`, email: `member${pad(i)}@bench.rolegraph.test`, name: `Member ${pad(i)}`, role: i <= adminCount ? 'ADMIN' : 'USER' });
  }
  const people = members.slice(1).map((m) => m.key);

  const teams: ImportFile['teams'] = [];
  for (let i = 0; i < count(REFERENCE.teams); i++) {
    const chosen = new Set<string>();
    while (chosen.size < Math.min(20, people.length)) chosen.add(pick(people));
    teams.push({ key: `t${i}`, name: `Team ${pad(i, 4)}`, members: [...chosen].map((member, j) => ({ member, role: j === 0 ? 'ADMIN' : 'MEMBER' })) });
  }
  const teamKeys = teams.map((t) => t.key);

  const resources: ImportFile['resources'] = [];
  const grants: ImportFile['grants'] = [];
  const granted = new Set<string>();
  const addGrant = (resource: string, subject: { user: string } | { team: string }, level: GrantLevel) => {
    const key = `${resource}|${'user' in subject ? subject.user : subject.team}`;
    if (granted.has(key)) return;
    granted.add(key);
    grants.push({ resource, ...subject, level });
  };

  const projects = count(REFERENCE.projects);
  let assistants = 0;
  for (let p = 0; p < projects; p++) {
    const key = `p${p}`;
    resources.push({ key, type: 'PROJECT', name: `Project ${pad(p, 4)}`, owner: pick(people) });
    for (let g = 0; g < 3; g++) addGrant(key, { team: pick(teamKeys) }, random() < 0.9 ? 'MEMBER' : 'ADMIN');
    for (let g = 0; g < 8; g++) addGrant(key, { user: pick(people) }, random() < 0.85 ? 'MEMBER' : 'ADMIN');
    for (let a = 0; a < REFERENCE.assistantsPerProject; a++) {
      const assistant = `a${p}-${a}`;
      const live = random() < 0.85;
      resources.push({
        key: assistant,
        type: 'ASSISTANT',
        name: `Assistant ${pad(p, 4)}-${pad(a, 2)}`,
        owner: pick(people),
        parent: key,
        status: live ? 'LIVE' : 'DRAFT',
        visibility: live && random() < 0.03 ? 'PUBLIC' : 'PRIVATE',
      });
      assistants++;
      for (let g = 0; g < 2; g++) addGrant(assistant, { user: pick(people) }, random() < 0.8 ? 'MEMBER' : 'ADMIN');
    }
  }

  const perKind = Math.max(1, Math.round(count(REFERENCE.otherAssets) / 4));
  const connections: string[] = [];
  const agents: string[] = [];
  const levelFor = (levels: readonly GrantLevel[]) => levels[Math.floor(random() * levels.length)]!;
  for (let i = 0; i < perKind; i++) {
    const corpus = `k${i}`;
    resources.push({ key: corpus, type: 'CORPUS', name: `Corpus ${pad(i)}`, owner: pick(people) });
    const connection = `c${i}`;
    connections.push(connection);
    resources.push({
      key: connection,
      type: 'CONNECTION',
      name: `Connection ${pad(i)}`,
      owner: pick(people),
      credentials: `postgres://svc:secret-${i}@db${i}/warehouse`,
    });
  }
  for (let i = 0; i < perKind; i++) {
    const agent = `s${i}`;
    agents.push(agent);
    resources.push({ key: agent, type: 'SCHEMA_AGENT', name: `Schema agent ${pad(i)}`, owner: pick(people), attributes: { connectionId: pick(connections) } });
  }
  for (let i = 0; i < perKind; i++) {
    resources.push({
      key: `sm${i}`,
      type: 'SEMANTIC_MODEL',
      name: `Semantic model ${pad(i)}`,
      owner: pick(people),
      attributes: { schemaAgentId: pick(agents) },
    });
  }
  const others = resources.filter((r) => r.type !== 'PROJECT' && r.type !== 'ASSISTANT');
  const levelsOf = {
    CORPUS: ['VIEWER', 'EDITOR', 'ADMIN'],
    CONNECTION: ['MEMBER', 'ADMIN'],
    SCHEMA_AGENT: ['MEMBER', 'EDITOR', 'ADMIN'],
    SEMANTIC_MODEL: ['VIEWER', 'EDITOR', 'ADMIN'],
  } as const;
  for (const asset of others) {
    const levels = levelsOf[asset.type as keyof typeof levelsOf];
    const n = random() < 0.4 ? 3 : 2;
    for (let g = 0; g < n; g++) addGrant(asset.key, random() < 0.2 ? { team: pick(teamKeys) } : { user: pick(people) }, levelFor(levels));
  }

  return {
    file: { seats: memberCount, members, teams, resources, grants },
    ownerEmail,
    counts: { members: memberCount, teams: teams.length, projects, assistants, otherAssets: others.length, grants: grants.length },
  };
}
