import type { Check } from './inProcess';
import type { Endpoint } from './report';

/** The request bodies of each measured query: the same checks for every query that takes one. */
export function bodiesFor(
  endpoint: Endpoint,
  checks: readonly Check[],
  ids: { members: Record<string, string>; resources: Record<string, string> },
  assistantUsers: readonly string[],
): string[] {
  const toIds = (c: Check) => ({ userId: ids.members[c.userId]!, action: c.action, resourceId: ids.resources[c.resourceId]! });
  switch (endpoint) {
    case 'trivial':
      return [JSON.stringify({ query: '{ __typename }' })];
    case 'checkPermission':
      return checks.slice(0, 2000).map((c) =>
        JSON.stringify({
          query: 'query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed level } }',
          variables: { input: toIds(c) },
        }),
      );
    case 'checkPermissions100':
      return Array.from({ length: 50 }, (_, b) =>
        JSON.stringify({
          query: 'query($inputs: [CheckPermissionInput!]!) { checkPermissions(inputs: $inputs) { allowed level } }',
          variables: { inputs: checks.slice(b * 100, b * 100 + 100).map(toIds) },
        }),
      );
    case 'explainAccess':
      return checks.slice(0, 2000).map((c) =>
        JSON.stringify({
          query:
            'query($u: ID!, $r: ID!) { explainAccess(userId: $u, resourceId: $r) { level allowedActions reasons { source level winning inherited teamId anchorResourceId } } }',
          variables: { u: ids.members[c.userId], r: ids.resources[c.resourceId] },
        }),
      );
    case 'accessibleResources':
      return assistantUsers.map((u) =>
        JSON.stringify({
          query: 'query($u: ID!) { accessibleResources(userId: $u, type: ASSISTANT, action: "chat", first: 50) { totalCount edges { node { id name } } } }',
          variables: { u },
        }),
      );
  }
}
