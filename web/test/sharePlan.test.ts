import {
  accessRemovals,
  describeRemoval,
  operationInput,
  planShareChanges,
  removalTitle,
  takesOwnAccess,
  type ExistingGrant,
} from '../src/components/sharePlan';

const jo: ExistingGrant = { id: 'g1', level: 'ADMIN', subject: { userId: 'jo' }, label: 'Jo' };
const data: ExistingGrant = { id: 'g2', level: 'MEMBER', subject: { teamId: 'data' }, label: 'Team Data' };
const empty = { additions: [], addLevel: 'MEMBER' as const, levelChanges: new Map(), removals: new Set<string>() };

describe('planShareChanges', () => {
  it('makes nothing when nothing was set', () => {
    expect(planShareChanges([jo, data], empty)).toEqual([]);
  });

  it('shares with several people and teams at once at the chosen level, each once', () => {
    const plan = planShareChanges([], {
      ...empty,
      addLevel: 'ADMIN',
      additions: [
        { subject: { userId: 'kim' }, label: 'Kim' },
        { subject: { teamId: 'ops' }, label: 'Team Ops' },
        { subject: { userId: 'kim' }, label: 'Kim' },
      ],
    });
    expect(plan).toEqual([
      { kind: 'grant', subject: { userId: 'kim' }, level: 'ADMIN', label: 'Kim', lowers: false, expiresAt: null },
      { kind: 'grant', subject: { teamId: 'ops' }, level: 'ADMIN', label: 'Team Ops', lowers: false, expiresAt: null },
    ]);
    expect(accessRemovals(plan)).toEqual([]);
  });

  it('skips a level change on a removed grant or back to the same level', () => {
    const plan = planShareChanges([jo, data], {
      ...empty,
      levelChanges: new Map([
        ['g1', 'MEMBER'],
        ['g2', 'MEMBER'],
      ]),
      removals: new Set(['g1']),
    });
    expect(plan).toEqual([{ kind: 'revoke', subject: { userId: 'jo' }, label: 'Jo' }]);
  });

  it('counts a lower level as taking access away, a higher one not', () => {
    const plan = planShareChanges([jo, data], {
      ...empty,
      levelChanges: new Map([
        ['g1', 'MEMBER'],
        ['g2', 'ADMIN'],
      ]),
    });
    // What gives access comes first.
    expect(plan.map((o) => o.kind === 'grant' && o.lowers)).toEqual([false, true]);
    expect(accessRemovals(plan)).toHaveLength(1);
  });

  it('adding someone who already has that level changes nothing; at a lower level it lowers them', () => {
    expect(planShareChanges([jo], { ...empty, addLevel: 'ADMIN', additions: [{ subject: { userId: 'jo' }, label: 'Jo' }] })).toEqual([]);
    const plan = planShareChanges([jo], { ...empty, addLevel: 'MEMBER', additions: [{ subject: { userId: 'jo' }, label: 'Jo' }] });
    expect(accessRemovals(plan)).toEqual([{ kind: 'grant', subject: { userId: 'jo' }, level: 'MEMBER', label: 'Jo', lowers: true, expiresAt: null }]);
  });

  it('gives new shares the chosen end date, and a level change keeps the grant’s own end', () => {
    const ending: ExistingGrant = { ...jo, expiresAt: '2027-01-01T00:00:00.000Z' };
    const plan = planShareChanges([ending], {
      ...empty,
      addLevel: 'MEMBER',
      addExpiresAt: '2026-12-01T00:00:00.000Z',
      additions: [{ subject: { userId: 'kim' }, label: 'Kim' }],
      levelChanges: new Map([['g1', 'MEMBER']]),
    });
    expect(plan).toEqual([
      { kind: 'grant', subject: { userId: 'kim' }, level: 'MEMBER', label: 'Kim', lowers: false, expiresAt: '2026-12-01T00:00:00.000Z' },
      { kind: 'grant', subject: { userId: 'jo' }, level: 'MEMBER', label: 'Jo', lowers: true, expiresAt: '2027-01-01T00:00:00.000Z' },
    ]);
  });

  it('orders Save so that each change is still allowed in its turn: what gives access, then what takes it from others, the saver’s own last', () => {
    // Jo hands the resource to Kim and removes himself; Team Data goes down to Viewer.
    const plan = planShareChanges(
      [jo, data],
      {
        ...empty,
        addLevel: 'ADMIN',
        additions: [{ subject: { userId: 'kim' }, label: 'Kim' }],
        removals: new Set(['g1']),
        levelChanges: new Map([['g2', 'VIEWER']]),
      },
      new Set(['user:jo']),
    );
    expect(plan.map((o) => `${o.kind} ${o.label}`)).toEqual(['grant Kim', 'grant Team Data', 'revoke Jo']);
    expect(plan.map((o) => takesOwnAccess(o, new Set(['user:jo'])))).toEqual([false, false, true]);
    // A team that gives the saver access counts as their own: lowering it comes after removing Jo, who is someone else to this saver.
    const byTeam = planShareChanges([jo, data], { ...empty, removals: new Set(['g1']), levelChanges: new Map([['g2', 'VIEWER']]) }, new Set(['team:data']));
    expect(byTeam.map((o) => `${o.kind} ${o.label}`)).toEqual(['revoke Jo', 'grant Team Data']);
    // Raising one's own level is no removal: it comes first.
    expect(
      takesOwnAccess({ kind: 'grant', subject: { userId: 'jo' }, level: 'ADMIN', label: 'Jo', lowers: false, expiresAt: null }, new Set(['user:jo'])),
    ).toBe(false);
  });

  it('a grant removed and added again in one Save is that grant at the new level, never a removal after it', () => {
    const plan = planShareChanges([jo], {
      ...empty,
      addLevel: 'MEMBER',
      addExpiresAt: '2026-12-01T00:00:00.000Z',
      additions: [{ subject: { userId: 'jo' }, label: 'Jo' }],
      removals: new Set(['g1']),
    });
    expect(plan).toEqual([{ kind: 'grant', subject: { userId: 'jo' }, level: 'MEMBER', label: 'Jo', lowers: true, expiresAt: '2026-12-01T00:00:00.000Z' }]);
  });
});

describe('describeRemoval', () => {
  it('says in a line what each removal does, and "you" for the saver’s own share', () => {
    const revokeJo = { kind: 'revoke', subject: { userId: 'jo' }, label: 'Jo' } as const;
    const lowerJo = { kind: 'grant', subject: { userId: 'jo' }, level: 'VIEWER', label: 'Jo', lowers: true, expiresAt: null } as const;
    expect(describeRemoval(revokeJo)).toBe('Jo stops having access through this share.');
    expect(describeRemoval(lowerJo, 'kim')).toBe('Jo goes down to Viewer.');
    expect(describeRemoval(revokeJo, 'jo')).toBe('You stop having access through this share.');
    expect(describeRemoval(lowerJo, 'jo')).toBe('You go down to Viewer through this share.');
  });
});

describe('removalTitle', () => {
  it('says "take away" only when every change removes a share, "reduce" when one lowers a level', () => {
    const revokeJo = { kind: 'revoke', subject: { userId: 'jo' }, label: 'Jo' } as const;
    const revokeKim = { kind: 'revoke', subject: { userId: 'kim' }, label: 'Kim' } as const;
    const lowerKim = { kind: 'grant', subject: { userId: 'kim' }, level: 'VIEWER', label: 'Kim', lowers: true, expiresAt: null } as const;
    expect(removalTitle([revokeJo])).toBe('Take this access away?');
    expect(removalTitle([lowerKim])).toBe('Reduce this access?');
    expect(removalTitle([revokeJo, revokeKim])).toBe('Take access away from 2?');
    expect(removalTitle([revokeJo, lowerKim])).toBe('Reduce or take away access for 2?');
  });
});

describe('operationInput', () => {
  it('is the mutation input Save sends and the confirmation previews: a revoke, or a grant keeping its end date', () => {
    const plan = planShareChanges([jo, { ...data, expiresAt: '2030-01-01T00:00:00.000Z' }], {
      ...empty,
      removals: new Set(['g1']),
      levelChanges: new Map([['g2', 'VIEWER']]),
    });
    expect(plan.map((operation) => operationInput('r1', operation))).toEqual([
      { revokeAccess: { resourceId: 'r1', subject: { userId: 'jo' } } },
      { grantAccess: { resourceId: 'r1', subject: { teamId: 'data' }, level: 'VIEWER', expiresAt: '2030-01-01T00:00:00.000Z' } },
    ]);
  });
});
