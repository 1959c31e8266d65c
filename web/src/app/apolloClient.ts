import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createLiveSocket, SESSION_ENDED } from './liveSocket';
import { newestFirstPagination } from './newestFirstPagination';

export { SESSION_ENDED, ACCESS_ENDED } from './liveSocket';

/**
 * The schema's interfaces and the types implementing them: the cache needs
 * them to apply a fragment on an interface (`... on Resource`) to an object
 * of a concrete type. Tested against schema.graphql.
 */
export const POSSIBLE_TYPES: Record<string, readonly string[]> = {
  Resource: ['Project', 'Assistant', 'Corpus', 'Connection', 'SchemaAgent', 'SemanticModel'],
};

/** Where queries and mutations go over HTTP, and how: same origin, with the session cookie (the API explorer sends the same way). */
export const GRAPHQL_HTTP = { uri: '/graphql', credentials: 'same-origin' } as const satisfies { uri: string; credentials: RequestCredentials };

export interface RolegraphClient {
  readonly apollo: ApolloClient;
  /**
   * Runs a change this tab makes to its own session (switching or creating an
   * organization, signing out): the server ends the session's socket for it
   * (SESSION_ENDED), which is then expected and not announced as news. The
   * caller reconnects once the change is made.
   */
  changeSession<T>(change: () => Promise<T>): Promise<T>;
  /** Reconnects the live socket, e.g. after signing in or switching organization (the cookie changed). */
  reconnect(): void;
}

/**
 * Apollo Client for the admin console: queries and mutations over HTTP with
 * the session cookie (same origin), subscriptions over graphql-ws on the same
 * path. When the server closes the socket because the session or the access
 * ended, `onAccessEnded` runs instead of a reconnect; after any other close
 * the socket reconnects and every query on screen is refetched, since events
 * may have been missed meanwhile (nothing is shown to the person).
 */
export function createRolegraphClient(onAccessEnded: (code: number) => void): RolegraphClient {
  const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
  // Set from the start of this tab's own session change until it reconnects (or the change fails).
  let changingOwnSession = false;
  const ws = createLiveSocket({
    url: wsUrl,
    onAccessEnded: (code) => {
      if (code === SESSION_ENDED && changingOwnSession) return;
      onAccessEnded(code);
    },
    onReconnected: () => {
      void apollo.refetchQueries({ include: 'active' });
    },
  });
  const http = new HttpLink(GRAPHQL_HTTP);
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === OperationTypeNode.SUBSCRIPTION;
    },
    new GraphQLWsLink(ws),
    http,
  );
  const apollo = new ApolloClient({
    link,
    cache: new InMemoryCache({
      possibleTypes: Object.fromEntries(Object.entries(POSSIBLE_TYPES).map(([type, types]) => [type, [...types]])),
      typePolicies: {
        // Cursor lists grow with "Load more"; each filter is its own list.
        Query: {
          fields: {
            members: relayStylePagination(['search', 'role']),
            teams: relayStylePagination(['search']),
            resources: relayStylePagination(['type', 'search']),
            // Entries are only ever added, newest first: a refetch puts new ones on top of what "Load more" brought in.
            auditLog: newestFirstPagination(['filter']),
            notifications: relayStylePagination(['unreadOnly']),
            resourcesOfFormerMembers: relayStylePagination(),
          },
        },
        // Decisions and access entries have no id of their own.
        Decision: { keyFields: false },
        AccessExplanation: { keyFields: false },
        AccessEntry: { keyFields: false },
        Viewer: { keyFields: [] },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  return {
    apollo,
    async changeSession(change) {
      changingOwnSession = true;
      try {
        return await change();
      } catch (error) {
        changingOwnSession = false;
        throw error;
      }
    },
    reconnect() {
      ws.terminate();
      changingOwnSession = false;
    },
  };
}
