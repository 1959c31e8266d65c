import { readableLine } from '../commands/textInput';
import { UNKNOWN_CLIENT_ADDRESS } from '../app/clientAddress';

/**
 * Where a session was opened: the browser or program that signed in and
 * the client address. Shown to the account alone ("My sessions"), so that a
 * person can tell their sessions apart before ending one.
 */
export interface SessionOrigin {
  readonly userAgent: string | null;
  readonly clientAddress: string | null;
}

/** Longest User-Agent kept: real ones are a few hundred characters; a header of kilobytes is cut. */
export const MAX_USER_AGENT_LENGTH = 512;

/** Sessions made by tools (the bench's sessions), not by anyone signing in. */
export const NO_SESSION_ORIGIN: SessionOrigin = { userAgent: null, clientAddress: null };

/**
 * A request's origin as stored: the User-Agent header as one readable line
 * (control and text-direction characters taken out, cut to
 * MAX_USER_AGENT_LENGTH; null when absent or empty), and the client address.
 */
export function sessionOriginOf(userAgent: string | null | undefined, clientAddress: string | null): SessionOrigin {
  const readable = userAgent ? readableLine(userAgent, MAX_USER_AGENT_LENGTH) : '';
  return { userAgent: readable || null, clientAddress: clientAddress && clientAddress !== UNKNOWN_CLIENT_ADDRESS ? clientAddress : null };
}

/** The origin of a GraphQL request: its User-Agent (over WebSocket, the upgrade request's) and its client address. */
export function sessionOriginOfRequest(request: { readonly userAgent: string | undefined; readonly clientAddress: string }): SessionOrigin {
  return sessionOriginOf(request.userAgent, request.clientAddress);
}
