import { newEnforcer, newModelFromString, type Enforcer } from 'casbin';
import { RESOURCE_TYPE_REGISTRY, ACCESS_LEVELS, type AccessLevel, type ResourceType } from '@rolegraph/shared';
import { decide } from '@rolegraph/server/dist/access/evaluator';
import { OrgAccessSnapshot } from '@rolegraph/server/dist/access/orgSnapshot';
import type { ImportFile } from '@rolegraph/server/dist/bulkImport/importFormat';
import { seededRandom } from './generateOrganization';

export interface Check {
  readonly userId: string;
  readonly resourceId: string;
  readonly action: string;
}

/** The generated organization as the server's in-memory snapshot (the file's keys serve as ids). */
export function snapshotFromFile(file: ImportFile): OrgAccessSnapshot {
  const s = new OrgAccessSnapshot();
  for (const m of file.members) s.upsertMember(m.key, m.role);
  for (const t of file.teams) {
    s.upsertTeam(t.key);
    for (const m of t.members) s.upsertTeamMember({ teamId: t.key, userId: m.member, role: m.role });
  }
  for (const r of file.resources) {
    const assistant = r.type === 'ASSISTANT';
    s.upsertResource({
      id: r.key,
      type: r.type,
      parentId: r.parent ?? null,
      ownerId: r.owner,
      status: assistant ? (r.status ?? 'DRAFT') : null,
      visibility: assistant ? (r.visibility ?? 'PRIVATE') : null,
      name: r.name,
      sortName: r.name.toLowerCase(),
    });
  }
  file.grants.forEach((g, i) => {
    s.upsertGrant({
      id: `g${i}`,
      resourceId: g.resource,
      subjectType: g.user ? 'USER' : 'TEAM',
      subjectId: (g.user ?? g.team)!,
      level: g.level,
      expiresAt: null,
    });
  });
  return s;
}

/** Random checks over the organization: a member, a resource, one of its type's actions. */
export function randomChecks(file: ImportFile, n: number, seed = 7): Check[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const checks: Check[] = [];
  for (let i = 0; i < n; i++) {
    const resource = pick(file.resources);
    checks.push({ userId: pick(file.members).key, resourceId: resource.key, action: pick(Object.keys(RESOURCE_TYPE_REGISTRY[resource.type].actions)) });
  }
  return checks;
}

/**
 * Checks that follow the organization's paths — a grant's user or a member of
 * a granted team, on the granted resource or one of its assistants; a
 * resource's owner; an organization owner — so that agreement between two
 * engines is measured on allows as well as on denials.
 */
export function checksAlongPaths(file: ImportFile, n: number, seed = 11): Check[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const teamMembers = new Map(file.teams.map((t) => [t.key, t.members.map((m) => m.member)] as const));
  const children = new Map<string, string[]>();
  for (const r of file.resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.key]);
  const types = new Map(file.resources.map((r) => [r.key, r.type] as const));
  const owners = file.members.filter((m) => m.role === 'OWNER').map((m) => m.key);
  const checks: Check[] = [];
  const add = (userId: string, resourceId: string) =>
    checks.push({ userId, resourceId, action: pick(Object.keys(RESOURCE_TYPE_REGISTRY[types.get(resourceId)!].actions)) });
  while (checks.length < n) {
    const way = random();
    if (way < 0.6 && file.grants.length) {
      const g = pick(file.grants);
      const userId = g.user ?? pick(teamMembers.get(g.team!) ?? [file.members[0]!.key]);
      add(userId, random() < 0.5 && children.get(g.resource)?.length ? pick(children.get(g.resource)!) : g.resource);
    } else if (way < 0.85) {
      const r = pick(file.resources);
      add(random() < 0.5 ? r.owner : pick(file.members).key, r.key);
    } else if (owners.length) {
      add(pick(owners), pick(file.resources).key);
    }
  }
  return checks;
}

/**
 * Checks per second of one engine over the same checks, and how many it allowed: `allows`
 * answers the check at an index; `batch` checks run between looks at the clock.
 */
export function checksPerSecond(
  checks: readonly Check[],
  seconds: number,
  batch: number,
  allows: (check: Check, index: number) => boolean,
): { perSecond: number; allowed: number } {
  let done = 0;
  let allowed = 0;
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < batch; i++) {
      const at = done % checks.length;
      if (allows(checks[at]!, at)) allowed++;
      done++;
    }
  }
  return { perSecond: done / seconds, allowed };
}

/** Checks per second of the evaluator over the snapshot, and how many were allowed. */
export function evaluatorChecksPerSecond(snapshot: OrgAccessSnapshot, checks: readonly Check[], seconds = 2): { perSecond: number; allowed: number } {
  return checksPerSecond(checks, seconds, 1000, (c) => decide(snapshot, { userId: c.userId, action: c.action, resourceId: c.resourceId }).allowed);
}

/**
 * The same organization in node-casbin: RBAC with domains (the organization)
 * and the project hierarchy. Roles are "<resource>@<LEVEL>"; a level role
 * implies the lower ones; a project's role implies the same role on its live
 * assistants (its owner's, ADMIN); teams are roles of their members; org
 * owners hold every resource's ADMIN; live public assistants give MEMBER to
 * every member. Policies are per type: the minimum level of each action.
 * Not modelled (kept out of the comparison): capabilities (every role holds
 * those the actions need) and non-members.
 */
const CASBIN_MODEL = `
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = type, level, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = typeOf(r.obj) == p.type && r.act == p.act && g(r.sub, r.obj + "@" + p.level, r.dom)
`;

export async function casbinPeer(file: ImportFile, domain = 'org'): Promise<{ enforcer: Enforcer; buildMs: number; links: number }> {
  const started = performance.now();
  const enforcer = await newEnforcer(newModelFromString(CASBIN_MODEL));
  const types = new Map(file.resources.map((r) => [r.key, r.type] as const));
  await enforcer.addFunction('typeOf', (id: string) => types.get(id) ?? '');
  enforcer.enableAutoBuildRoleLinks(false);

  const policies: string[][] = [];
  for (const [type, definition] of Object.entries(RESOURCE_TYPE_REGISTRY) as [ResourceType, (typeof RESOURCE_TYPE_REGISTRY)[ResourceType]][]) {
    for (const [action, requirement] of Object.entries(definition.actions)) policies.push([type, requirement.minLevel, action]);
  }
  const links: string[][] = [];
  const link = (from: string, to: string) => links.push([from, to, domain]);
  const lower: Partial<Record<AccessLevel, AccessLevel>> = { OWNER: 'ADMIN', ADMIN: 'EDITOR', EDITOR: 'MEMBER', MEMBER: 'VIEWER' };
  const children = new Map<string, string[]>();
  for (const r of file.resources) {
    for (const level of ACCESS_LEVELS) {
      const next = lower[level];
      if (next) link(`${r.key}@${level}`, `${r.key}@${next}`);
    }
    link(r.owner, `${r.key}@OWNER`);
    link('org-owners', `${r.key}@ADMIN`);
    if (r.parent && r.status === 'LIVE') {
      children.set(r.parent, [...(children.get(r.parent) ?? []), r.key]);
      if (r.visibility === 'PUBLIC') link('members', `${r.key}@MEMBER`);
    }
  }
  for (const [parent, kids] of children) {
    for (const kid of kids) {
      link(`${parent}@OWNER`, `${kid}@ADMIN`);
      for (const level of ['ADMIN', 'MEMBER'] as const) link(`${parent}@${level}`, `${kid}@${level}`);
    }
  }
  const draft = new Set(file.resources.filter((r) => r.type === 'ASSISTANT' && r.status !== 'LIVE').map((r) => r.key));
  for (const m of file.members) {
    link(m.key, 'members');
    if (m.role === 'OWNER') link(m.key, 'org-owners');
  }
  for (const t of file.teams) for (const m of t.members) link(m.member, `team:${t.key}`);
  for (const g of file.grants) {
    if (draft.has(g.resource)) continue; // grants do not reach drafts
    link(g.user ?? `team:${g.team}`, `${g.resource}@${g.level}`);
  }
  await enforcer.addPolicies(policies);
  await enforcer.addGroupingPolicies(links);
  await enforcer.buildRoleLinks();
  return { enforcer, buildMs: performance.now() - started, links: links.length };
}

/** Checks per second of casbin's synchronous enforcer on the same checks. */
export function casbinChecksPerSecond(enforcer: Enforcer, checks: readonly Check[], seconds = 2, domain = 'org'): { perSecond: number; allowed: number } {
  return checksPerSecond(checks, seconds, 20, (c) => enforcer.enforceSync(c.userId, domain, c.resourceId, c.action));
}

/** How often the two agree on the same checks (they model the same rules except capabilities). */
export function agreement(snapshot: OrgAccessSnapshot, enforcer: Enforcer, checks: readonly Check[], domain = 'org'): number {
  let same = 0;
  for (const c of checks) {
    const ours = decide(snapshot, { userId: c.userId, action: c.action, resourceId: c.resourceId });
    const theirs = enforcer.enforceSync(c.userId, domain, c.resourceId, c.action);
    if (ours.allowed === theirs || (!ours.allowed && ours.denial?.kind === 'MISSING_CAPABILITY')) same++;
  }
  return same / checks.length;
}
