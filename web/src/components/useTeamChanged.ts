import { useSubscription } from '@apollo/client/react';
import { graphql } from '../graphql/generated';
import type { TeamChange } from '../graphql/generated/graphql';

const TEAM_CHANGED = graphql(`
  subscription TeamChanged {
    teamChanged {
      change
      teamId
    }
  }
`);

/**
 * Calls `onChange` with the team's id and what happened whenever a team of the organization is
 * created, renamed, deleted, or its members or grants change: what a page
 * showing teams (or members' teams) refetches on. Every member may follow it.
 */
export function useTeamChanged(onChange: (teamId: string, change: TeamChange) => void): void {
  useSubscription(TEAM_CHANGED, {
    onData: ({ data }) => {
      const change = data.data?.teamChanged;
      if (change) onChange(change.teamId, change.change);
    },
  });
}
