/**
 * Close codes the server sends on a live (graphql-ws) socket, beside
 * graphql-ws's own protocol codes. docs/live-events.md describes when each
 * is sent and what a client does.
 */
export const LIVE_CLOSE_CODES = {
  /** The session was signed out, or switched to another organization: sign in / reconnect. */
  SESSION_ENDED: 4401,
  /** The member left or was removed, or the API key was revoked: no reconnecting to this organization. */
  ACCESS_ENDED: 4403,
  /** Events may have been missed (Redis was away, or another instance could not forward its events): reconnect and refetch. */
  EVENTS_MISSED: 4410,
  /** The database could not be reached to check the credential (the WebSocket code "Try Again Later"): reconnect after a pause. */
  TRY_AGAIN_LATER: 1013,
} as const;
