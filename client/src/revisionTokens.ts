/**
 * Revision tokens as the server writes them: `<organization id>:<revision>`.
 * The client only compares them; it never makes one up.
 */
export function revisionOf(token: string): bigint | null {
  const match = /:(\d{1,19})$/.exec(token);
  return match ? BigInt(match[1]!) : null;
}

/** Whether token `a` names a revision at least as recent as `b` (tokens of one organization). */
export function isAtLeast(a: string, b: string): boolean {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  return ra !== null && rb !== null && ra >= rb;
}

/** The more recent of two tokens; either may be absent. */
export function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return isAtLeast(b, a) ? b : a;
}
