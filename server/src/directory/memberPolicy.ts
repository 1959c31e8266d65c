import { roleHasCapability, type OrgRole } from '@rolegraph/shared';

/**
 * Who may change whom (SPEC 1.3), as pure rules. The org-wide rule "at least
 * one owner" needs the database and lives in the member commands.
 */
export interface PolicyMember {
  readonly accountId: string;
  readonly role: OrgRole;
}

export type PolicyVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const ALLOWED: PolicyVerdict = { allowed: true };
const deny = (reason: string): PolicyVerdict => ({ allowed: false, reason });

/** Rules 1 and 3: may `actor` manage `target` at all (change role or remove)? */
export function mayManageMember(actor: PolicyMember, target: PolicyMember): PolicyVerdict {
  const self = actor.accountId === target.accountId;
  if (target.role === 'OWNER' && !self) {
    return deny(actor.role === 'OWNER' ? 'Owners cannot manage other owners; only that owner can step down.' : 'Only that owner can change or remove an owner.');
  }
  if (!roleHasCapability(actor.role, 'users.manage') && !self) {
    return deny('Managing members needs the Owner or Admin role.');
  }
  return ALLOWED;
}

/** Rules 1-3: may `actor` give `target` the role `newRole`? */
export function mayChangeRole(actor: PolicyMember, target: PolicyMember, newRole: OrgRole): PolicyVerdict {
  if (!roleHasCapability(actor.role, 'users.manage')) return deny('Changing roles needs the Owner or Admin role.');
  const manage = mayManageMember(actor, target);
  if (!manage.allowed) return manage;
  if (newRole === 'OWNER' && actor.role !== 'OWNER') return deny('Only an owner can make someone an owner.');
  return ALLOWED;
}

/** Rules 1 and 3 for removal; leaving (removing yourself) is always allowed here. */
export function mayRemoveMember(actor: PolicyMember, target: PolicyMember): PolicyVerdict {
  if (actor.accountId === target.accountId) return ALLOWED;
  if (!roleHasCapability(actor.role, 'users.manage')) return deny('Removing members needs the Owner or Admin role.');
  return mayManageMember(actor, target);
}

/** Rule 2: invitations offer ADMIN or USER, and need users.manage. */
export function mayInvite(actor: PolicyMember, role: OrgRole): PolicyVerdict {
  if (!roleHasCapability(actor.role, 'users.manage')) return deny('Inviting members needs the Owner or Admin role.');
  if (role === 'OWNER') return deny('Invitations offer Admin or User. Make someone an owner by promoting them after they join.');
  return ALLOWED;
}

/** For the role dropdown: each role with whether `actor` may set it on `target`, and why not. */
export function assignableRoles(actor: PolicyMember, target: PolicyMember): { role: OrgRole; verdict: PolicyVerdict }[] {
  return (['OWNER', 'ADMIN', 'USER'] as const).map((role) => ({
    role,
    verdict: role === target.role ? ALLOWED : mayChangeRole(actor, target, role),
  }));
}

/** Rule 6: more owners than this earns a warning in the web app. */
export const RECOMMENDED_MAX_OWNERS = 2;
