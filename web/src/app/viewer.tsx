import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../graphql/generated';
import type { MeQuery } from '../graphql/generated/graphql';

export const ME = graphql(`
  query Me {
    me {
      account {
        id
        email
        name
      }
      organization {
        id
        name
      }
      role
      capabilities
      organizations {
        organization {
          id
          name
        }
        role
      }
    }
  }
`);

export type Viewer = MeQuery['me'];

interface ViewerState {
  readonly viewer: Viewer | null;
  readonly loading: boolean;
  /** Whether the viewer's org role holds a capability of the permission matrix. */
  can(capability: string): boolean;
  refetch(): Promise<unknown>;
}

const ViewerContext = createContext<ViewerState | null>(null);

/** Who is signed in, in which organization, with which capabilities — for the whole app. */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const { data, loading, refetch } = useQuery(ME, { fetchPolicy: 'network-only', errorPolicy: 'all' });
  const viewer = data?.me ?? null;
  const state: ViewerState = {
    viewer,
    loading: loading && !data,
    can: (capability) => viewer?.capabilities.includes(capability) ?? false,
    refetch,
  };
  return <ViewerContext.Provider value={state}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerState {
  const state = useContext(ViewerContext);
  if (!state) throw new Error('useViewer outside ViewerProvider');
  return state;
}
