import fc from 'fast-check';
import { RESOURCE_TYPES } from '@rolegraph/shared';
import { effectiveLevel } from '../../../src/access/evaluator';
import { committedLevelChanges, type ChangedKeys } from '../../../src/access/committedChanges';
import type { LevelChange } from '../../../src/access/levelChanges';
import type { OrgAccessSnapshot } from '../../../src/access/orgSnapshot';
import { snapshotOf, type OrgSpec } from './orgBuilder';
import { CALLERS, orgArbitrary } from './randomOrganization';

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

const byKey = (changes: readonly LevelChange[]) => [...changes].map((c) => `${c.userId}|${c.resourceId}|${c.before}>${c.after}`).sort();

describe('the levels a commit moved', () => {
  it('are exactly the levels that differ before and after it, for everyone on everything', () => {
    fc.assert(
      fc.property(orgArbitrary, orgArbitrary, fc.func(fc.boolean()), (a, b, fromB) => {
        const mixed = mix(a, b, fromB);
        const before = snapshotOf(a);
        const after = snapshotOf(mixed);
        expect(byKey(committedLevelChanges(before, after, changedKeys(a, mixed)))).toEqual(byKey(everyDifference(before, after)));
      }),
      { numRuns: 300 },
    );
  });

  it('are none when nothing changed', () => {
    fc.assert(
      fc.property(orgArbitrary, (a) => {
        expect(committedLevelChanges(snapshotOf(a), snapshotOf(a), { members: [], teams: [], teamMembers: [], resources: [], grants: [] })).toEqual([]);
      }),
    );
  });
});
