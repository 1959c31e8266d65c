import { registerEnumType } from 'type-graphql';
import {
  ACCESS_LEVELS,
  API_SCOPE_ACCESS,
  ASSISTANT_STATUSES,
  ASSISTANT_VISIBILITIES,
  GRANTABLE_LEVELS,
  ORG_ROLES,
  PLANS,
  RESOURCE_TYPES,
  TEAM_ROLES,
} from '@rolegraph/shared';

/** A GraphQL enum object `{ A: 'A', ... }` from one of the shared tables. */
function enumOf<const T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const OrgRoleEnum = enumOf(ORG_ROLES);
registerEnumType(OrgRoleEnum, {
  name: 'OrgRole',
  description: 'An organization role: OWNER (Global Admin), ADMIN (Application Admin) or USER.',
});

export const AccessLevelEnum = enumOf([...ACCESS_LEVELS, 'NONE'] as const);
registerEnumType(AccessLevelEnum, {
  name: 'AccessLevel',
  description: 'A level on a resource, ordered VIEWER < MEMBER < EDITOR < ADMIN < OWNER; NONE means no access.',
});

export const GrantLevelEnum = enumOf(GRANTABLE_LEVELS);
registerEnumType(GrantLevelEnum, { name: 'GrantLevel', description: 'A level a grant may give (OWNER comes only from owning a resource).' });

export const ResourceTypeEnum = enumOf(RESOURCE_TYPES);
registerEnumType(ResourceTypeEnum, { name: 'ResourceType', description: 'The kinds of resource in the catalog.' });

export const TeamRoleEnum = enumOf(TEAM_ROLES);
registerEnumType(TeamRoleEnum, { name: 'TeamRole', description: 'A role inside a team: ADMIN manages the team, MEMBER belongs to it.' });

export const AssistantStatusEnum = enumOf(ASSISTANT_STATUSES);
registerEnumType(AssistantStatusEnum, { name: 'AssistantStatus', description: 'DRAFT assistants are visible only to their owner and org owners.' });

export const AssistantVisibilityEnum = enumOf(ASSISTANT_VISIBILITIES);
registerEnumType(AssistantVisibilityEnum, {
  name: 'AssistantVisibility',
  description: 'A PUBLIC and LIVE assistant gives MEMBER (read, chat) to everyone, without sign-in.',
});

export const ApiScopeAccessEnum = enumOf(API_SCOPE_ACCESS);
registerEnumType(ApiScopeAccessEnum, {
  name: 'ApiScopeAccess',
  description: 'What an API key may do in one area: NONE, READ, or WRITE (which includes READ).',
});

export const PlanEnum = enumOf(PLANS.map((p) => p.id));
registerEnumType(PlanEnum, { name: 'Plan', description: 'A billing plan.' });

export const InvitationStatusEnum = enumOf(['PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED'] as const);
registerEnumType(InvitationStatusEnum, { name: 'InvitationStatus', description: 'Where an invitation stands.' });
