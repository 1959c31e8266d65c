import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { ErrorCode } from '@rolegraph/shared';

/** The code given to errors where the server was not reached or did not answer. */
export const NETWORK_ERROR = 'NETWORK_ERROR';

/** The server's code for "the database cannot be reached right now": the request may be sent again as it is. */
export const SERVICE_UNAVAILABLE: ErrorCode = 'SERVICE_UNAVAILABLE';

/** Whether an error says only that Rolegraph could not answer just now (not reached, or its database not), so trying again may work. */
export function isTemporary(code: string | null): boolean {
  return code === NETWORK_ERROR || code === SERVICE_UNAVAILABLE;
}

/** The code (`extensions.code`) and message of an Apollo error, for showing and branching. */
export function describeError(error: unknown): { code: string | null; message: string } {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    return { code: (first?.extensions?.code as string | undefined) ?? null, message: first?.message ?? error.message };
  }
  if (ServerError.is(error) && error.statusCode >= 500) {
    return { code: NETWORK_ERROR, message: `The server did not answer (HTTP ${error.statusCode}). Try again in a moment.` };
  }
  if (isUnreachable(error)) {
    return { code: NETWORK_ERROR, message: 'You seem to be offline, or the server cannot be reached. Check your connection and try again.' };
  }
  if (error instanceof Error) return { code: null, message: error.message };
  return { code: null, message: 'Something went wrong.' };
}

/** A request that never got an answer: the browser is offline, or fetch failed before any response. */
function isUnreachable(error: unknown): boolean {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return true;
  // fetch rejects with a TypeError ("Failed to fetch", "NetworkError when attempting to fetch resource", "Load failed").
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}
