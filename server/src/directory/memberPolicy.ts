import { ORG_ROLES, roleHasCapability, type OrgRole } from '@rolegraph/shared';
import { ForbiddenError, NotFoundError } from '../errors';
import { isUuid } from '../ids';
import { Scope } from '../policies/apiKeyNeeds';
import { definePolicy, type PolicyCaller } from '../policies/policy';
import { isSelf, type PolicyActor } from '../policies/policyActor';
import { ALLOW, deny, type Verdict } from '../policies/verdict';

/**
 * Who may change whom: invite, change a role, remove.
 *
 * 1. It needs users.manage (Owner or Admin), except changing or removing yourself.
 * 2. Only an owner gives the Owner role; invitations offer Admin or User.
 * 3. Nobody manages an owner but that owner: an admin cannot change or remove
 *    an owner, and owners cannot manage other owners. An owner may step down.
 *
 * The organization-wide rule "always at least one owner" needs every
 * membership and lives with the commands (LAST_OWNER), under the
 * organization's lock. The predicates here are pure; the named policies
 * below apply them to the request's view for the schema, and the commands
 * apply the same predicates to the rows they lock.
 */
export interface PolicyMember {
  readonly accountId: string;
  readonly role: OrgRole;
}

function refuse(reason: string): Verdict {
  return deny(new ForbiddenError(reason));
}

/** Rules 1 and 3: may the actor manage the target at all (change their role or remove them)? */
export function mayManageMember(actor: PolicyActor, target: PolicyMember): Verdict {
  const self = isSelf(actor, target.accountId);
  if (target.role === 'OWNER' && !self) {
    return refuse(
      actor.role === 'OWNER' ? 'Owners cannot manage other owners; only that owner can step down.' : 'Only that owner can change or remove an owner.',
    );
  }
  if (!self && !roleHasCapability(actor.role, 'users.manage')) return refuse('Managing members needs the Owner or Admin role.');
  return ALLOW;
}

/** Rules 1-3: may the actor give the target the role `newRole`? */
export function mayChangeRole(actor: PolicyActor, target: PolicyMember, newRole: OrgRole): Verdict {
  if (!roleHasCapability(actor.role, 'users.manage')) return refuse('Changing roles needs the Owner or Admin role.');
  const manage = mayManageMember(actor, target);
  if (!manage.allowed) return manage;
  if (newRole === 'OWNER' && actor.role !== 'OWNER') return refuse('Only an owner can make someone an owner.');
  return ALLOW;
}

/** Rules 1 and 3 for removal; leaving (removing yourself) is always allowed here. */
export function mayRemoveMember(actor: PolicyActor, target: PolicyMember): Verdict {
  if (isSelf(actor, target.accountId)) return ALLOW;
  if (!roleHasCapability(actor.role, 'users.manage')) return refuse('Removing members needs the Owner or Admin role.');
  return mayManageMember(actor, target);
}

/** Rule 1 for invitations (which roles they may offer is checked on the input: Admin or User). */
export function mayInvite(actor: PolicyActor): Verdict {
  return roleHasCapability(actor.role, 'users.manage') ? ALLOW : refuse('Inviting members needs the Owner or Admin role.');
}

/** For the role dropdown: each role with whether the actor may set it on the target, and why not. */
export function assignableRoles(actor: PolicyActor, target: PolicyMember): { role: OrgRole; verdict: Verdict }[] {
  return ORG_ROLES.map((role) => ({ role, verdict: role === target.role ? ALLOW : mayChangeRole(actor, target, role) }));
}

/** The target as a current member in the request's view; anyone else is answered as missing. */
async function memberInView(caller: PolicyCaller, userId: string): Promise<PolicyMember | Verdict> {
  const accountId = isUuid(userId) ? userId.toLowerCase() : '';
  const role = accountId ? (await caller.access.graph()).memberRole(accountId) : undefined;
  return role ? { accountId, role } : deny(new NotFoundError('member', userId));
}

function isVerdict(value: PolicyMember | Verdict): value is Verdict {
  return 'allowed' in value;
}

export const changeMemberRolePolicy = definePolicy<{ userId: string; role: OrgRole }>({
  name: 'member.changeRole',
  rule: 'users.manage; only an owner gives the Owner role; nobody changes an owner but that owner',
  apiKey: Scope.directoryWrite,
  async decide(caller, input) {
    const target = await memberInView(caller, input.userId);
    return isVerdict(target) ? target : mayChangeRole(caller.actor, target, input.role);
  },
});

export const removeMemberPolicy = definePolicy<{ userId: string }>({
  name: 'member.remove',
  rule: 'yourself (leaving), or users.manage; nobody removes an owner but that owner',
  apiKey: Scope.directoryWrite,
  async decide(caller, input) {
    const target = await memberInView(caller, input.userId);
    return isVerdict(target) ? target : mayRemoveMember(caller.actor, target);
  },
});

export const inviteMemberPolicy = definePolicy<Record<string, never>>({
  name: 'member.invite',
  rule: 'users.manage (invitations offer Admin or User)',
  apiKey: Scope.directoryWrite,
  decide: (caller) => mayInvite(caller.actor),
});

/**
 * The organization keeps at least one owner: demoting or removing its only
 * owner is refused (LAST_OWNER). The commands enforce this under the
 * organization's lock; this is the same sentence for showing it beforehand.
 */
export function lastOwnerReason(target: PolicyMember, ownerCount: number, actor: PolicyActor): string | null {
  if (target.role !== 'OWNER' || ownerCount > 1) return null;
  return isSelf(actor, target.accountId)
    ? 'You are the only owner: promote another member to Owner before stepping down or leaving.'
    : 'This is the only owner: promote another member to Owner first.';
}
