import { Query, Resolver } from 'type-graphql';
import {
  ACCESS_LEVELS,
  API_KEY_SCOPE_PRESETS,
  API_SCOPE_AREAS,
  CAPABILITIES,
  ORG_ROLES,
  ORG_ROLE_LABELS,
  RESOURCE_TYPES,
  RESOURCE_TYPE_REGISTRY,
} from '@rolegraph/shared';
import { PermissionMatrix } from './permissionMatrix.types';

/** The shared tables, as the API returns them; built once. */
const MATRIX: PermissionMatrix = {
  roles: ORG_ROLES.map((role) => ({ role, ...ORG_ROLE_LABELS[role] })),
  capabilities: CAPABILITIES.map((c) => ({ id: c.id, label: c.label, covers: c.covers, roles: [...c.roles] })),
  levels: [...ACCESS_LEVELS],
  resourceTypes: RESOURCE_TYPES.map((type) => {
    const d = RESOURCE_TYPE_REGISTRY[type];
    return {
      type,
      label: d.label,
      parentType: d.parentType,
      grantableLevels: [...d.grantableLevels],
      defaultShareLevel: d.defaultShareLevel,
      createCapability: d.createCapability,
      actions: Object.entries(d.actions).map(([action, r]) => ({
        action,
        minLevel: r.minLevel,
        capability: r.capability ?? null,
        orgOwners: r.orgOwners === true,
        formerMembersAssets: r.formerMembersAssets ?? null,
      })),
    };
  }),
  apiScopeAreas: API_SCOPE_AREAS.map((a) => ({
    ...a,
    accesses: a.id === 'permissions' || a.id === 'audit' ? ['NONE', 'READ'] : a.id === 'provisioning' ? ['NONE', 'WRITE'] : ['NONE', 'READ', 'WRITE'],
  })),
  apiKeyPresets: Object.entries(API_KEY_SCOPE_PRESETS).map(([id, p]) => ({ id, label: p.label, scopes: p.scopes })),
};

@Resolver()
export class PermissionMatrixResolver {
  @Query(() => PermissionMatrix, { description: 'The permission matrix and registries (public: the same for every organization).' })
  permissionMatrix(): PermissionMatrix {
    return MATRIX;
  }
}
