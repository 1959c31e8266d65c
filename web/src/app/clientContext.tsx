import { createContext, useContext } from 'react';
import type { RolegraphClient } from './apolloClient';

export const ClientContext = createContext<RolegraphClient | null>(null);

/** The app's client, to reconnect the live socket after sign-in or a switch of organization. */
export function useRolegraphClient(): RolegraphClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useRolegraphClient outside its provider');
  return client;
}
