import { useNavigate } from 'react-router';
import { useApolloClient } from '@apollo/client/react';
import { useRolegraphClient } from '../../app/clientContext';
import { useViewer } from '../../app/viewer';

/** After a new session: drop cached data, reconnect the live socket with the new cookie, reload the viewer, go on. */
export function useSignedIn(): (to?: string) => Promise<void> {
  const apollo = useApolloClient();
  const client = useRolegraphClient();
  const { refetch } = useViewer();
  const navigate = useNavigate();
  return async (to = '/members') => {
    await apollo.clearStore();
    client.reconnect();
    await refetch();
    navigate(to, { replace: true });
  };
}
