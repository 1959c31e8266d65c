import fc from 'fast-check';
import { RESOURCE_TYPES, RESOURCE_TYPE_REGISTRY, type GrantLevel, type OrgRole } from '@rolegraph/shared';
import { accessibleResources, effectiveLevel } from '../../../src/access/evaluator';
import type { AccessGraph } from '../../../src/access/accessGraph';
import { levelChanges, levelChangesWithin, type LevelChange } from '../../../src/access/levelChanges';
import { overlayChange, overlayInOrder, reachOfChange, resourceAndDescendants, type PlannedChange } from '../../../src/access/plannedChange';
import { readersOf, userLevelReader, usersAbovePublicLevel } from '../../../src/access/userLevels';
import { snapshotOf, specExample, type OrgSpec } from './orgBuilder';
import { CALLERS, NOW, orgArbitrary, USERS } from './randomOrganization';

/*
 * The preview of a change equals the difference between checks before and
 * after really making it: for random organizations and every kind of change,
 * the levels the overlay says will move are exactly those that move when the
 * change is applied to the organization itself (here: to its plain
 * description, rebuilt from scratch), for every person and every resource.
 */

const LEVELS: GrantLevel[] = ['VIEWER', 'MEMBER', 'EDITOR', 'ADMIN'];
const ROLES: OrgRole[] = ['OWNER', 'ADMIN', 'USER'];

/** A change that makes sense in `org` (it names ids that exist there), chosen by the numbers given. */
function changeArbitrary(org: OrgSpec): fc.Arbitrary<PlannedChange> {
  const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
  const members = org.members.map((m) => m.id);
  const options: fc.Arbitrary<PlannedChange>[] = [];
  const n = fc.nat();
  if (members.length) {
    options.push(fc.record({ u: n, r: n }).map(({ u, r }) => ({ kind: 'SET_ROLE', userId: pick(members, u), role: pick(ROLES, r) }) as const));
    options.push(
      fc.record({ u: n, to: n, reassign: fc.boolean() }).map(({ u, to, reassign }) => {
        const userId = pick(members, u);
        const heir = members.filter((m) => m !== userId);
        return { kind: 'REMOVE_MEMBER', userId, reassignTo: reassign && heir.length ? pick(heir, to) : null } as const;
      }),
    );
  }
  if (org.teams.length && members.length) {
    options.push(
      fc
        .record({ t: n, u: n })
        .map(({ t, u }) => ({ kind: 'ADD_TEAM_MEMBER', teamId: pick(org.teams, t).id, userId: pick(members, u), role: 'MEMBER' }) as const),
    );
    options.push(
      fc.record({ t: n, u: n }).map(({ t, u }) => {
        const team = pick(org.teams, t);
        return { kind: 'REMOVE_TEAM_MEMBER', teamId: team.id, userId: team.members.length ? pick(team.members, u).userId : pick(members, u) } as const;
      }),
    );
  }
  if (org.teams.length) options.push(n.map((t) => ({ kind: 'DELETE_TEAM', teamId: pick(org.teams, t).id }) as const));
  if (org.resources.length) options.push(n.map((r) => ({ kind: 'DELETE_RESOURCE', resourceId: pick(org.resources, r).id }) as const));
  if (org.resources.length) {
    const subject = fc
      .record({ team: fc.boolean(), s: n })
      .map(({ team, s }) =>
        team && org.teams.length
          ? ({ subjectType: 'TEAM', subjectId: pick(org.teams, s).id } as const)
          : ({ subjectType: 'USER', subjectId: pick(USERS, s) } as const),
      );
    options.push(
      fc.record({ r: n, subject, l: n, ends: fc.constantFrom('never', 'ended', 'later') }).map(
        ({ r, subject: who, l, ends }) =>
          ({
            kind: 'SET_GRANT',
            resourceId: pick(org.resources, r).id,
            ...who,
            level: pick(LEVELS, l),
            expiresAt: ends === 'never' ? null : ends === 'ended' ? NOW - 5 : NOW + 5,
          }) as const,
      ),
    );
    options.push(
      fc.record({ g: n, r: n, subject }).map(({ g, r, subject: who }) => {
        const grant = org.grants.length ? pick(org.grants, g) : undefined;
        return grant
          ? ({
              kind: 'REMOVE_GRANT',
              resourceId: grant.resourceId,
              subjectType: grant.userId ? 'USER' : 'TEAM',
              subjectId: (grant.userId ?? grant.teamId)!,
            } as const)
          : ({ kind: 'REMOVE_GRANT', resourceId: pick(org.resources, r).id, ...who } as const);
      }),
    );
    options.push(
      fc
        .record({ r: n, to: n, keep: fc.boolean() })
        .map(
          ({ r, to, keep }) => ({ kind: 'TRANSFER_OWNERSHIP', resourceId: pick(org.resources, r).id, toUserId: pick(USERS, to), keepAccess: keep }) as const,
        ),
    );
    const assistants = org.resources.filter((r) => r.type === 'ASSISTANT');
    if (assistants.length) {
      options.push(
        fc
          .record({ a: n, status: fc.constantFrom('DRAFT', 'LIVE', null), visibility: fc.constantFrom('PRIVATE', 'PUBLIC', null) })
          .map(({ a, status, visibility }) => ({ kind: 'SET_STATUS', resourceId: pick(assistants, a).id, status, visibility }) as const),
      );
    }
  }
  return fc.oneof(...options);
}

let planned = 0;

/** The change made to the organization's plain description: what the commands do, written again without the overlay. */
function applyToSpec(org: OrgSpec, change: PlannedChange): OrgSpec {
  const next: OrgSpec = structuredClone(org);
  const subjectOf = (g: OrgSpec['grants'][number]) => (g.userId ? { type: 'USER', id: g.userId } : { type: 'TEAM', id: g.teamId! });
  const without = (resourceId: string, type: string, id: string) =>
    (next.grants = next.grants.filter((g) => !(g.resourceId === resourceId && subjectOf(g).type === type && subjectOf(g).id === id)));
  switch (change.kind) {
    case 'SET_ROLE':
      next.members = next.members.map((m) => (m.id === change.userId ? { ...m, role: change.role } : m));
      break;
    case 'REMOVE_MEMBER':
      next.members = next.members.filter((m) => m.id !== change.userId);
      next.grants = next.grants.filter((g) => g.userId !== change.userId);
      for (const team of next.teams) team.members = team.members.filter((m) => m.userId !== change.userId);
      if (change.reassignTo) for (const r of next.resources) if (r.ownerId === change.userId) r.ownerId = change.reassignTo;
      break;
    case 'ADD_TEAM_MEMBER': {
      const team = next.teams.find((t) => t.id === change.teamId)!;
      if (!team.members.some((m) => m.userId === change.userId)) team.members.push({ userId: change.userId, role: change.role });
      break;
    }
    case 'REMOVE_TEAM_MEMBER': {
      const team = next.teams.find((t) => t.id === change.teamId)!;
      team.members = team.members.filter((m) => m.userId !== change.userId);
      break;
    }
    case 'SET_GRANT': {
      without(change.resourceId, change.subjectType, change.subjectId);
      const subject = change.subjectType === 'USER' ? { userId: change.subjectId } : { teamId: change.subjectId };
      next.grants.push({ id: `applied-${++planned}`, resourceId: change.resourceId, ...subject, level: change.level, expiresAt: change.expiresAt });
      break;
    }
    case 'REMOVE_GRANT':
      without(change.resourceId, change.subjectType, change.subjectId);
      break;
    case 'SET_STATUS': {
      const r = next.resources.find((x) => x.id === change.resourceId)!;
      if (change.status) r.status = change.status;
      if (change.visibility) r.visibility = change.visibility;
      break;
    }
    case 'DELETE_TEAM':
      next.teams = next.teams.filter((t) => t.id !== change.teamId);
      next.grants = next.grants.filter((g) => g.teamId !== change.teamId);
      break;
    case 'DELETE_RESOURCE': {
      // The database's cascade: the resource, its children, their children, and every grant on them.
      const gone = new Set([change.resourceId]);
      for (let size = 0; gone.size !== size;) {
        size = gone.size;
        for (const r of next.resources) if (r.parentId && gone.has(r.parentId)) gone.add(r.id);
      }
      next.resources = next.resources.filter((r) => !gone.has(r.id));
      next.grants = next.grants.filter((g) => !gone.has(g.resourceId));
      break;
    }
    case 'TRANSFER_OWNERSHIP': {
      const r = next.resources.find((x) => x.id === change.resourceId)!;
      const previous = r.ownerId;
      r.ownerId = change.toUserId;
      if (change.keepAccess && org.members.some((m) => m.id === previous)) {
        without(r.id, 'USER', previous);
        next.grants.push({ id: `applied-${++planned}`, resourceId: r.id, userId: previous, level: 'ADMIN', expiresAt: null });
      }
      break;
    }
  }
  return next;
}

function bruteForce(before: OrgSpec, after: OrgSpec): LevelChange[] {
  const was = snapshotOf(before).at(NOW);
  const will = snapshotOf(after).at(NOW);
  const changes: LevelChange[] = [];
  // People who are members on either side, and everyone else as one (null): a public assistant's "everyone".
  const people = [...new Set([...before.members, ...after.members].map((m) => m.id)), null];
  for (const userId of people) {
    for (const resource of before.resources) {
      const a = effectiveLevel(was, userId, resource.id);
      // A deleted resource: nobody has anything on it.
      const b = will.resource(resource.id) ? effectiveLevel(will, userId, resource.id) : 'NONE';
      if (a !== b) changes.push({ userId, resourceId: resource.id, before: a, after: b });
    }
  }
  return changes;
}

const key = (c: LevelChange) => `${c.userId ?? '(everyone)'} ${c.resourceId} ${c.before}→${c.after}`;

describe('a planned change, laid over the organization', () => {
  it('moves exactly the levels that really making the change moves, for everyone and every resource', () => {
    fc.assert(
      fc.property(
        orgArbitrary.chain((org) => fc.tuple(fc.constant(org), changeArbitrary(org))),
        ([org, change]) => {
          const before = snapshotOf(org).at(NOW);
          const previewed = levelChanges(before, overlayChange(before, change), reachOfChange(before, change));
          expect(previewed.map(key).sort()).toEqual(bruteForce(org, applyToSpec(org, change)).map(key).sort());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('several changes made in order move exactly the levels that making them all moves', () => {
    // What removes a member, a team or a resource comes last: a change after it could name what is gone, which the API refuses.
    const removes = (change: PlannedChange) => change.kind === 'REMOVE_MEMBER' || change.kind === 'DELETE_TEAM' || change.kind === 'DELETE_RESOURCE';
    fc.assert(
      fc.property(
        orgArbitrary.chain((org) => fc.tuple(fc.constant(org), fc.array(changeArbitrary(org), { minLength: 2, maxLength: 4 }))),
        ([org, changes]) => {
          fc.pre(!changes.slice(0, -1).some(removes));
          const before = snapshotOf(org).at(NOW);
          const { after, reaches } = overlayInOrder(before, changes, (_graph, change) => change);
          const made = changes.reduce(applyToSpec, org);
          const previewed = levelChangesWithin(before, after, reaches);
          expect(previewed.map(key).sort()).toEqual(bruteForce(org, made).map(key).sort());
          // In levelChanges' order: by user (everyone last), then by resource.
          const whole = levelChanges(before, after, { users: 'ALL', resources: 'ALL' });
          expect(previewed.map(key)).toEqual(whole.map(key));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reaches nothing for a role change between Admin and User (only Owner gives a level); to or from Owner, all of that member’s', () => {
    const org = specExample();
    const before = snapshotOf(org).at(NOW);
    // Ravi is an admin, Jo a user, Hana the owner.
    expect(reachOfChange(before, { kind: 'SET_ROLE', userId: 'ravi', role: 'USER' })).toEqual({ users: new Set(), resources: new Set() });
    expect(reachOfChange(before, { kind: 'SET_ROLE', userId: 'jo', role: 'ADMIN' })).toEqual({ users: new Set(), resources: new Set() });
    expect(reachOfChange(before, { kind: 'SET_ROLE', userId: 'jo', role: 'OWNER' })).toEqual({ users: new Set(['jo']), resources: 'ALL' });
    expect(reachOfChange(before, { kind: 'SET_ROLE', userId: 'hana', role: 'ADMIN' })).toEqual({ users: new Set(['hana']), resources: 'ALL' });
  });

  it('reaches what an earlier change opens to a later one: a member joins a team, then the team is given a project', () => {
    const org = { ...specExample(), teams: [{ id: 'data', members: [{ userId: 'jo' }] }] };
    const before = snapshotOf(org).at(NOW);
    const changes: PlannedChange[] = [
      { kind: 'ADD_TEAM_MEMBER', teamId: 'data', userId: 'kim', role: 'MEMBER' },
      { kind: 'SET_GRANT', resourceId: 'P', subjectType: 'TEAM', subjectId: 'data', level: 'MEMBER', expiresAt: null },
    ];
    const { after, reaches } = overlayInOrder(before, changes, (_graph, change) => change);
    // Kim owns the assistant already; the project is what she gains, through a team she was not yet in.
    expect(levelChangesWithin(before, after, reaches).map(key).sort()).toEqual(['jo A NONE→MEMBER', 'jo P NONE→MEMBER', 'kim P NONE→MEMBER']);
  });

  it('lists what each user may act on exactly as the organization with the change made, in the same order', () => {
    fc.assert(
      fc.property(
        orgArbitrary.chain((org) => fc.tuple(fc.constant(org), changeArbitrary(org))),
        ([org, change]) => {
          const overlaid = overlayChange(snapshotOf(org).at(NOW), change);
          const made = snapshotOf(applyToSpec(org, change)).at(NOW);
          const ids = (nodes: readonly { id: string }[]) => nodes.map((node) => node.id);
          expect(ids(overlaid.publicAssistants())).toEqual(ids(made.publicAssistants()));
          const grantsOn = (graph: AccessGraph, resourceId: string) =>
            [...graph.grantsOn(resourceId)].map((g) => `${g.subjectType} ${g.subjectId} ${g.level} ${g.expiresAt}`).sort();
          const members = (graph: AccessGraph, teamId: string) => [...graph.teamMembers(teamId)].map((m) => m.userId).sort();
          for (const r of org.resources) {
            expect(overlaid.resource(r.id)?.id).toBe(made.resource(r.id)?.id);
            expect(grantsOn(overlaid, r.id)).toEqual(grantsOn(made, r.id));
            expect(ids([...overlaid.childrenOf(r.id)])).toEqual(ids([...made.childrenOf(r.id)]));
          }
          for (const team of org.teams) {
            expect(overlaid.teamExists(team.id)).toBe(made.teamExists(team.id));
            expect(members(overlaid, team.id)).toEqual(members(made, team.id));
          }
          for (const userId of USERS) {
            for (const type of RESOURCE_TYPES) {
              for (const action of Object.keys(RESOURCE_TYPE_REGISTRY[type].actions)) {
                expect(ids(accessibleResources(overlaid, userId, type, action))).toEqual(ids(accessibleResources(made, userId, type, action)));
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves the graph underneath untouched', () => {
    fc.assert(
      fc.property(
        orgArbitrary.chain((org) => fc.tuple(fc.constant(org), changeArbitrary(org))),
        ([org, change]) => {
          const before = snapshotOf(org).at(NOW);
          const levels = () => CALLERS.flatMap((u) => org.resources.map((r) => effectiveLevel(before, u, r.id)));
          const untouched = levels();
          overlayChange(before, change);
          expect(levels()).toEqual(untouched);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names everyone who may hold more than the public’s level on a resource: anyone else has exactly the public’s level', () => {
    fc.assert(
      fc.property(
        orgArbitrary.chain((org) => fc.tuple(fc.constant(org), changeArbitrary(org))),
        ([org, change]) => {
          const before = snapshotOf(org).at(NOW);
          for (const graph of [before, overlayChange(before, change)]) {
            for (const r of org.resources) {
              if (!graph.resource(r.id)) continue;
              const named = usersAbovePublicLevel(graph, [r.id]);
              for (const userId of USERS) {
                if (!named.has(userId)) expect(effectiveLevel(graph, userId, r.id)).toBe(effectiveLevel(graph, null, r.id));
              }
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds who reads what a change touches: every member with a level on it before or after, or all when the public has one', () => {
    fc.assert(
      fc.property(
        orgArbitrary.chain((org) => fc.tuple(fc.constant(org), changeArbitrary(org), fc.nat())),
        ([org, change, r]) => {
          if (org.resources.length === 0) return;
          const before = snapshotOf(org).at(NOW);
          const graphs = [before, overlayChange(before, change)];
          // A resource with its descendants, as a deletion reaches them.
          const ids = [...resourceAndDescendants(before, org.resources[r % org.resources.length]!.id)];
          const reads = (userId: string | null) =>
            graphs.some((graph) => ids.some((id) => graph.resource(id) !== undefined && effectiveLevel(graph, userId, id) !== 'NONE'));
          const readers = readersOf(graphs, ids);
          if (reads(null)) expect(readers).toBe('ALL');
          else expect(readers === 'ALL' ? readers : [...readers].sort()).toEqual(USERS.filter((userId) => reads(userId)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads one user’s levels across resources exactly as the evaluator decides each, before and after the change', () => {
    fc.assert(
      fc.property(
        orgArbitrary.chain((org) => fc.tuple(fc.constant(org), changeArbitrary(org))),
        ([org, change]) => {
          const before = snapshotOf(org).at(NOW);
          const after = overlayChange(before, change);
          for (const graph of [before, after]) {
            for (const userId of CALLERS) {
              const read = userLevelReader(graph, userId);
              // Children before parents and parents before children: what is reused must not depend on the order asked.
              for (const r of [...org.resources, ...[...org.resources].reverse()]) {
                const node = graph.resource(r.id);
                if (node) expect(read(node)).toBe(effectiveLevel(graph, userId, r.id));
              }
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
