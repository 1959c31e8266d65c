/** Keys whose values are never written to the audit log or the logs, whatever a caller passes. */
const SECRET_KEY = /pass(word)?|token|secret|api_?key$|credentials|hash/i;

/** A deep copy of `value` with every secret-looking key replaced by "[redacted]". */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redactSecrets(v)])) as T;
  }
  return value;
}
