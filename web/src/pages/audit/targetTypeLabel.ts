import { RESOURCE_TYPE_REGISTRY, isResourceType } from '@rolegraph/shared';

/** What the audit log's entries are about, besides resources (those are named by their type's label). */
const OTHER_TARGETS: Readonly<Record<string, string>> = {
  ACCESS_REQUEST: 'Access request',
  API_KEY: 'API key',
  INVITATION: 'Invitation',
  MEMBER: 'Member',
  ORGANIZATION: 'Organization',
  TEAM: 'Team',
};

/** An audit entry's target type as a person reads it ("Semantic model", "API key"); a kind this app does not know keeps its code. */
export function targetTypeLabel(type: string): string {
  if (isResourceType(type)) return RESOURCE_TYPE_REGISTRY[type].label;
  return OTHER_TARGETS[type] ?? type;
}
