/** The error codes a client can see in `extensions.code` (SPEC 2). */
const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'LAST_OWNER',
  'ALREADY_MEMBER',
  'SEAT_LIMIT',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
