import type { ResourceNode } from '../access/accessGraph';
import type { GrantEntity } from './grant.entity';
import type { ResourceEntity } from './resource.entity';
import { CLASS_OF, type Grant, type Resource } from './resource.types';

/** A resource as its GraphQL object (an instance of the type's class, as graphql-js needs for interfaces). */
export function presentResourceNode(node: ResourceNode, row?: ResourceEntity): Resource {
  return Object.assign(new CLASS_OF[node.type](), {
    id: node.id,
    type: node.type,
    name: node.name,
    ownerId: node.ownerId,
    parentId: node.parentId,
    status: node.status,
    visibility: node.visibility,
    row,
  });
}

/** A resource row (after a mutation) as its GraphQL object. */
export function presentResource(row: ResourceEntity): Resource {
  return presentResourceNode(
    {
      id: row.id,
      type: row.type,
      name: row.name,
      sortName: row.name.toLowerCase(),
      ownerId: row.ownerId,
      parentId: row.parentId,
      status: row.status,
      visibility: row.visibility,
    },
    row,
  );
}

/** A grant row as the API presents it. */
export function presentGrant(g: GrantEntity): Grant {
  return {
    id: g.id,
    level: g.level,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    expiresAt: g.expiresAt,
    resourceId: g.resourceId,
    userId: g.subjectUserId,
    teamId: g.subjectTeamId,
    grantedById: g.grantedBy,
  };
}
