import { ORG_ROLE_LABELS, ORG_ROLES, RECOMMENDED_MAX_OWNERS, type OrgRole } from '@rolegraph/shared';

export interface RoleChange {
  readonly memberName: string;
  readonly isYou: boolean;
  readonly from: OrgRole;
  readonly to: OrgRole;
  /** Owners the organization has now. */
  readonly owners: number;
}

export interface RoleChangeWording {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  /** Red: the change takes rights away, or the viewer cannot take it back alone. */
  readonly danger: boolean;
}

/** Lower index, more rights: OWNER, ADMIN, USER. */
const rank = (role: OrgRole) => ORG_ROLES.indexOf(role);

/**
 * What the confirmation of a role change says. Stepping down as an owner is
 * the sharpest case: the viewer cannot undo it alone (only another owner can
 * make them an owner again).
 */
export function roleChangeWording(change: RoleChange): RoleChangeWording {
  const { memberName, isYou, from, to, owners } = change;
  const toName = ORG_ROLE_LABELS[to].name;
  const fromName = ORG_ROLE_LABELS[from].name;
  const demotion = rank(to) > rank(from);
  if (isYou && from === 'OWNER') {
    return {
      title: 'Step down as owner?',
      message: `You will be ${toName === 'Admin' ? 'an Admin' : 'a User'}: you lose billing, LLM configuration and API keys, and admin rights over everything. You cannot undo this yourself: only another owner can make you an owner again.`,
      confirmLabel: `Step down to ${toName}`,
      danger: true,
    };
  }
  if (isYou && demotion) {
    return {
      title: `Change your own role to ${toName}?`,
      message: `You lose what ${withArticle(fromName)} may do (${ORG_ROLE_LABELS[from].summary.replace(/\.$/, '')}). You cannot undo this yourself.`,
      confirmLabel: `Change my role to ${toName}`,
      danger: true,
    };
  }
  if (to === 'OWNER') {
    const many = owners >= RECOMMENDED_MAX_OWNERS;
    return {
      title: `Make ${memberName} an owner?`,
      message: `${memberName} gets full access: billing, LLM configuration, API keys, and admin rights over every team, project and asset.${
        many ? ` This organization already has ${owners} owners; keep owners to one or two.` : ''
      }`,
      confirmLabel: 'Make owner',
      danger: false,
    };
  }
  return {
    title: `Change ${memberName}'s role to ${toName}?`,
    message: demotion
      ? `${memberName} is ${withArticle(fromName)} now and loses what that role allows. ${toName}: ${ORG_ROLE_LABELS[to].summary}`
      : `${toName}: ${ORG_ROLE_LABELS[to].summary}`,
    confirmLabel: `Make ${toName}`,
    danger: demotion,
  };
}

/** A role's name after "a" or "an", as it is spoken: an Admin, an Owner, a User. */
function withArticle(roleName: string): string {
  return `${/^[AEIOU]/.test(roleName) ? 'an' : 'a'} ${roleName}`;
}
