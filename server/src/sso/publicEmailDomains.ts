/**
 * Domains where anyone may have an address: no organization speaks for the
 * people of these, so none may claim one for single sign-on (a claim routes
 * their sign-in to its provider, lets its SCIM client provision them, and,
 * enforced, refuses their passwords). Other domains are claimed by proving
 * them with a DNS record (domainOwnership.ts, docs/identity.md).
 */
export const PUBLIC_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  '126.com',
  '163.com',
  'aol.com',
  'fastmail.com',
  'gmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'googlemail.com',
  'hey.com',
  'hotmail.com',
  'icloud.com',
  'live.com',
  'mac.com',
  'mail.com',
  'mail.ru',
  'me.com',
  'msn.com',
  'outlook.com',
  'proton.me',
  'protonmail.com',
  'qq.com',
  'tutanota.com',
  'web.de',
  'yahoo.com',
  'yandex.com',
  'yandex.ru',
  'ymail.com',
  'zoho.com',
]);

export function isPublicEmailDomain(domain: string): boolean {
  return PUBLIC_EMAIL_DOMAINS.has(domain.toLowerCase());
}
