import { useSubscription } from '@apollo/client/react';
import { graphql } from '../graphql/generated';

const ACCESS_CHANGED = graphql(`
  subscription ResourceAccessChanged($id: ID!) {
    resourceAccessChanged(resourceId: $id) {
      resourceId
      revision
    }
  }
`);

/**
 * Calls `onChange` whenever who has access to a resource changes (a grant,
 * its owner, a team's members, inherited access, a member's role): what a
 * page showing that access refetches on, whoever it shows it for.
 */
export function useResourceAccessChanged(resourceId: string, onChange: () => void): void {
  useSubscription(ACCESS_CHANGED, { variables: { id: resourceId }, onData: onChange });
}
