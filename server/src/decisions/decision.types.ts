import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { EffectiveLevel } from '@rolegraph/shared';
import { AccessLevelEnum } from '../graphql/enums';

export const AccessSourceEnum = {
  ORG_ROLE: 'ORG_ROLE',
  OWNERSHIP: 'OWNERSHIP',
  DIRECT_GRANT: 'DIRECT_GRANT',
  TEAM_GRANT: 'TEAM_GRANT',
  PUBLIC: 'PUBLIC',
} as const;
export type AccessSource = keyof typeof AccessSourceEnum;
registerEnumType(AccessSourceEnum, {
  name: 'AccessSource',
  description:
    'How a path starts: ORG_ROLE (org owners are admins of everything), OWNERSHIP, DIRECT_GRANT, TEAM_GRANT, or PUBLIC (a live public assistant). A path through an ancestor is also INHERITED (see `inherited`).',
});

export const AccessReasonKindEnum = { ...AccessSourceEnum, INHERITED: 'INHERITED' } as const;
export type AccessReasonKind = keyof typeof AccessReasonKindEnum;
registerEnumType(AccessReasonKindEnum, {
  name: 'AccessReasonKind',
  description: 'Every kind a path has: its source, plus INHERITED when it reaches the resource from an ancestor.',
});

export const DenialKindEnum = {
  NOT_A_MEMBER: 'NOT_A_MEMBER',
  DRAFT: 'DRAFT',
  EXPIRED: 'EXPIRED',
  NO_ACCESS: 'NO_ACCESS',
  INSUFFICIENT_LEVEL: 'INSUFFICIENT_LEVEL',
  MISSING_CAPABILITY: 'MISSING_CAPABILITY',
} as const;
export type DenialKind = keyof typeof DenialKindEnum;
registerEnumType(DenialKindEnum, {
  name: 'DenialKind',
  description:
    'Why a check was denied: NOT_A_MEMBER (not, or no longer, a member of the organization), DRAFT (a draft assistant: only its owner and the organization’s owners can open it), EXPIRED (a grant that would allow it has ended), NO_ACCESS (no path gives any level: no ownership, and no grant to the user or one of their teams on it or on a resource above it), INSUFFICIENT_LEVEL (a level, but not enough), or MISSING_CAPABILITY (the org role lacks a capability the action also needs).',
});

export const AllowanceKindEnum = { ORG_OWNER: 'ORG_OWNER', FORMER_MEMBERS_ASSET: 'FORMER_MEMBERS_ASSET' } as const;
export type AllowanceKind = keyof typeof AllowanceKindEnum;
registerEnumType(AllowanceKindEnum, {
  name: 'AllowanceKind',
  description:
    'Why an action is allowed without the level it normally needs: ORG_OWNER (every org owner may transfer any resource) or FORMER_MEMBERS_ASSET (those who manage members may reassign a resource whose owner has left).',
});

export const ConsistencyModeEnum = { FULL: 'FULL', AT_LEAST: 'AT_LEAST', MINIMIZE_LATENCY: 'MINIMIZE_LATENCY' } as const;
export type ConsistencyMode = keyof typeof ConsistencyModeEnum;
registerEnumType(ConsistencyModeEnum, {
  name: 'ConsistencyMode',
  description:
    'How fresh an answer must be: FULL (at least the latest committed access revision: never the access a revoke that returned took away), AT_LEAST (at least the revision of `atLeast`, answered from memory without a database round trip when this server already has it) or MINIMIZE_LATENCY (what this server holds, confirmed current at most 5 seconds ago). See docs/consistency.md.',
});

@InputType({ description: 'How fresh a decision must be. Omitted: FULL.' })
export class ConsistencyInput {
  @Field(() => ConsistencyModeEnum, { defaultValue: 'FULL', description: 'FULL (default), AT_LEAST or MINIMIZE_LATENCY.' })
  mode: ConsistencyMode;

  @Field(() => String, {
    nullable: true,
    description: 'For AT_LEAST: a revision token this organization returned (`extensions.accessRevision`, or a decision’s `revision`).',
  })
  atLeast?: string | null;
}

@ObjectType({ description: 'One path that gives a user a level on a resource — the answer to "why".' })
export class AccessReason {
  @Field(() => AccessSourceEnum, { description: 'How the path starts.' })
  source: AccessSource;

  @Field(() => [AccessReasonKindEnum], { description: 'Its kinds: the source, and INHERITED when through an ancestor.' })
  kinds: AccessReasonKind[];

  @Field(() => AccessLevelEnum, { description: 'The level this path gives.' })
  level: EffectiveLevel;

  @Field({ description: 'Whether this is the path that decides the effective level (the highest).' })
  winning: boolean;

  @Field({ description: 'Whether it comes from an ancestor (e.g. the project of an assistant).' })
  inherited: boolean;

  @Field(() => ID, { nullable: true, description: 'The team it goes through (TEAM_GRANT).' })
  teamId: string | null;

  @Field(() => ID, { nullable: true, description: 'The resource carrying the grant or ownership: the resource itself or an ancestor.' })
  anchorResourceId: string | null;

  @Field(() => Date, { nullable: true, description: 'When the grant behind this path ends; null for a path without an end.' })
  expiresAt: Date | null;
}

@ObjectType({ description: 'Why a check was denied.' })
export class Denial {
  @Field(() => DenialKindEnum, { description: 'NOT_A_MEMBER, DRAFT, EXPIRED, NO_ACCESS, INSUFFICIENT_LEVEL or MISSING_CAPABILITY.' })
  kind: DenialKind;

  @Field(() => AccessLevelEnum, { nullable: true, description: 'The level the action needs (EXPIRED, NO_ACCESS, INSUFFICIENT_LEVEL).' })
  requiredLevel: EffectiveLevel | null;

  @Field(() => String, { nullable: true, description: 'The capability the action also needs (MISSING_CAPABILITY).' })
  capability: string | null;

  @Field(() => Date, { nullable: true, description: 'When the grant that would allow it ended (EXPIRED).' })
  expiredAt: Date | null;

  @Field({ description: 'The denial in words.' })
  message: string;
}

/**
 * `simpleResolvers`: its plain fields are read as properties by graphql-js,
 * without type-graphql's per-field wrapper (a batch of 100 checks reads 200
 * such fields). It has no field-level rules or middlewares for the wrapper to
 * run; ruleSnapshot.test.ts fails if a type with simple fields gets one.
 */
@ObjectType({ description: 'The answer to "may user U do action A on resource R?", with the reasons.', simpleResolvers: true })
export abstract class Decision {
  @Field({ description: 'Whether the action is allowed.' })
  allowed: boolean;

  @Field(() => AccessLevelEnum, { description: 'The user’s effective level on the resource (for capability checks: NONE).' })
  level: EffectiveLevel;

  /** Resolved by `whyNot()` (DecisionFieldsResolver), worked out only if asked for. */
  @Field(() => Denial, { nullable: true, description: 'Why not, when denied.' })
  denial: Denial | null;

  @Field(() => AllowanceKindEnum, {
    nullable: true,
    description: 'Set when the action is allowed by an allowance rather than by the level (see AllowanceKind).',
  })
  allowedBy: AllowanceKind | null;

  /** Why not, when denied; worked out only if `denial` is asked for. */
  abstract whyNot(): Denial | null;

  /** The paths, worked out only if `reasons` is asked for. */
  abstract explain(): readonly AccessReason[];

  @Field(() => ID, { description: 'The user checked.' })
  userId: string;

  @Field({ description: 'The action checked.' })
  action: string;

  @Field(() => ID, { nullable: true, description: 'The resource checked; null for an org capability.' })
  resourceId: string | null;

  @Field({ description: 'The revision token of the access graph this answer was decided on.' })
  revision: string;
}

@InputType({ description: 'One check: a user, an action, and a resource — or no resource for an org capability such as "users.manage".' })
export class CheckPermissionInput {
  @Field(() => ID, { description: 'User id (a member; anyone else is answered NONE).' })
  userId: string;

  @Field({ description: 'An action of the resource’s type (e.g. "chat") or, without a resource, a capability (e.g. "users.manage").' })
  action: string;

  @Field(() => ID, { nullable: true, description: 'Resource id; omit for a capability.' })
  resourceId?: string | null;
}

@ObjectType({ description: 'Everything about one user’s access to one resource.' })
export class AccessExplanation {
  @Field(() => ID, { description: 'The user.' })
  userId: string;

  @Field(() => ID, { description: 'The resource.' })
  resourceId: string;

  @Field(() => AccessLevelEnum, { description: 'Effective level.' })
  level: EffectiveLevel;

  @Field(() => [String], { description: 'Actions the user may do on it, capabilities considered.' })
  allowedActions: string[];

  @Field(() => [AccessReason], { description: 'Every path, the winning one marked.' })
  reasons: AccessReason[];

  @Field(() => Denial, {
    nullable: true,
    description:
      'Why the user cannot open it (its "read" action), when they cannot: NOT_A_MEMBER, DRAFT, EXPIRED (with the end of the grant), NO_ACCESS (no path gives access) or INSUFFICIENT_LEVEL; null when they can. The same denial checkPermission gives for "read".',
  })
  denial: Denial | null;

  @Field({ description: 'The revision token of the access graph this answer was decided on.' })
  revision: string;
}

@ObjectType({ description: 'Someone with access to a resource, and why.' })
export class AccessEntry {
  @Field(() => ID, { nullable: true, description: 'The member; null for the PUBLIC entry of a live public assistant.' })
  userId: string | null;

  @Field({ description: 'Whether this is the entry for everyone (a live public assistant).' })
  isPublic: boolean;

  @Field(() => AccessLevelEnum, { description: 'Their effective level.' })
  level: EffectiveLevel;

  @Field(() => [AccessReason], { description: 'Every path, the winning one marked.' })
  reasons: AccessReason[];

  @Field({ description: 'The revision token of the access graph this answer was decided on.' })
  revision: string;
}
