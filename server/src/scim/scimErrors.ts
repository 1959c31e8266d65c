import { DomainError } from '../errors';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The scimType values of RFC 7644 section 3.12 that Rolegraph answers with. */
export type ScimType = 'invalidFilter' | 'invalidSyntax' | 'invalidPath' | 'invalidValue' | 'uniqueness' | 'mutability' | 'noTarget' | 'tooMany';

/** An error answered as a SCIM error body with its HTTP status. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
  }
}

export interface ScimErrorBody {
  readonly schemas: readonly string[];
  readonly status: string;
  readonly scimType?: ScimType;
  readonly detail: string;
}

/** A domain error (the commands' own) as the SCIM error it is. */
export function scimErrorOf(error: DomainError): ScimError {
  switch (error.code) {
    case 'NOT_FOUND':
      return new ScimError(404, error.message);
    case 'BAD_USER_INPUT':
      return new ScimError(400, error.message, 'invalidValue');
    case 'ALREADY_MEMBER':
      return new ScimError(409, error.message, 'uniqueness');
    case 'UNAUTHENTICATED':
      return new ScimError(401, error.message);
    case 'RATE_LIMITED':
      return new ScimError(429, error.message);
    case 'LAST_OWNER':
    case 'SEAT_LIMIT':
    case 'FORBIDDEN':
      return new ScimError(403, error.message);
    default:
      return new ScimError(400, error.message);
  }
}

export function scimErrorBody(error: ScimError): ScimErrorBody {
  return { schemas: [SCIM_ERROR_SCHEMA], status: String(error.status), ...(error.scimType ? { scimType: error.scimType } : {}), detail: error.message };
}
