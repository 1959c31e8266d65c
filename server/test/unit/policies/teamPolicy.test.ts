import type { OrgRole, TeamRole } from '@rolegraph/shared';
import { OrgAccessSnapshot } from '../../../src/access/orgSnapshot';
import { mayManageTeam } from '../../../src/teams/teamPolicy';
import type { PolicyActor } from '../../../src/policies/policyActor';
import { refusalReason } from '../../../src/policies/verdict';

/*
 * Who manages a team, as a table: its team admins and every org owner; an API
 * key with directory: WRITE (its need is checked before the policy). Plain
 * team members, admins of the organization who are not team admins, and
 * people outside the team may not. A team of another organization, or none,
 * is not found.
 */

const TEAM = '00000000-0000-4000-8000-0000000000aa';
const OTHER_TEAM = '00000000-0000-4000-8000-0000000000bb';
const ACTOR = '00000000-0000-4000-8000-000000000001';

function organization(orgRole: OrgRole, teamRole: TeamRole | null): OrgAccessSnapshot {
  const graph = new OrgAccessSnapshot();
  graph.upsertMember(ACTOR, orgRole);
  graph.upsertTeam(TEAM);
  if (teamRole) graph.upsertTeamMember({ teamId: TEAM, userId: ACTOR, role: teamRole });
  return graph;
}

const REFUSED = 'Only the team’s admins and org owners can manage this team.';
const CASES: { orgRole: OrgRole; teamRole: TeamRole | null; expected: string | null }[] = [
  { orgRole: 'OWNER', teamRole: null, expected: null },
  { orgRole: 'OWNER', teamRole: 'MEMBER', expected: null },
  { orgRole: 'OWNER', teamRole: 'ADMIN', expected: null },
  { orgRole: 'ADMIN', teamRole: null, expected: REFUSED },
  { orgRole: 'ADMIN', teamRole: 'MEMBER', expected: REFUSED },
  { orgRole: 'ADMIN', teamRole: 'ADMIN', expected: null },
  { orgRole: 'USER', teamRole: null, expected: REFUSED },
  { orgRole: 'USER', teamRole: 'MEMBER', expected: REFUSED },
  { orgRole: 'USER', teamRole: 'ADMIN', expected: null },
];

describe('managing a team', () => {
  it.each(CASES)('an org $orgRole who is team $teamRole → $expected', ({ orgRole, teamRole, expected }) => {
    const actor: PolicyActor = { kind: 'MEMBER', accountId: ACTOR, role: orgRole };
    expect(refusalReason(mayManageTeam(organization(orgRole, teamRole), actor, TEAM))).toBe(expected);
  });

  it('an API key manages teams for its organization', () => {
    expect(mayManageTeam(organization('USER', null), { kind: 'API_KEY', apiKeyId: 'k', role: 'ADMIN' }, TEAM).allowed).toBe(true);
  });

  it('a team that is not this organization’s, or a malformed id, is not found — for owners too', () => {
    const owner: PolicyActor = { kind: 'MEMBER', accountId: ACTOR, role: 'OWNER' };
    for (const id of [OTHER_TEAM, 'not-an-id']) {
      const verdict = mayManageTeam(organization('OWNER', null), owner, id);
      expect(verdict.allowed ? null : verdict.error.code).toBe('NOT_FOUND');
    }
  });
});
