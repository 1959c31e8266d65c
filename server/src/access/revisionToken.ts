/**
 * A revision token: an organization's access revision as clients see it,
 * `<organization id>:<revision>`. Bound to its organization, so a token from
 * one organization is refused by another instead of meaning something else
 * there. See docs/consistency.md.
 */
export interface RevisionToken {
  readonly organizationId: string;
  readonly revision: bigint;
}

const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(0|[1-9][0-9]{0,18})$/;
const MAX_REVISION = 2n ** 63n - 1n;

export function formatRevisionToken(organizationId: string, revision: bigint | string): string {
  return `${organizationId}:${String(revision)}`;
}

/** The token's parts, or null when it is not a well-formed token. */
export function parseRevisionToken(token: string): RevisionToken | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const revision = BigInt(match[2]!);
  if (revision > MAX_REVISION) return null;
  return { organizationId: match[1]!, revision };
}

/** Which of two tokens of one organization is the more recent (either may be absent). */
export function laterRevisionToken(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  const pa = parseRevisionToken(a);
  const pb = parseRevisionToken(b);
  if (!pa || !pb) return pa ? a : b;
  return pb.revision > pa.revision ? b : a;
}
