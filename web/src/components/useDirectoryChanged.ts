import { useSubscription } from '@apollo/client/react';
import { graphql } from '../graphql/generated';
import type { DirectoryChangeKind } from '../graphql/generated/graphql';

const DIRECTORY_CHANGED = graphql(`
  subscription DirectoryChanged {
    directoryChanged {
      change
      teamId
    }
  }
`);

export interface DirectoryEvent {
  readonly change: DirectoryChangeKind;
  readonly teamId?: string | null;
}

/**
 * Calls `onChange` for every change of the organization's directory that
 * every member may follow: members joined, changed role, were removed or
 * left; teams created, renamed, deleted, or with members or grants changed.
 * A page picks the changes that move what it shows.
 */
export function useDirectoryChanged(onChange: (event: DirectoryEvent) => void): void {
  useSubscription(DIRECTORY_CHANGED, {
    onData: ({ data }) => {
      const event = data.data?.directoryChanged;
      if (event) onChange(event);
    },
  });
}
