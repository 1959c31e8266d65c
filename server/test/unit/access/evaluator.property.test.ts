import fc from 'fast-check';
import type { OrgRole, ResourceType } from '@rolegraph/shared';
import { accessibleResources, allowedActions, decide, effectiveLevel, explainAccess, resourceAccess } from '../../../src/access/evaluator';
import { OrgAccessSnapshot } from '../../../src/access/orgSnapshot';
import { snapshotOf as buildSnapshot, type OrgSpec } from './orgBuilder';
import { CALLERS, NOW, orgArbitrary, USERS } from './randomOrganization';

/** The organization's graph as it answers at NOW, the instant the random grants' end dates are set around. */
const snapshotOf = (org: OrgSpec) => buildSnapshot(org).at(NOW);

/*
 * The evaluator against a deliberately simple reference model, written from
 * the rules in docs/access-model.md alone: no shared code, the action table
 * re-typed from that document, every path enumerated naively.
 */

const RANK = { NONE: 0, VIEWER: 1, MEMBER: 2, EDITOR: 3, ADMIN: 4, OWNER: 5 } as const;
type Level = keyof typeof RANK;

/** The actions table of docs/access-model.md, re-typed: action → [minimum level, capability needed or null]. */
const DOCUMENTED_ACTIONS: Record<ResourceType, Record<string, [Level, string | null]>> = {
  PROJECT: {
    read: ['MEMBER', null],
    createAssistant: ['MEMBER', 'assistants.create'],
    update: ['ADMIN', null],
    delete: ['ADMIN', null],
    manageAccess: ['ADMIN', 'assets.share'],
    transferOwnership: ['OWNER', null],
  },
  ASSISTANT: {
    read: ['MEMBER', null],
    chat: ['MEMBER', null],
    update: ['ADMIN', null],
    delete: ['ADMIN', null],
    manageAccess: ['ADMIN', 'assets.share'],
    setStatus: ['ADMIN', null],
    setVisibility: ['ADMIN', null],
    transferOwnership: ['OWNER', null],
  },
  CORPUS: {
    read: ['VIEWER', null],
    editDocuments: ['EDITOR', null],
    reindex: ['EDITOR', null],
    delete: ['ADMIN', null],
    manageAccess: ['ADMIN', 'assets.share'],
    transferOwnership: ['OWNER', null],
  },
  CONNECTION: {
    read: ['MEMBER', null],
    use: ['MEMBER', 'connections.use'],
    readCredentials: ['ADMIN', null],
    updateCredentials: ['ADMIN', null],
    update: ['ADMIN', null],
    delete: ['ADMIN', null],
    manageAccess: ['ADMIN', 'assets.share'],
    transferOwnership: ['OWNER', null],
  },
  SCHEMA_AGENT: {
    read: ['MEMBER', null],
    viewErd: ['MEMBER', null],
    useErd: ['MEMBER', null],
    run: ['EDITOR', 'schemaAgents.use'],
    update: ['ADMIN', null],
    delete: ['ADMIN', null],
    manageAccess: ['ADMIN', 'assets.share'],
    transferOwnership: ['OWNER', null],
  },
  SEMANTIC_MODEL: {
    read: ['VIEWER', null],
    reviewArtifacts: ['VIEWER', null],
    downloadArtifacts: ['VIEWER', null],
    participateInterview: ['EDITOR', null],
    runDbt: ['EDITOR', null],
    publish: ['EDITOR', 'publish'],
    update: ['ADMIN', null],
    delete: ['ADMIN', null],
    manageAccess: ['ADMIN', 'assets.share'],
    transferOwnership: ['OWNER', null],
  },
};
/** The permission matrix of docs/access-model.md: capabilities USER lacks (the rest every role has); ADMIN lacks the first three. */
const OWNER_ONLY = ['llmConfig.manage', 'billing.manage', 'apiKeys.manage'];
const NOT_FOR_USERS = [...OWNER_ONLY, 'users.manage', 'auditLog.read', 'teams.create', 'projects.create', 'connections.create'];
function refHasCapability(role: OrgRole, capability: string): boolean {
  if (role === 'OWNER') return true;
  if (role === 'ADMIN') return !OWNER_ONLY.includes(capability);
  return !NOT_FOR_USERS.includes(capability);
}

function refLevel(org: OrgSpec, userId: string | null, resourceId: string, countPublic = true): Level {
  const resource = org.resources.find((r) => r.id === resourceId)!;
  const found: Level[] = [];
  if (countPublic && resource.type === 'ASSISTANT' && resource.status === 'LIVE' && resource.visibility === 'PUBLIC') found.push('MEMBER');
  const member = org.members.find((m) => m.id === userId);
  if (member) {
    if (member.role === 'OWNER') found.push('ADMIN');
    if (resource.ownerId === userId) found.push('OWNER');
    const draft = resource.type === 'ASSISTANT' && resource.status === 'DRAFT';
    if (!draft) {
      const chain = [resource];
      let parentId = resource.parentId;
      while (parentId) {
        const parent = org.resources.find((r) => r.id === parentId)!;
        chain.push(parent);
        if (parent.ownerId === userId) found.push('ADMIN');
        parentId = parent.parentId;
      }
      for (const node of chain) {
        for (const g of org.grants.filter((x) => x.resourceId === node.id && (x.expiresAt === undefined || x.expiresAt === null || x.expiresAt > NOW))) {
          if (g.userId === userId) found.push(g.level);
          if (g.teamId && org.teams.find((t) => t.id === g.teamId)?.members.some((m) => m.userId === userId)) found.push(g.level);
        }
      }
    }
  }
  return found.reduce<Level>((best, l) => (RANK[l] > RANK[best] ? l : best), 'NONE');
}

function refAllowed(org: OrgSpec, userId: string | null, action: string, resourceId: string): boolean {
  const resource = org.resources.find((r) => r.id === resourceId)!;
  const [min, capability] = DOCUMENTED_ACTIONS[resource.type][action]!;
  const member = org.members.find((m) => m.id === userId);
  if (action === 'transferOwnership') {
    // The resource's owner; any org owner; users.manage for a resource whose owner has left.
    if (!member) return false;
    const ownerLeft = !org.members.some((m) => m.id === resource.ownerId);
    return resource.ownerId === userId || member.role === 'OWNER' || (ownerLeft && refHasCapability(member.role, 'users.manage'));
  }
  if (RANK[refLevel(org, userId, resourceId)] < RANK[min]) return false;
  if (!capability) return true;
  return member !== undefined && refHasCapability(member.role, capability);
}

describe('the evaluator agrees with the reference model', () => {
  it('on effective levels, explanations and every action of every resource', () => {
    fc.assert(
      fc.property(orgArbitrary, (org) => {
        const g = snapshotOf(org);
        for (const user of CALLERS) {
          for (const resource of org.resources) {
            const expected = refLevel(org, user, resource.id);
            expect(effectiveLevel(g, user, resource.id)).toBe(expected);
            const why = explainAccess(g, user, resource.id);
            expect(why.level).toBe(expected);
            expect(why.paths.filter((p) => p.winning)).toHaveLength(expected === 'NONE' ? 0 : 1);
            expect(why.winningPath?.level ?? 'NONE').toBe(expected);
            for (const path of why.paths) expect(RANK[path.level]).toBeLessThanOrEqual(RANK[expected]);
            for (const action of Object.keys(DOCUMENTED_ACTIONS[resource.type])) {
              expect(decide(g, { userId: user, action, resourceId: resource.id }).allowed).toBe(refAllowed(org, user, action, resource.id));
            }
            // The allowed actions (explainAccess, the web app's abilities) say exactly what decide allows.
            const allowed = allowedActions(g, user, resource.id).filter((a) => a in DOCUMENTED_ACTIONS[resource.type]);
            expect(allowed.sort()).toEqual(
              Object.keys(DOCUMENTED_ACTIONS[resource.type])
                .filter((a) => refAllowed(org, user, a, resource.id))
                .sort(),
            );
          }
        }
      }),
      { numRuns: 600 },
    );
  });

  it('accessibleResources lists exactly the allowed resources, in order', () => {
    fc.assert(
      fc.property(orgArbitrary, (org) => {
        const g = snapshotOf(org);
        for (const user of USERS) {
          for (const type of Object.keys(DOCUMENTED_ACTIONS) as ResourceType[]) {
            for (const action of Object.keys(DOCUMENTED_ACTIONS[type])) {
              const listed = accessibleResources(g, user, type, action).map((r) => r.id);
              const expected = org.resources.filter((r) => r.type === type && refAllowed(org, user, action, r.id));
              expect([...listed].sort()).toEqual(expected.map((r) => r.id).sort());
              const keys = listed.map((id) => `${(org.resources.find((r) => r.id === id)!.name ?? id).toLowerCase()}|${id}`);
              expect(keys).toEqual([...keys].sort());
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('resourceAccess names every member with access of their own, at their level; public access is one entry', () => {
    fc.assert(
      fc.property(orgArbitrary, (org) => {
        const g = snapshotOf(org);
        for (const resource of org.resources) {
          const entries = resourceAccess(g, resource.id);
          const byUser = new Map(entries.filter((e) => e.userId !== null).map((e) => [e.userId, e.level]));
          for (const member of org.members) {
            // Members whose only access is a live public assistant's are covered by the PUBLIC entry.
            const own = refLevel(org, member.id, resource.id, false);
            expect(byUser.get(member.id) ?? 'NONE').toBe(own === 'NONE' ? 'NONE' : refLevel(org, member.id, resource.id));
          }
          for (const userId of byUser.keys()) expect(org.members.some((m) => m.id === userId)).toBe(true);
          const isPublic = resource.type === 'ASSISTANT' && resource.status === 'LIVE' && resource.visibility === 'PUBLIC';
          expect(entries.some((e) => e.userId === null)).toBe(isPublic);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('snapshots converge', () => {
  /** Replays an organization as a shuffled stream of upserts with noise that is later undone, as the change log can deliver it. */
  it('applying changes in any order gives the same answers as building fresh', () => {
    fc.assert(
      fc.property(orgArbitrary, orgArbitrary, fc.integer(), (final, noise, seed) => {
        const target = buildSnapshot(final);
        const replayed = new OrgAccessSnapshot();
        // Noise: state that will be removed (another organization's shape under the same ids).
        const noisy = buildSnapshot(noise);
        for (const [userId, role] of noisy.members()) replayed.upsertMember(userId, role);
        for (const r of noise.resources) replayed.upsertResource(noisy.resource(r.id)!);
        for (const gr of noise.grants) replayed.upsertGrant({ ...[...noisy.grantsOn(gr.resourceId)].find((x) => x.id === gr.id)! });
        for (const t of noise.teams) {
          replayed.upsertTeam(t.id);
          for (const m of t.members) replayed.upsertTeamMember({ teamId: t.id, userId: m.userId, role: 'MEMBER' });
        }
        // Then every key of both states is re-read from the final state, in a shuffled order.
        const keys: (() => void)[] = [];
        for (const id of USERS)
          keys.push(() => {
            const role = target.memberRole(id);
            if (role) replayed.upsertMember(id, role);
            else replayed.removeMember(id);
          });
        const resourceIds = new Set([...final.resources, ...noise.resources].map((r) => r.id));
        for (const id of resourceIds)
          keys.push(() => {
            const node = target.resource(id);
            if (node) replayed.upsertResource(node);
            else replayed.removeResource(id);
          });
        const finalGrants = new Map(final.resources.flatMap((r) => [...target.grantsOn(r.id)]).map((x) => [x.id, x]));
        for (const id of new Set([...final.grants, ...noise.grants].map((x) => x.id)))
          keys.push(() => {
            const grant = finalGrants.get(id);
            if (grant) replayed.upsertGrant(grant);
            else replayed.removeGrant(id);
          });
        const teamIds = new Set([...final.teams, ...noise.teams].map((t) => t.id));
        for (const id of teamIds) keys.push(() => (target.teamExists(id) ? replayed.upsertTeam(id) : replayed.removeTeam(id)));
        for (const teamId of teamIds) {
          for (const userId of USERS)
            keys.push(() => {
              const edge = [...target.teamMembers(teamId)].find((m) => m.userId === userId);
              if (edge) replayed.upsertTeamMember(edge);
              else replayed.removeTeamMember(teamId, userId);
            });
        }
        const order = fc.sample(
          fc.shuffledSubarray(
            keys.map((_, i) => i),
            { minLength: keys.length, maxLength: keys.length },
          ),
          { numRuns: 1, seed },
        )[0]!;
        for (const i of order) keys[i]!();

        for (const user of CALLERS) {
          for (const resource of final.resources) {
            expect(effectiveLevel(replayed.at(NOW), user, resource.id)).toBe(effectiveLevel(target.at(NOW), user, resource.id));
          }
        }
        for (const type of Object.keys(DOCUMENTED_ACTIONS) as ResourceType[]) {
          expect(replayed.resourcesOfType(type).map((r) => r.id)).toEqual(target.resourcesOfType(type).map((r) => r.id));
        }
        expect(replayed.size).toEqual(target.size);
      }),
      { numRuns: 300 },
    );
  });
});
