import type { ErrorCode } from '@rolegraph/shared';

/**
 * Errors a client may see. Each carries its code (the `code` extension of schema.graphql's error contract) and a message a
 * person can act on. Anything else thrown is an internal error and reaches
 * the client only as a generic message (see graphql/formatError.ts).
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra machine-readable details for `extensions` (never secrets). */
  readonly details: Record<string, unknown> | undefined;
  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message = 'Sign in first: this needs a session or an API key.') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  /**
   * @param concealsDenial set when the thing exists but the caller may not
   *   see it: the client gets the same answer as for a missing id, while the
   *   audit log records a refusal.
   */
  constructor(
    what: string,
    id?: string,
    readonly concealsDenial = false,
  ) {
    super(id ? `No ${what} with id ${id} in this organization.` : `No such ${what} in this organization.`);
  }
}

export class BadUserInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(message: string, field?: string) {
    super(message, field ? { field } : undefined);
  }
}

export class LastOwnerError extends DomainError {
  readonly code = 'LAST_OWNER' as const;
  constructor(message = 'An organization needs at least one owner: promote another member to Owner first.') {
    super(message);
  }
}

export class AlreadyMemberError extends DomainError {
  readonly code = 'ALREADY_MEMBER' as const;
  constructor(email: string) {
    super(`${email} is already a member of this organization.`);
  }
}

export class SeatLimitError extends DomainError {
  readonly code = 'SEAT_LIMIT' as const;
  constructor(seats: number) {
    super(`All ${seats} seats are taken (members plus pending invitations). Revoke an invitation, remove a member, or add seats in Billing.`, { seats });
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED' as const;
  constructor(
    readonly retryAfterSeconds: number,
    what = 'failed sign-in attempts',
  ) {
    super(`Too many ${what}. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, { retryAfterSeconds });
  }
}

/**
 * The database cannot be reached right now (stopped, restarting, refusing or
 * out of connections, cut off): the request was not answered; try again after
 * `retryAfterSeconds`. Thrown while authenticating a request
 * (auth/authenticate.ts), where Apollo reads `extensions` for the HTTP
 * answer: 503 with Retry-After. A resolver's
 * database error of the same kind gets the same code and message
 * (graphql/formatError.ts).
 */
export class DatabaseUnavailableError extends DomainError {
  static readonly RETRY_AFTER_SECONDS = 5;
  readonly code = 'SERVICE_UNAVAILABLE' as const;
  readonly extensions = {
    code: this.code,
    http: { status: 503, headers: new Map([['retry-after', String(DatabaseUnavailableError.RETRY_AFTER_SECONDS)]]) },
  };
  constructor(cause: unknown) {
    super('The database cannot be reached right now. Try again in a few seconds.', { retryAfterSeconds: DatabaseUnavailableError.RETRY_AFTER_SECONDS });
    this.cause = cause;
  }
}

/**
 * The change collided with other changes made at the same moment, again and
 * again; nothing was saved. Rare: a colliding command is first run again, and
 * then usually answers with its own clear error.
 */
export class ConflictError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor() {
    super('This collided with other changes made at the same moment; nothing was saved. Try again.');
  }
}
