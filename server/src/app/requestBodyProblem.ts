/**
 * What was wrong with a request body that `express.json` could not read, in
 * words for the client, with the HTTP status to answer; null for an error
 * that is not about the body. The GraphQL endpoint and SCIM each answer it
 * in their own error shape (a client's mistake is never a server error, and
 * never an HTML page from an API).
 */
export interface RequestBodyProblem {
  readonly status: 400 | 413 | 415;
  readonly message: string;
  /** The body is not JSON at all (SCIM says invalidSyntax). */
  readonly syntax: boolean;
}

/** body-parser's errors (http-errors): a 4xx status, and what went wrong as `type`. */
interface BodyParserError {
  readonly status?: unknown;
  readonly type?: unknown;
  readonly limit?: unknown;
}

function megabytes(bytes: unknown): string {
  return typeof bytes === 'number' ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : 'the limit';
}

export function requestBodyProblem(error: unknown): RequestBodyProblem | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, type, limit } = error as BodyParserError;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, message: 'The request body is not valid JSON.', syntax: true };
    case 'entity.too.large':
      return { status: 413, message: `The request body is larger than ${megabytes(limit)}.`, syntax: false };
    case 'charset.unsupported':
      return { status: 415, message: 'The request body’s charset is not supported: send UTF-8.', syntax: false };
    case 'encoding.unsupported':
      return { status: 415, message: 'The request body’s Content-Encoding is not supported: send gzip, deflate, br or none.', syntax: false };
    default:
      // A body that ended early, or did not decompress as its Content-Encoding said.
      return { status: 400, message: 'The request body could not be read.', syntax: false };
  }
}
