import { useQuery } from '@apollo/client/react';
import type { GrantLevel, ResourceType } from '@rolegraph/shared';
import { graphql } from '../graphql/generated';

export const PERMISSION_MATRIX = graphql(`
  query PermissionMatrix {
    permissionMatrix {
      roles {
        role
        name
        seedName
        summary
      }
      capabilities {
        id
        label
        covers
        roles
      }
      levels
      resourceTypes {
        type
        label
        parentType
        grantableLevels
        defaultShareLevel
        createCapability
        actions {
          action
          minLevel
          capability
        }
      }
      apiScopeAreas {
        id
        label
        covers
        accesses
      }
      apiKeyPresets {
        id
        label
        scopes {
          directory
          resources
          permissions
          audit
          provisioning
        }
      }
    }
  }
`);

/** The server's tables (grantable levels, share defaults, presets), fetched once and cached. */
export function usePermissionMatrix() {
  const { data, loading, error } = useQuery(PERMISSION_MATRIX, { fetchPolicy: 'cache-first' });
  const matrix = data?.permissionMatrix ?? null;
  return {
    matrix,
    loading,
    error,
    typeRow(type: ResourceType) {
      return matrix?.resourceTypes.find((t) => t.type === type) ?? null;
    },
    grantableLevels(type: ResourceType): GrantLevel[] {
      return [...(matrix?.resourceTypes.find((t) => t.type === type)?.grantableLevels ?? [])];
    },
  };
}
