import { RESOURCE_TYPES, type ResourceType } from '@rolegraph/shared';
import { resourcePath } from '../teams/resourcePath';

/** Where a notification leads, with the words of its link; null when it is about nothing one can open. */
export function notificationLink(kind: string, data: Record<string, unknown>): { to: string; label: string } | null {
  const resourceId = typeof data.resourceId === 'string' ? data.resourceId : null;
  switch (kind) {
    case 'TEAM_ADDED':
      return typeof data.teamId === 'string' ? { to: `/teams/${data.teamId}`, label: 'Open team' } : null;
    case 'ROLE_CHANGED':
      return { to: '/matrix', label: 'What your role allows' };
    case 'ACCESS_REQUESTED':
      return { to: '/requests', label: 'Answer request' };
    case 'ACCESS_REVOKED':
    case 'ACCESS_EXPIRED':
      // The access is gone: the way back is to ask for it again.
      return resourceId ? { to: `/request-access/${resourceId}`, label: 'Ask for access' } : null;
    case 'ACCESS_REQUEST_ANSWERED':
      if (data.status !== 'APPROVED') return { to: '/requests', label: 'Your requests' };
      return resourceLink(resourceId, data);
    default:
      return resourceLink(resourceId, data);
  }
}

function resourceLink(resourceId: string | null, data: Record<string, unknown>): { to: string; label: string } | null {
  const type = RESOURCE_TYPES.find((t) => t === data.resourceType) as ResourceType | undefined;
  const parentId = typeof data.parentId === 'string' ? data.parentId : null;
  // Older notifications may not say the type (or an assistant's project): their page cannot be named.
  if (!resourceId || !type || (type === 'ASSISTANT' && !parentId)) return null;
  return { to: resourcePath({ id: resourceId, type, parent: parentId ? { id: parentId } : null }), label: 'Open' };
}
