import type { AssistantStatus, AssistantVisibility, GrantLevel, OrgRole, ResourceType, TeamRole } from '@rolegraph/shared';
import { OrgAccessSnapshot } from '../../../src/access/orgSnapshot';

/** A small organization described in plain data, for evaluator tests. */
export interface OrgSpec {
  members: { id: string; role: OrgRole }[];
  teams: { id: string; members: { userId: string; role?: TeamRole }[] }[];
  resources: {
    id: string;
    type: ResourceType;
    parentId?: string | null;
    ownerId: string;
    status?: AssistantStatus | null;
    visibility?: AssistantVisibility | null;
    name?: string;
  }[];
  grants: { id: string; resourceId: string; userId?: string; teamId?: string; level: GrantLevel; expiresAt?: number | null }[];
}

/** The snapshot of an organization, built by upserts (the same path the cache uses). */
export function snapshotOf(org: OrgSpec): OrgAccessSnapshot {
  const s = new OrgAccessSnapshot();
  for (const m of org.members) s.upsertMember(m.id, m.role);
  for (const t of org.teams) {
    s.upsertTeam(t.id);
    for (const m of t.members) s.upsertTeamMember({ teamId: t.id, userId: m.userId, role: m.role ?? 'MEMBER' });
  }
  for (const r of org.resources) {
    s.upsertResource({
      id: r.id,
      type: r.type,
      parentId: r.parentId ?? null,
      ownerId: r.ownerId,
      status: r.type === 'ASSISTANT' ? (r.status ?? 'LIVE') : null,
      visibility: r.type === 'ASSISTANT' ? (r.visibility ?? 'PRIVATE') : null,
      name: r.name ?? r.id,
      sortName: (r.name ?? r.id).toLowerCase(),
    });
  }
  for (const g of org.grants) {
    s.upsertGrant(
      g.userId
        ? { id: g.id, resourceId: g.resourceId, subjectType: 'USER', subjectId: g.userId, level: g.level, expiresAt: g.expiresAt ?? null }
        : { id: g.id, resourceId: g.resourceId, subjectType: 'TEAM', subjectId: g.teamId!, level: g.level, expiresAt: g.expiresAt ?? null },
    );
  }
  return s;
}

/**
 * The access model's worked example: org owner Hana, admin Ravi, users Jo and Kim; team Data
 * = {Jo, Kim}; project P owned by Ravi with assistant A (LIVE, PRIVATE) owned
 * by Kim. Grants are added per test.
 */
export function specExample(grants: OrgSpec['grants'] = [], status: AssistantStatus = 'LIVE'): OrgSpec {
  return {
    members: [
      { id: 'hana', role: 'OWNER' },
      { id: 'ravi', role: 'ADMIN' },
      { id: 'jo', role: 'USER' },
      { id: 'kim', role: 'USER' },
    ],
    teams: [{ id: 'data', members: [{ userId: 'jo' }, { userId: 'kim' }] }],
    resources: [
      { id: 'P', type: 'PROJECT', ownerId: 'ravi' },
      { id: 'A', type: 'ASSISTANT', parentId: 'P', ownerId: 'kim', status, visibility: 'PRIVATE' },
    ],
    grants,
  };
}
