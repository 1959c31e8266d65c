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
