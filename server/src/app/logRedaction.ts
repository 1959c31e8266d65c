/**
 * What may reach a log line. Everything logged goes through here, at every
 * depth: values under secret-sounding keys are replaced, strings are scrubbed
 * of token, hash and password shapes, and errors are reduced to fields known
 * to be safe — never a database error's parameters or its detail (which
 * quotes the row it refused: password hashes, credentials).
 */

export const REDACTED = '[redacted]';

/** Keys whose values never reach a log, whatever they hold. */
const SECRET_KEY = /(password|passphrase|token|secret|credentials?|authorization|cookie|apikey|api_key|privatekey|private_key|hash)s?$/i;
/** Keys holding statement parameters or request variables: they may carry any secret. */
const VALUES_KEY = /^(parameters|params|values|variables|bindings|body)$/i;

/** Secret shapes inside any string: Rolegraph tokens, argon2 hashes, bearer credentials, passwords in URLs and connection strings. */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\b(rg[a-z])_[A-Za-z0-9_-]{16,}/g, `$1_${REDACTED}`],
  [/\$argon2(?:id|i|d)\$[A-Za-z0-9$=,+/.-]+/g, REDACTED],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*):[^\s@/]+@/gi, `$1:${REDACTED}@`],
  [/\b(password|passwd|pwd)=[^\s&;]+/gi, `$1=${REDACTED}`],
];

/** Error fields kept: what identifies the failure, never the data it was about. */
const SAFE_ERROR_FIELDS = ['code', 'severity', 'table', 'column', 'constraint', 'schema', 'dataType', 'routine', 'errno', 'syscall', 'statusCode'] as const;
/** Errors an error wraps, followed to their end. */
const CAUSE_FIELDS = ['cause', 'originalError', 'driverError'] as const;

const MAX_DEPTH = 8;
const MAX_ITEMS = 100;
const MAX_QUERY_CHARS = 2000;

export function redactString(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

function isErrorLike(value: object): value is Error {
  return value instanceof Error || (typeof (value as { message?: unknown }).message === 'string' && typeof (value as { stack?: unknown }).stack === 'string');
}

/** A PostgreSQL error (pg's DatabaseError, TypeORM's QueryFailedError): it has a five-character SQLSTATE. */
function isDatabaseError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

function wrapsDatabaseError(error: Error, depth = 0): boolean {
  if (isDatabaseError(error)) return true;
  if (depth > MAX_DEPTH) return false;
  return CAUSE_FIELDS.some((field) => {
    const inner = (error as unknown as Record<string, unknown>)[field];
    return inner instanceof Object && isErrorLike(inner) && wrapsDatabaseError(inner, depth + 1);
  });
}

/**
 * PostgreSQL quotes the offending input at the end of some messages
 * (`invalid input syntax for type uuid: "…"`): that input is replaced.
 */
function scrubDatabaseMessage(message: string): string {
  return message.replace(/(:\s*)"[^]*"\s*$/, `$1"${REDACTED}"`);
}

function serializeError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const fromDatabase = wrapsDatabaseError(error);
  const message = fromDatabase ? scrubDatabaseMessage(error.message) : error.message;
  const out: Record<string, unknown> = {
    type: error.constructor?.name && error.constructor.name !== 'Object' ? error.constructor.name : error.name,
    message: redactString(message),
  };
  if (typeof error.stack === 'string') {
    // The stack's first line repeats the message.
    out.stack = redactString(fromDatabase ? error.stack.replace(error.message, message) : error.stack);
  }
  const fields = error as unknown as Record<string, unknown>;
  for (const field of SAFE_ERROR_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' || typeof value === 'number') out[field] = typeof value === 'string' ? redactString(value) : value;
  }
  // The statement's text (its parameters are never kept).
  if (typeof fields.query === 'string') out.query = redactString(fields.query.slice(0, MAX_QUERY_CHARS));
  if (typeof fields.path === 'object' && Array.isArray(fields.path)) out.path = redactForLog(fields.path, depth + 1, seen);
  if (fields.extensions && typeof fields.extensions === 'object') out.extensions = redactForLog(fields.extensions, depth + 1, seen);
  for (const field of CAUSE_FIELDS) {
    const inner = fields[field];
    if (inner !== undefined && inner !== error) out[field] = redactForLog(inner, depth + 1, seen);
  }
  if (Array.isArray(fields.errors)) out.errors = redactForLog(fields.errors, depth + 1, seen);
  return out;
}

/** A copy of `value` safe to log (see the top of this file). */
export function redactForLog(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactString(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (seen.has(value)) return '[circular]';
  if (depth > MAX_DEPTH) return '[nested too deep]';
  seen.add(value);
  if (isErrorLike(value)) return serializeError(value, depth, seen);
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => redactForLog(item, depth + 1, seen));
    return value.length > MAX_ITEMS ? [...items, `[${value.length - MAX_ITEMS} more]`] : items;
  }
  if (value instanceof Map) return redactForLog(Object.fromEntries(value), depth, seen);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) || VALUES_KEY.test(key) ? REDACTED : redactForLog(item, depth + 1, seen);
  }
  return out;
}
