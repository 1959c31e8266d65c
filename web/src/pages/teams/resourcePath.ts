import type { ResourceType } from '@rolegraph/shared';

/** Where a resource is shown in the app: projects on their page, assistants on their project's, assets on theirs. */
export function resourcePath(resource: { id: string; type: ResourceType; parent?: { id: string } | null }): string {
  if (resource.type === 'PROJECT') return `/projects/${resource.id}`;
  if (resource.type === 'ASSISTANT' && resource.parent) return `/projects/${resource.parent.id}#${resource.id}`;
  return `/assets/${resource.id}`;
}
