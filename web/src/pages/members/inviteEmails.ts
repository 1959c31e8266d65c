/** The addresses typed into the invite box: split on commas, semicolons, spaces and new lines; duplicates once. */
export function parseInviteEmails(text: string): { emails: string[]; invalid: string[] } {
  const seen = new Set<string>();
  const emails: string[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/[\s,;]+/)) {
    const email = raw.trim().replace(/^<|>$/g, '');
    if (!email) continue;
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) emails.push(email);
    else invalid.push(email);
  }
  return { emails, invalid };
}

/** One address's outcome in the invite dialog: its accept link, or why it was not invited. */
export type InviteResult = { email: string; acceptUrl: string; error?: undefined } | { email: string; acceptUrl?: undefined; error: string };

/** The addresses not invited, back in the box to be fixed and sent again: one a line, in the order typed. */
export function notInvitedText(results: readonly InviteResult[]): string {
  return results
    .filter((r) => r.error !== undefined)
    .map((r) => r.email)
    .join('\n');
}
