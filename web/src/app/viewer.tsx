import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../graphql/generated';
import type { MeQuery } from '../graphql/generated/graphql';
import { describeError, isTemporary } from './errors';

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
  /**
   * Why who is signed in is not known, when the server or its database could
   * not be reached: not the same as being signed out (null then, and when known).
   */
  readonly unavailable: unknown;
  /** Whether the viewer's org role holds a capability of the permission matrix. */
  can(capability: string): boolean;
  refetch(): Promise<unknown>;
}

const ViewerContext = createContext<ViewerState | null>(null);

/** Who is signed in, in which organization, with which capabilities — for the whole app. */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const { data, loading, error, refetch } = useQuery(ME, { fetchPolicy: 'network-only', errorPolicy: 'all' });
  const viewer = data?.me ?? null;
  const state: ViewerState = {
    viewer,
    loading: loading && !data,
    unavailable: viewerUnavailable(viewer, error),
    can: (capability) => viewer?.capabilities.includes(capability) ?? false,
    refetch,
  };
  return <ViewerContext.Provider value={state}>{children}</ViewerContext.Provider>;
}

/** The error that left the viewer unknown for a while (server or database not reached), or null: signed out is UNAUTHENTICATED, not this. */
export function viewerUnavailable(viewer: Viewer | null, error: unknown): unknown {
  return !viewer && error && isTemporary(describeError(error).code) ? error : null;
}

export function useViewer(): ViewerState {
  const state = useContext(ViewerContext);
  if (!state) throw new Error('useViewer outside ViewerProvider');
  return state;
}
