import {
  accessibleResources,
  allowedActions,
  allowedActionsOn,
  decide,
  effectiveLevel,
  explainAccess,
  explainAccessOn,
  resourceAccess,
  ResourceNotFoundError,
  UnknownActionError,
} from '../../../src/access/evaluator';
import { findResource } from '../../../src/access/accessGraph';
import { DeltaGraph } from '../../../src/access/deltaGraph';
import { snapshotOf, specExample, type OrgSpec } from './orgBuilder';

const DATA_TO_P = { id: 'g1', resourceId: 'P', teamId: 'data', level: 'MEMBER' } as const;
const JO_TO_P = { id: 'g2', resourceId: 'P', userId: 'jo', level: 'ADMIN' } as const;

function levels(org: OrgSpec, resourceId: string): Record<string, string> {
  const g = snapshotOf(org);
  return Object.fromEntries(['jo', 'kim', 'ravi', 'hana'].map((u) => [u, effectiveLevel(g, u, resourceId)]));
}

describe('the worked example of docs/access-model.md', () => {
  it('no grants: Jo NONE, Kim OWNER, Ravi ADMIN (owns P), Hana ADMIN (org owner)', () => {
    expect(levels(specExample(), 'A')).toEqual({ jo: 'NONE', kim: 'OWNER', ravi: 'ADMIN', hana: 'ADMIN' });
    const g = snapshotOf(specExample());
    expect(explainAccess(g, 'ravi', 'A').winningPath).toMatchObject({ source: 'OWNERSHIP', level: 'ADMIN', anchorResourceId: 'P', inheritedFrom: 'P' });
    expect(explainAccess(g, 'hana', 'A').winningPath).toMatchObject({ source: 'ORG_ROLE', level: 'ADMIN' });
    expect(explainAccess(g, 'kim', 'A').winningPath).toMatchObject({ source: 'OWNERSHIP', level: 'OWNER', anchorResourceId: 'A' });
  });

  it('Data → P: MEMBER gives Jo MEMBER (team, inherited)', () => {
    const org = specExample([DATA_TO_P]);
    expect(levels(org, 'A')).toEqual({ jo: 'MEMBER', kim: 'OWNER', ravi: 'ADMIN', hana: 'ADMIN' });
    const why = explainAccess(snapshotOf(org), 'jo', 'A');
    expect(why.paths).toEqual([{ source: 'TEAM_GRANT', level: 'MEMBER', teamId: 'data', anchorResourceId: 'P', inheritedFrom: 'P', winning: true }]);
  });

  it('a resource already found answers as its id does', () => {
    const g = snapshotOf(specExample([DATA_TO_P, JO_TO_P]));
    const assistant = g.resource('A')!;
    for (const user of ['jo', 'kim', 'ravi', 'hana', 'stranger']) {
      expect(explainAccessOn(g, user, assistant)).toEqual(explainAccess(g, user, 'A'));
      expect(allowedActionsOn(g, user, assistant)).toEqual(allowedActions(g, user, 'A'));
    }
    expect(allowedActionsOn(g, 'stranger', assistant)).toEqual([]);
  });

  it('+ Jo → P: ADMIN: the highest wins', () => {
    const org = specExample([DATA_TO_P, JO_TO_P]);
    expect(levels(org, 'A')).toEqual({ jo: 'ADMIN', kim: 'OWNER', ravi: 'ADMIN', hana: 'ADMIN' });
    const why = explainAccess(snapshotOf(org), 'jo', 'A');
    expect(why.paths.map((p) => [p.source, p.level, p.winning])).toEqual([
      ['DIRECT_GRANT', 'ADMIN', true],
      ['TEAM_GRANT', 'MEMBER', false],
    ]);
  });

  it('A set to DRAFT: only its owner and org owners', () => {
    expect(levels(specExample([DATA_TO_P, JO_TO_P], 'DRAFT'), 'A')).toEqual({ jo: 'NONE', kim: 'OWNER', ravi: 'NONE', hana: 'ADMIN' });
  });
});

describe('rules', () => {
  it('a grant on an assistant gives nothing on its project', () => {
    const g = snapshotOf(specExample([{ id: 'g', resourceId: 'A', userId: 'jo', level: 'ADMIN' }]));
    expect(effectiveLevel(g, 'jo', 'A')).toBe('ADMIN');
    expect(effectiveLevel(g, 'jo', 'P')).toBe('NONE');
  });

  it('propagation keeps the level: ADMIN on a project is ADMIN on its live assistants', () => {
    const g = snapshotOf(specExample([JO_TO_P]));
    expect(effectiveLevel(g, 'jo', 'A')).toBe('ADMIN');
    expect(decide(g, { userId: 'jo', action: 'setStatus', resourceId: 'A' }).allowed).toBe(true);
  });

  it('a removed member has NONE whatever grants or ownership remain', () => {
    const org = specExample([DATA_TO_P, JO_TO_P]);
    org.members = org.members.filter((m) => m.id !== 'jo' && m.id !== 'kim');
    const g = snapshotOf(org);
    expect(effectiveLevel(g, 'jo', 'A')).toBe('NONE');
    expect(effectiveLevel(g, 'kim', 'A')).toBe('NONE');
    expect(decide(g, { userId: 'jo', action: 'read', resourceId: 'P' }).denial).toEqual({ kind: 'NOT_A_MEMBER' });
  });

  it('a DRAFT assistant is invisible to the owner of its project and to grantees', () => {
    const g = snapshotOf(specExample([{ id: 'g', resourceId: 'A', userId: 'jo', level: 'ADMIN' }], 'DRAFT'));
    expect(effectiveLevel(g, 'ravi', 'A')).toBe('NONE');
    expect(effectiveLevel(g, 'jo', 'A')).toBe('NONE');
    expect(effectiveLevel(g, 'kim', 'A')).toBe('OWNER');
  });

  it('a LIVE and PUBLIC assistant gives MEMBER to everyone, even anonymous callers and non-members', () => {
    const org = specExample();
    org.resources[1]!.visibility = 'PUBLIC';
    const g = snapshotOf(org);
    expect(effectiveLevel(g, null, 'A')).toBe('MEMBER');
    expect(effectiveLevel(g, 'stranger', 'A')).toBe('MEMBER');
    expect(effectiveLevel(g, 'jo', 'A')).toBe('MEMBER');
    expect(decide(g, { userId: null, action: 'chat', resourceId: 'A' }).allowed).toBe(true);
    expect(decide(g, { userId: null, action: 'update', resourceId: 'A' }).denial).toEqual({ kind: 'INSUFFICIENT_LEVEL', requiredLevel: 'ADMIN' });
    expect(effectiveLevel(g, 'stranger', 'P')).toBe('NONE');
  });

  it('PUBLIC applies only while LIVE', () => {
    const org = specExample([], 'DRAFT');
    org.resources[1]!.visibility = 'PUBLIC';
    expect(effectiveLevel(snapshotOf(org), 'jo', 'A')).toBe('NONE');
  });

  it('team grants count only while the user is in the team', () => {
    const org = specExample([DATA_TO_P]);
    org.teams[0]!.members = [{ userId: 'kim' }];
    expect(effectiveLevel(snapshotOf(org), 'jo', 'A')).toBe('NONE');
  });

  it('OWNER is never granted, only owned; org owners get ADMIN, not OWNER', () => {
    const g = snapshotOf(specExample());
    expect(effectiveLevel(g, 'hana', 'A')).toBe('ADMIN');
    expect(decide(g, { userId: 'kim', action: 'transferOwnership', resourceId: 'A' })).toMatchObject({ allowed: true, level: 'OWNER' });
  });

  describe('transferOwnership', () => {
    it('an org owner may transfer any resource, by an allowance rather than a level', () => {
      const g = snapshotOf(specExample());
      const decision = decide(g, { userId: 'hana', action: 'transferOwnership', resourceId: 'A' });
      expect(decision).toMatchObject({ allowed: true, level: 'ADMIN', allowance: { kind: 'ORG_OWNER' } });
      expect(allowedActions(g, 'hana', 'A')).toContain('transferOwnership');
    });

    it('an admin cannot take or give away a current member’s resource, even one they administer', () => {
      const g = snapshotOf(specExample());
      // Ravi owns project P, so he is ADMIN on Kim's assistant A; Kim is still a member.
      expect(decide(g, { userId: 'ravi', action: 'transferOwnership', resourceId: 'A' })).toMatchObject({
        allowed: false,
        level: 'ADMIN',
        denial: { kind: 'INSUFFICIENT_LEVEL', requiredLevel: 'OWNER' },
      });
      expect(allowedActions(g, 'ravi', 'A')).not.toContain('transferOwnership');
      expect(accessibleResources(g, 'ravi', 'ASSISTANT', 'transferOwnership')).toEqual([]);
    });

    it('users.manage rescues a former member’s resource, which the admin otherwise cannot see', () => {
      const org = specExample();
      org.members = org.members.filter((m) => m.id !== 'kim');
      org.resources.push({ id: 'C', type: 'CORPUS', ownerId: 'kim', name: 'Kim’s corpus' });
      const g = snapshotOf(org);
      expect(effectiveLevel(g, 'ravi', 'C')).toBe('NONE');
      expect(decide(g, { userId: 'ravi', action: 'transferOwnership', resourceId: 'C' })).toMatchObject({
        allowed: true,
        level: 'NONE',
        allowance: { kind: 'FORMER_MEMBERS_ASSET', capability: 'users.manage' },
      });
      expect(allowedActions(g, 'ravi', 'C')).toEqual(['transferOwnership']);
      expect(decide(g, { userId: 'jo', action: 'transferOwnership', resourceId: 'C' })).toMatchObject({ allowed: false });
      expect(accessibleResources(g, 'ravi', 'CORPUS', 'transferOwnership').map((r) => r.id)).toEqual(['C']);
      expect(accessibleResources(g, 'ravi', 'ASSISTANT', 'transferOwnership').map((r) => r.id)).toEqual(['A']);
    });
  });

  describe('expiring grants', () => {
    const END = Date.UTC(2026, 11, 1);
    const org = () => specExample([{ id: 'g', resourceId: 'P', userId: 'jo', level: 'ADMIN', expiresAt: END }]);

    it('a grant counts until the instant it ends, and says when it ends', () => {
      const g = snapshotOf(org());
      expect(effectiveLevel(g.at(END - 1), 'jo', 'A')).toBe('ADMIN');
      expect(explainAccess(g.at(END - 1), 'jo', 'A').winningPath).toMatchObject({ source: 'DIRECT_GRANT', inheritedFrom: 'P', expiresAt: END });
      expect(effectiveLevel(g.at(END), 'jo', 'A')).toBe('NONE');
    });

    it('from then on the denial names the expiry', () => {
      const g = snapshotOf(org()).at(END + 1000);
      expect(decide(g, { userId: 'jo', action: 'update', resourceId: 'A' })).toMatchObject({
        allowed: false,
        level: 'NONE',
        denial: { kind: 'EXPIRED', requiredLevel: 'ADMIN', expiredAt: END, grantLevel: 'ADMIN' },
      });
      expect(accessibleResources(g, 'jo', 'ASSISTANT', 'read')).toEqual([]);
      expect(resourceAccess(g, 'A').map((e) => e.userId)).not.toContain('jo');
    });
  });

  it('a draft assistant denies with the reason, not as an unknown level', () => {
    const g = snapshotOf(specExample([{ id: 'g', resourceId: 'P', teamId: 'data', level: 'MEMBER' }], 'DRAFT'));
    expect(decide(g, { userId: 'jo', action: 'read', resourceId: 'A' })).toMatchObject({ allowed: false, level: 'NONE', denial: { kind: 'DRAFT' } });
  });

  it('actions needing a capability check it too', () => {
    // assistants.create for createAssistant, connections.use for use: every role holds them in the matrix,
    // so a member with the level is allowed; a non-member never is.
    const org: OrgSpec = {
      members: [{ id: 'u', role: 'USER' }],
      teams: [],
      resources: [
        { id: 'C', type: 'CONNECTION', ownerId: 'x' },
        { id: 'M', type: 'SEMANTIC_MODEL', ownerId: 'x' },
      ],
      grants: [
        { id: 'g1', resourceId: 'C', userId: 'u', level: 'MEMBER' },
        { id: 'g2', resourceId: 'M', userId: 'u', level: 'ADMIN' },
      ],
    };
    const g = snapshotOf(org);
    expect(decide(g, { userId: 'u', action: 'use', resourceId: 'C' }).allowed).toBe(true);
    expect(decide(g, { userId: 'u', action: 'readCredentials', resourceId: 'C' }).allowed).toBe(false);
    expect(decide(g, { userId: 'u', action: 'publish', resourceId: 'M' }).allowed).toBe(true);
    expect(decide(g, { userId: 'u', action: 'manageAccess', resourceId: 'M' }).allowed).toBe(true);
  });

  it('capabilities without a resource follow the permission matrix per role', () => {
    const g = snapshotOf(specExample());
    const matrix = (user: string) =>
      ['llmConfig.manage', 'billing.manage', 'users.manage', 'teams.create', 'connections.use', 'assets.share'].map(
        (c) => decide(g, { userId: user, action: c }).allowed,
      );
    expect(matrix('hana')).toEqual([true, true, true, true, true, true]);
    expect(matrix('ravi')).toEqual([false, false, true, true, true, true]);
    expect(matrix('jo')).toEqual([false, false, false, false, true, true]);
    expect(decide(g, { userId: 'jo', action: 'users.manage' }).denial).toEqual({ kind: 'MISSING_CAPABILITY', capability: 'users.manage' });
    expect(decide(g, { userId: 'nobody', action: 'connections.use' }).denial).toEqual({ kind: 'NOT_A_MEMBER' });
  });

  it('unknown actions and resources are errors, not denials', () => {
    const g = snapshotOf(specExample());
    expect(() => decide(g, { userId: 'jo', action: 'chat', resourceId: 'P' })).toThrow(UnknownActionError);
    expect(() => decide(g, { userId: 'jo', action: 'chat', resourceId: 'P' })).toThrow(/its actions are read, createAssistant/);
    expect(() => decide(g, { userId: 'jo', action: 'fly' })).toThrow(UnknownActionError);
    expect(() => decide(g, { userId: 'jo', action: 'read', resourceId: 'nope' })).toThrow(ResourceNotFoundError);
  });
});

describe('explainAccess names why the user cannot open the resource', () => {
  const END = Date.UTC(2026, 11, 1);

  it('a draft assistant: DRAFT, even for the owner of its project and a grantee of it', () => {
    const g = snapshotOf(specExample([DATA_TO_P, JO_TO_P], 'DRAFT'));
    expect(explainAccess(g, 'jo', 'A')).toMatchObject({ level: 'NONE', paths: [], denial: { kind: 'DRAFT' } });
    expect(explainAccess(g, 'ravi', 'A')).toMatchObject({ level: 'NONE', denial: { kind: 'DRAFT' } });
    expect(explainAccess(g, 'kim', 'A').denial).toBeUndefined();
    expect(explainAccess(g, 'hana', 'A').denial).toBeUndefined();
  });

  it('an ended grant: EXPIRED, with its end and the level it gave', () => {
    const g = snapshotOf(specExample([{ id: 'g', resourceId: 'P', userId: 'jo', level: 'ADMIN', expiresAt: END }]));
    expect(explainAccess(g.at(END - 1), 'jo', 'A').denial).toBeUndefined();
    expect(explainAccess(g.at(END), 'jo', 'A')).toMatchObject({
      level: 'NONE',
      paths: [],
      denial: { kind: 'EXPIRED', requiredLevel: 'MEMBER', expiredAt: END, grantLevel: 'ADMIN' },
    });
  });

  it('not a member (never was, or removed): NOT_A_MEMBER, whatever grants remain', () => {
    const org = specExample([JO_TO_P]);
    org.members = org.members.filter((m) => m.id !== 'jo');
    const g = snapshotOf(org);
    expect(explainAccess(g, 'jo', 'A')).toMatchObject({ level: 'NONE', denial: { kind: 'NOT_A_MEMBER' } });
    expect(explainAccess(g, 'stranger', 'P')).toMatchObject({ level: 'NONE', denial: { kind: 'NOT_A_MEMBER' } });
    expect(explainAccess(g, null, 'P').denial).toEqual({ kind: 'NOT_A_MEMBER' });
  });

  it('no path at all: NO_ACCESS, as checkPermission says for read', () => {
    const g = snapshotOf(specExample());
    expect(explainAccess(g, 'jo', 'A')).toMatchObject({ level: 'NONE', paths: [], denial: { kind: 'NO_ACCESS', requiredLevel: 'MEMBER' } });
    expect(decide(g, { userId: 'jo', action: 'read', resourceId: 'A' }).denial).toEqual(explainAccess(g, 'jo', 'A').denial);
    expect(decide(g, { userId: 'jo', action: 'update', resourceId: 'P' }).denial).toEqual({ kind: 'NO_ACCESS', requiredLevel: 'ADMIN' });
  });

  it('no denial when the user can open it, whatever else they cannot do', () => {
    const g = snapshotOf(specExample([DATA_TO_P]));
    expect(explainAccess(g, 'jo', 'A')).toMatchObject({ level: 'MEMBER' });
    expect(explainAccess(g, 'jo', 'A').denial).toBeUndefined();
    expect(decide(g, { userId: 'jo', action: 'update', resourceId: 'A' }).denial).toEqual({ kind: 'INSUFFICIENT_LEVEL', requiredLevel: 'ADMIN' });
  });
});

describe('accessibleResources and resourceAccess', () => {
  it('lists exactly what decide allows, in name order', () => {
    const org = specExample([DATA_TO_P]);
    org.resources.push(
      { id: 'B', type: 'ASSISTANT', parentId: 'P', ownerId: 'ravi', status: 'DRAFT', name: 'b draft' },
      { id: 'C', type: 'ASSISTANT', parentId: 'P', ownerId: 'ravi', status: 'LIVE', name: 'a live' },
    );
    const g = snapshotOf(org);
    expect(accessibleResources(g, 'jo', 'ASSISTANT', 'chat').map((r) => r.id)).toEqual(['A', 'C']);
    expect(accessibleResources(g, 'hana', 'ASSISTANT', 'read').map((r) => r.id)).toEqual(['A', 'C', 'B']);
    expect(accessibleResources(g, 'jo', 'ASSISTANT', 'update')).toEqual([]);
  });

  it('lists public assistants among the user’s own in name order as they come, change and go', () => {
    const g = snapshotOf(specExample([DATA_TO_P]));
    const assistant = (id: string, name: string, visibility: 'PUBLIC' | 'PRIVATE', status: 'LIVE' | 'DRAFT' = 'LIVE') =>
      ({ id, type: 'ASSISTANT', parentId: null, ownerId: 'ravi', status, visibility, name, sortName: name.toLowerCase() }) as const;
    // What decide allows, in name order: the answer every listing must give.
    const expected = (user: string, action: string) =>
      g
        .resourcesOfType('ASSISTANT')
        .filter((r) => decide(g, { userId: user, action, resourceId: r.id }).allowed)
        .map((r) => r.id);
    const listed = (user: string, action: string) => accessibleResources(g, user, 'ASSISTANT', action).map((r) => r.id);
    const same = () => {
      for (const user of ['jo', 'kim', 'ravi', 'hana', 'stranger']) {
        for (const action of ['chat', 'read', 'update'])
          expect({ user, action, ids: listed(user, action) }).toEqual({ user, action, ids: expected(user, action) });
      }
    };
    g.upsertResource(assistant('Z1', 'zeta', 'PUBLIC'));
    g.upsertResource(assistant('M1', 'Mu', 'PUBLIC'));
    g.upsertResource(assistant('B1', 'beta', 'PRIVATE'));
    same();
    expect(listed('jo', 'chat')).toEqual(['A', 'M1', 'Z1']);
    g.upsertResource(assistant('Z1', 'alpha', 'PUBLIC')); // renamed: moves to the front
    g.upsertResource(assistant('B1', 'beta', 'PUBLIC')); // made public
    same();
    expect(listed('jo', 'chat')).toEqual(['A', 'Z1', 'B1', 'M1']);
    g.upsertResource(assistant('M1', 'Mu', 'PUBLIC', 'DRAFT')); // back to draft
    g.removeResource('B1');
    same();
    expect(listed('jo', 'chat')).toEqual(['A', 'Z1']);
  });

  it('lists public assistants in name order over a graph laid over the snapshot', () => {
    const base = snapshotOf(specExample([DATA_TO_P]));
    const node = (id: string, name: string) =>
      ({ id, type: 'ASSISTANT', parentId: null, ownerId: 'ravi', status: 'LIVE', visibility: 'PUBLIC', name, sortName: name }) as const;
    base.upsertResource(node('N1', 'n'));
    base.upsertResource(node('Y1', 'y'));
    const over = new DeltaGraph(base, { teams: [], members: [], teamMembers: [], grants: [], resources: [['B2', node('B2', 'b')]] });
    expect(accessibleResources(over, 'jo', 'ASSISTANT', 'chat').map((r) => r.id)).toEqual(['A', 'B2', 'N1', 'Y1']);
  });

  it('who has access to A, and why', () => {
    const g = snapshotOf(specExample([DATA_TO_P]));
    const entries = resourceAccess(g, 'A');
    expect(entries.map((e) => [e.userId, e.level])).toEqual([
      ['kim', 'OWNER'],
      ['hana', 'ADMIN'],
      ['ravi', 'ADMIN'],
      ['jo', 'MEMBER'],
    ]);
    for (const entry of entries) expect(entry.paths.filter((p) => p.winning)).toHaveLength(1);
  });
});

describe('findResource', () => {
  const projectId = '0b9e8f64-3c55-4c8e-9d0a-5f1e2a3b4c5d';
  const graph = snapshotOf({
    members: [{ id: 'owner', role: 'OWNER' }],
    teams: [],
    resources: [{ id: projectId, type: 'PROJECT', ownerId: 'owner' }],
    grants: [],
  });

  it('finds a resource by its id, in any case, with nothing around it', () => {
    expect(findResource(graph, projectId)?.id).toBe(projectId);
    expect(findResource(graph, projectId.toUpperCase())?.id).toBe(projectId);
    expect(findResource(graph, projectId.replace('c8e', 'C8E'))?.id).toBe(projectId);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['another resource', '1b9e8f64-3c55-4c8e-9d0a-5f1e2a3b4c5d'],
    ['padded', ` ${projectId}`],
    ['cut short', projectId.slice(0, 35)],
    ['a UUID with a NUL byte', projectId.slice(0, 35) + '\u0000'],
    ['not a UUID, of the same length', 'x'.repeat(36)],
    ['not a UUID, upper case, of the same length', 'X'.repeat(36)],
  ])('answers undefined for an id that is %s', (_, id) => {
    expect(findResource(graph, id)).toBeUndefined();
  });
});
