import type { OrgRole } from '@rolegraph/shared';
import { assignableRoles, mayChangeRole, mayInvite, mayRemoveMember } from '../../../src/directory/memberPolicy';
import type { PolicyActor } from '../../../src/policies/policyActor';
import { refusalReason } from '../../../src/policies/verdict';

/*
 * Who may change whom, as a table: every actor (an owner, an admin, a user, an
 * API key) × every target role × every new role × self or someone else. The
 * expected answers are written from the rules, not computed by the code:
 *   1. changing roles and removing others needs the Owner or Admin role (an API key acts as an admin);
 *   2. only an owner gives the Owner role;
 *   3. nobody manages an owner but that owner (owners cannot manage other owners);
 *   4. anyone may leave (remove themself); an owner may step down.
 * (Keeping one owner is the commands' LAST_OWNER rule, tested through the API.)
 */

type ActorKind = OrgRole | 'API_KEY';
const ACTORS: ActorKind[] = ['OWNER', 'ADMIN', 'USER', 'API_KEY'];
const ROLES: OrgRole[] = ['OWNER', 'ADMIN', 'USER'];

function actorOf(kind: ActorKind, accountId: string): PolicyActor {
  return kind === 'API_KEY' ? { kind: 'API_KEY', apiKeyId: 'key', role: 'ADMIN' } : { kind: 'MEMBER', accountId, role: kind };
}

const NEEDS_MANAGER = 'Changing roles needs the Owner or Admin role.';
const OWNERS_ONLY_THEMSELVES = 'Owners cannot manage other owners; only that owner can step down.';
const ONLY_THAT_OWNER = 'Only that owner can change or remove an owner.';
const ONLY_OWNERS_MAKE_OWNERS = 'Only an owner can make someone an owner.';

/** The expected answer to "may `actor` give `target` the role `next`?": null for yes, else the reason. */
function expectedChange(actor: ActorKind, target: OrgRole, next: OrgRole, self: boolean): string | null {
  if (actor === 'USER') return NEEDS_MANAGER;
  if (target === 'OWNER' && !self) return actor === 'OWNER' ? OWNERS_ONLY_THEMSELVES : ONLY_THAT_OWNER;
  if (next === 'OWNER' && actor !== 'OWNER') return ONLY_OWNERS_MAKE_OWNERS;
  return null;
}

function expectedRemoval(actor: ActorKind, target: OrgRole, self: boolean): string | null {
  if (self) return null;
  if (actor === 'USER') return 'Removing members needs the Owner or Admin role.';
  if (target === 'OWNER') return actor === 'OWNER' ? OWNERS_ONLY_THEMSELVES : ONLY_THAT_OWNER;
  return null;
}

/** Every combination; "self" only where the actor is that member (same role, not an API key). */
const CASES = ACTORS.flatMap((actor) =>
  ROLES.flatMap((target) =>
    [false, true]
      .filter((self) => !self || actor === target)
      .flatMap((self) => ROLES.map((next) => ({ actor, target, next, self, expected: expectedChange(actor, target, next, self) }))),
  ),
);

describe('changing a role', () => {
  it.each(CASES)('$actor gives $next to a $target (self: $self) → $expected', ({ actor, target, next, self, expected }) => {
    const verdict = mayChangeRole(actorOf(actor, 'a'), { accountId: self ? 'a' : 't', role: target }, next);
    expect(refusalReason(verdict)).toBe(expected);
  });

  it('the role dropdown offers exactly what changing the role allows, and the current role', () => {
    for (const { actor, target, self } of CASES) {
      const options = assignableRoles(actorOf(actor, 'a'), { accountId: self ? 'a' : 't', role: target });
      for (const { role, verdict } of options) {
        expect(refusalReason(verdict)).toBe(role === target ? null : expectedChange(actor, target, role, self));
      }
    }
  });
});

describe('removing a member', () => {
  const removals = ACTORS.flatMap((actor) =>
    ROLES.flatMap((target) =>
      [false, true].filter((self) => !self || actor === target).map((self) => ({ actor, target, self, expected: expectedRemoval(actor, target, self) })),
    ),
  );
  it.each(removals)('$actor removes a $target (self: $self) → $expected', ({ actor, target, self, expected }) => {
    expect(refusalReason(mayRemoveMember(actorOf(actor, 'a'), { accountId: self ? 'a' : 't', role: target }))).toBe(expected);
  });
});

describe('inviting', () => {
  it.each(ACTORS.map((actor) => ({ actor, expected: actor === 'USER' ? 'Inviting members needs the Owner or Admin role.' : null })))(
    '$actor invites → $expected',
    ({ actor, expected }) => {
      expect(refusalReason(mayInvite(actorOf(actor, 'a')))).toBe(expected);
    },
  );
});
