/** The error codes a client can see in `extensions.code`. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'LAST_OWNER'
  | 'ALREADY_MEMBER'
  | 'SEAT_LIMIT'
  | 'RATE_LIMITED'
  /** The database cannot be reached right now: retry after `extensions.retryAfterSeconds`. */
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';
