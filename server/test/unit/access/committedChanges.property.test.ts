import fc from 'fast-check';
import { RESOURCE_TYPES } from '@rolegraph/shared';
import { accessibleResources, effectiveLevel } from '../../../src/access/evaluator';
import { committedLevelChanges, type ChangedKeys } from '../../../src/access/committedChanges';
import type { LevelChange } from '../../../src/access/levelChanges';
import type { OrgAccessSnapshot } from '../../../src/access/orgSnapshot';
import { DeltaGraph, type RowChanges } from '../../../src/access/deltaGraph';
import type { AccessGraph } from '../../../src/access/accessGraph';
import { snapshotOf, type OrgSpec } from './orgBuilder';
import { CALLERS, USERS, orgArbitrary } from './randomOrganization';

/*
 * What the change log records for a commit equals the difference between
 * checks before and after it, for every person (and the public) on every
 * resource: for random organizations, and a commit that turns one into
 * another by taking each row from the first or the second, the changes
 * computed within the reach of the changed keys are exactly the levels that
 * differ anywhere (for each member, and for the public: anyone else).
 */

/** Each row (by key) from `a` or from `b`, as `fromB` says; what no longer hangs together goes, as the database cascades it. */
function mix(a: OrgSpec, b: OrgSpec, fromB: (key: string) => boolean): OrgSpec {
  const pickRows = <T>(rowsA: T[], rowsB: T[], keyOf: (row: T) => string): T[] => {
    const keys = new Set([...rowsA, ...rowsB].map(keyOf));
    const rows: T[] = [];
    for (const key of keys) {
      const row = fromB(key) ? rowsB.find((r) => keyOf(r) === key) : rowsA.find((r) => keyOf(r) === key);
      if (row) rows.push(row);
    }
    return rows;
  };
  const members = pickRows(a.members, b.members, (m) => `member:${m.id}`);
  const teams = pickRows(a.teams, b.teams, (t) => `team:${t.id}`).map((t) => ({ ...t, members: [...t.members] }));
  let resources = pickRows(a.resources, b.resources, (r) => `resource:${r.id}`);
  resources = resources.filter((r) => !r.parentId || resources.some((p) => p.id === r.parentId));
  const grants = pickRows(a.grants, b.grants, (g) => `grant:${g.id}`).filter((g) => resources.some((r) => r.id === g.resourceId));
  const seen = new Set<string>();
  const uniqueGrants = grants.filter((g) => {
    const key = `${g.resourceId}|${g.userId ?? g.teamId}`;
    if (seen.has(key) || (g.teamId && !teams.some((t) => t.id === g.teamId))) return false;
    seen.add(key);
    return true;
  });
  return { members, teams, resources, grants: uniqueGrants };
}

/** The keys whose rows differ, as the database's change log would record them. */
function changedKeys(a: OrgSpec, b: OrgSpec): ChangedKeys {
  const differ = <T>(rowsA: T[], rowsB: T[], keyOf: (row: T) => string): string[] => {
    const mapA = new Map(rowsA.map((r) => [keyOf(r), JSON.stringify(r)]));
    const mapB = new Map(rowsB.map((r) => [keyOf(r), JSON.stringify(r)]));
    return [...new Set([...mapA.keys(), ...mapB.keys()])].filter((k) => mapA.get(k) !== mapB.get(k));
  };
  const teamMembers = (org: OrgSpec) => org.teams.flatMap((t) => t.members.map((m) => ({ teamId: t.id, userId: m.userId, role: m.role ?? 'MEMBER' })));
  return {
    members: differ(a.members, b.members, (m) => m.id),
    teams: differ(
      a.teams.map((t) => ({ id: t.id })),
      b.teams.map((t) => ({ id: t.id })),
      (t) => t.id,
    ),
    teamMembers: differ(teamMembers(a), teamMembers(b), (tm) => `${tm.teamId}|${tm.userId}`).map((k) => {
      const [teamId, userId] = k.split('|');
      return { teamId: teamId!, userId: userId! };
    }),
    resources: differ(a.resources, b.resources, (r) => r.id),
    grants: differ(a.grants, b.grants, (g) => g.id),
  };
}

function everyDifference(before: OrgAccessSnapshot, after: OrgAccessSnapshot): LevelChange[] {
  const ids = new Set(RESOURCE_TYPES.flatMap((type) => [...before.resourcesOfType(type), ...after.resourcesOfType(type)].map((r) => r.id)));
  // Members before or after, one by one; anyone else is the public (null): a stranger has no level but the public one.
  const members = new Set([...before.members(), ...after.members()].map(([id]) => id));
  const changes: LevelChange[] = [];
  for (const userId of CALLERS.filter((c) => c === null || members.has(c))) {
    for (const resourceId of ids) {
      const was = before.resource(resourceId) ? effectiveLevel(before, userId, resourceId) : 'NONE';
      const will = after.resource(resourceId) ? effectiveLevel(after, userId, resourceId) : 'NONE';
      if (was !== will) changes.push({ userId, resourceId, before: was, after: will });
    }
  }
  return changes;
}

/** The same organization with no grant ending: the log counts a grant until its row is removed, ended or not. */
const withoutEnds = (org: OrgSpec): OrgSpec => ({ ...org, grants: org.grants.map((g) => ({ ...g, expiresAt: null })) });

const byKey = (changes: readonly LevelChange[]) => [...changes].map((c) => `${c.userId}|${c.resourceId}|${c.before}>${c.after}`).sort();

describe('the levels a commit moved', () => {
  it('are exactly the levels that differ before and after it, for everyone on everything (a grant counting until removed)', () => {
    fc.assert(
      fc.property(orgArbitrary, orgArbitrary, fc.func(fc.boolean()), (a, b, fromB) => {
        const mixed = mix(a, b, fromB);
        const before = snapshotOf(a);
        const after = snapshotOf(mixed);
        expect(byKey(committedLevelChanges(before, after, changedKeys(a, mixed)))).toEqual(
          byKey(everyDifference(snapshotOf(withoutEnds(a)), snapshotOf(withoutEnds(mixed)))),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('include the end of an ended grant when its row is removed (the sweep), though checks stopped counting it at its end', () => {
    const org: OrgSpec = {
      members: [
        { id: 'u1', role: 'OWNER' },
        { id: 'u2', role: 'USER' },
      ],
      teams: [],
      resources: [{ id: 'c1', type: 'CORPUS', ownerId: 'u1' }],
      grants: [{ id: 'g1', resourceId: 'c1', userId: 'u2', level: 'EDITOR', expiresAt: Date.now() - 1 }],
    };
    const swept: OrgSpec = { ...org, grants: [] };
    const before = snapshotOf(org);
    expect(effectiveLevel(before, 'u2', 'c1')).toBe('NONE');
    expect(committedLevelChanges(before, snapshotOf(swept), changedKeys(org, swept))).toEqual([
      { userId: 'u2', resourceId: 'c1', before: 'EDITOR', after: 'NONE' },
    ]);
  });

  it('are none when nothing changed', () => {
    fc.assert(
      fc.property(orgArbitrary, (a) => {
        expect(committedLevelChanges(snapshotOf(a), snapshotOf(a), { members: [], teams: [], teamMembers: [], resources: [], grants: [] })).toEqual([]);
      }),
    );
  });
});

/** A commit's rows as the database's delta returns them: the current state (in `after`) of every changed key. */
function rowChangesOf(after: OrgAccessSnapshot, keys: ChangedKeys): RowChanges {
  return {
    teams: keys.teams.map((id) => [id, after.teamExists(id)] as const),
    members: keys.members.map((id) => [id, after.memberRole(id) ?? null] as const),
    teamMembers: keys.teamMembers.map(
      ({ teamId, userId }) => [teamId, userId, [...after.teamMembers(teamId)].find((m) => m.userId === userId)?.role ?? null] as const,
    ),
    resources: keys.resources.map((id) => [id, after.resource(id) ?? null] as const),
    grants: keys.grants.map((id) => [id, after.grantById(id) ?? null] as const),
  };
}

/** Everything a graph answers about the ids of two organizations, in a comparable form. */
function readings(graph: AccessGraph, resourceIds: readonly string[], teamIds: readonly string[]): unknown {
  const ids = (nodes: Iterable<{ id: string }>) => [...nodes].map((n) => n.id).sort();
  const grants = (edges: Iterable<{ id: string; level: string; resourceId: string; subjectId: string }>) =>
    [...edges].map((g) => `${g.id}:${g.level}:${g.resourceId}:${g.subjectId}`).sort();
  return {
    members: [...graph.members()].map(([id, role]) => `${id}:${role}`).sort(),
    roles: USERS.map((u) => graph.memberRole(u) ?? null),
    resources: resourceIds.map((id) => graph.resource(id) ?? null),
    byType: RESOURCE_TYPES.map((t) => graph.resourcesOfType(t).map((r) => r.id)),
    children: resourceIds.map((id) => ids(graph.childrenOf(id))),
    owned: USERS.map((u) => ids(graph.resourcesOwnedBy(u))),
    publicAssistants: graph.publicAssistants().map((r) => r.id),
    grantsOn: resourceIds.map((id) => grants(graph.grantsOn(id))),
    grantsToUsers: USERS.map((u) => grants(graph.grantsTo('USER', u))),
    grantsToTeams: teamIds.map((t) => grants(graph.grantsTo('TEAM', t))),
    teamsOf: USERS.map((u) => [...graph.teamsOf(u)].sort()),
    teamMembers: teamIds.map((t) => [...graph.teamMembers(t)].map((m) => `${m.userId}:${m.role}`).sort()),
    teamExists: teamIds.map((t) => graph.teamExists(t)),
    levels: CALLERS.map((u) => resourceIds.map((id) => (graph.resource(id) ? effectiveLevel(graph, u, id) : 'NONE'))),
    listings: USERS.map((u) => RESOURCE_TYPES.map((t) => accessibleResources(graph, u, t, 'read').map((r) => r.id))),
  };
}

describe('a commit laid over the graph (DeltaGraph), without copying it', () => {
  it('answers every read exactly as the snapshot with the commit applied, and moves the same levels', () => {
    fc.assert(
      fc.property(orgArbitrary, orgArbitrary, fc.func(fc.boolean()), (a, b, fromB) => {
        const mixed = mix(a, b, fromB);
        const before = snapshotOf(a);
        const after = snapshotOf(mixed);
        const keys = changedKeys(a, mixed);
        const overlaid = new DeltaGraph(before, rowChangesOf(after, keys));
        const resourceIds = [...new Set([...a.resources, ...b.resources].map((r) => r.id))];
        const teamIds = [...new Set([...a.teams, ...b.teams].map((t) => t.id))];
        expect(readings(overlaid, resourceIds, teamIds)).toEqual(readings(after, resourceIds, teamIds));
        expect(byKey(committedLevelChanges(before, overlaid, keys))).toEqual(byKey(committedLevelChanges(before, after, keys)));
      }),
      { numRuns: 300 },
    );
  });

  it('follows the snapshot’s cascades for any rows, even when the rows a removal takes along are not listed', () => {
    fc.assert(
      fc.property(orgArbitrary, orgArbitrary, fc.func(fc.boolean()), fc.func(fc.boolean()), (a, b, fromB, listed) => {
        const mixed = mix(a, b, fromB);
        const after = snapshotOf(mixed);
        const all = rowChangesOf(after, changedKeys(a, mixed));
        const keep = <T extends readonly unknown[]>(rows: readonly T[]) => rows.filter((row) => listed(JSON.stringify(row)));
        const rows: RowChanges = {
          teams: keep(all.teams),
          members: keep(all.members),
          teamMembers: keep(all.teamMembers),
          resources: keep(all.resources),
          grants: keep(all.grants),
        };
        // The snapshot itself, changed by the same rows in the same order.
        const applied = snapshotOf(a);
        for (const [id, present] of rows.teams) {
          if (present) applied.upsertTeam(id);
          else applied.removeTeam(id);
        }
        for (const [id, role] of rows.members) {
          if (role) applied.upsertMember(id, role);
          else applied.removeMember(id);
        }
        for (const [teamId, userId, role] of rows.teamMembers) {
          if (role) applied.upsertTeamMember({ teamId, userId, role });
          else applied.removeTeamMember(teamId, userId);
        }
        for (const [id, node] of rows.resources) {
          if (node) applied.upsertResource(node);
          else applied.removeResource(id);
        }
        for (const [id, edge] of rows.grants) {
          if (edge) applied.upsertGrant(edge);
          else applied.removeGrant(id);
        }
        const resourceIds = [...new Set([...a.resources, ...b.resources].map((r) => r.id))];
        const teamIds = [...new Set([...a.teams, ...b.teams].map((t) => t.id))];
        expect(readings(new DeltaGraph(snapshotOf(a), rows), resourceIds, teamIds)).toEqual(readings(applied, resourceIds, teamIds));
      }),
      { numRuns: 300 },
    );
  });
});
