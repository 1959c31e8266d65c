import { TOKEN_PREFIX } from '../auth/secretTokens';

/** Text that stands where a one-time link was, in a mail kept after its delivery. */
export const REMOVED_LINK = '[one-time link removed after delivery]';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A link (or bare token) carrying one of Rolegraph's secrets: any run of
 * non-space text around a token made by `newSecret` (an invitation, a
 * password reset, …) — whatever the kind, so a new kind of mail is covered
 * without being listed here.
 */
const ONE_TIME_LINK = new RegExp(`\\S*(?<![A-Za-z0-9])(?:${Object.values(TOKEN_PREFIX).map(escape).join('|')})[A-Za-z0-9_-]{20,}\\S*`, 'g');

/** The text with every link that carries a live token replaced by REMOVED_LINK. */
export function withoutOneTimeLinks(text: string): string {
  return text.replace(ONE_TIME_LINK, REMOVED_LINK);
}
