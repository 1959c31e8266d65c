import fc from 'fast-check';
import type { GrantLevel, OrgRole, ResourceType } from '@rolegraph/shared';
import type { OrgSpec } from './orgBuilder';

/*
 * Random small organizations for property tests: six people (each a member
 * with a role, or not a member), teams, projects with assistants (draft or
 * live, private or public), other assets, and grants — some ended at NOW,
 * some ending later, most without an end.
 */

/** The instant the evaluator answers for in these tests; grants end just before or after it. */
export const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

export const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];
const GRANTABLE: Record<ResourceType, GrantLevel[]> = {
  PROJECT: ['MEMBER', 'ADMIN'],
  ASSISTANT: ['MEMBER', 'ADMIN'],
  CORPUS: ['VIEWER', 'EDITOR', 'ADMIN'],
  CONNECTION: ['MEMBER', 'ADMIN'],
  SCHEMA_AGENT: ['MEMBER', 'EDITOR', 'ADMIN'],
  SEMANTIC_MODEL: ['VIEWER', 'EDITOR', 'ADMIN'],
};
const OTHER_TYPES: ResourceType[] = ['CORPUS', 'CONNECTION', 'SCHEMA_AGENT', 'SEMANTIC_MODEL'];

export const orgArbitrary: fc.Arbitrary<OrgSpec> = fc
  .record({
    // Each user is a member with a role, or not a member (former member / stranger).
    roles: fc.array(fc.constantFrom<OrgRole | null>('OWNER', 'ADMIN', 'USER', 'USER', null), { minLength: USERS.length, maxLength: USERS.length }),
    teams: fc.array(fc.subarray(USERS), { maxLength: 3 }),
    projectOwners: fc.array(fc.constantFrom(...USERS), { minLength: 1, maxLength: 3 }),
    assistants: fc.array(
      fc.record({
        project: fc.nat(),
        owner: fc.constantFrom(...USERS),
        status: fc.constantFrom('DRAFT' as const, 'LIVE' as const),
        visibility: fc.constantFrom('PRIVATE' as const, 'PUBLIC' as const),
      }),
      { maxLength: 5 },
    ),
    others: fc.array(fc.record({ type: fc.constantFrom(...OTHER_TYPES), owner: fc.constantFrom(...USERS) }), { maxLength: 4 }),
    grants: fc.array(
      fc.record({
        resource: fc.nat(),
        toTeam: fc.boolean(),
        subject: fc.nat(),
        level: fc.nat(),
        ends: fc.constantFrom<'never' | 'ended' | 'later'>('never', 'never', 'ended', 'later'),
      }),
      { maxLength: 14 },
    ),
    names: fc.array(fc.constantFrom('alpha', 'beta', 'gamma', 'Alpha'), { minLength: 12, maxLength: 12 }),
  })
  .map(({ roles, teams, projectOwners, assistants, others, grants, names }) => {
    const org: OrgSpec = { members: [], teams: [], resources: [], grants: [] };
    USERS.forEach((id, i) => {
      const role = roles[i];
      if (role) org.members.push({ id, role });
    });
    teams.forEach((members, i) => org.teams.push({ id: `t${i}`, members: members.map((userId) => ({ userId })) }));
    projectOwners.forEach((ownerId, i) => org.resources.push({ id: `p${i}`, type: 'PROJECT', ownerId }));
    assistants.forEach((a, i) =>
      org.resources.push({
        id: `a${i}`,
        type: 'ASSISTANT',
        parentId: `p${a.project % projectOwners.length}`,
        ownerId: a.owner,
        status: a.status,
        visibility: a.visibility,
      }),
    );
    others.forEach((o, i) => org.resources.push({ id: `o${i}`, type: o.type, ownerId: o.owner }));
    org.resources.forEach((r, i) => (r.name = names[i % names.length]));
    const seen = new Set<string>();
    grants.forEach((g, i) => {
      const resource = org.resources[g.resource % org.resources.length]!;
      const levels = GRANTABLE[resource.type];
      const subject = g.toTeam && org.teams.length > 0 ? { teamId: org.teams[g.subject % org.teams.length]!.id } : { userId: USERS[g.subject % USERS.length]! };
      const key = `${resource.id}|${subject.teamId ?? subject.userId}`;
      if (seen.has(key)) return;
      seen.add(key);
      const expiresAt = g.ends === 'never' ? null : g.ends === 'ended' ? NOW - 1 : NOW + 60_000;
      org.grants.push({ id: `g${i}`, resourceId: resource.id, ...subject, level: levels[g.level % levels.length]!, expiresAt });
    });
    return org;
  });

export const CALLERS: (string | null)[] = [...USERS, null];
