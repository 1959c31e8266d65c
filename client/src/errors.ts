/** An error the Rolegraph API answered with: its `extensions.code` (e.g. FORBIDDEN, NOT_FOUND, BAD_USER_INPUT) and message. */
export class RolegraphError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Every error of the response, as sent. */
    readonly errors: readonly { message: string; extensions?: { code?: string } }[] = [],
  ) {
    super(message);
    this.name = 'RolegraphError';
  }
}
