import { randomBytes } from 'node:crypto';
import { Resolver } from 'node:dns/promises';

/**
 * Proof that an email domain is the organization's: a DNS TXT record it can
 * publish only if it runs the domain's DNS (as GitHub and Okta ask). Until a
 * claimed domain is verified it does nothing: no sign-in goes to the
 * provider, enforcement does not bind its people, SCIM cannot take over its
 * accounts. The token is not secret (it is published); it binds the record
 * to one organization's claim.
 */

/** The label in front of the domain where the record lives. */
const CHALLENGE_LABEL = '_rolegraph-challenge';
const VALUE_PREFIX = 'rolegraph-domain-verification=';
/** A first try of 2 s and one more (4 s) per DNS server: at most about 6 s a server. */
const LOOKUP_TIMEOUT_MS = 2000;

/** A new claim's token: 128 random bits, hex. */
export function newVerificationToken(): string {
  return randomBytes(16).toString('hex');
}

/** Where the TXT record goes. */
export function challengeRecordName(domain: string): string {
  return `${CHALLENGE_LABEL}.${domain}`;
}

/** What the TXT record holds. */
export function challengeRecordValue(token: string): string {
  return `${VALUE_PREFIX}${token}`;
}

/** What a look-up found: the record, or what a person can do about its absence. */
export type ChallengeLookup = { readonly found: true } | { readonly found: false; readonly problem: string };

/**
 * Asks DNS (the given servers, else the machine's) for the domain's TXT
 * records at the challenge name and whether one holds the token. Never
 * throws: a DNS failure is a problem to show.
 */
export async function lookUpChallenge(servers: readonly string[], domain: string, token: string): Promise<ChallengeLookup> {
  const name = challengeRecordName(domain);
  const resolver = new Resolver({ timeout: LOOKUP_TIMEOUT_MS, tries: 2 });
  if (servers.length > 0) resolver.setServers([...servers]);
  let records: string[][];
  try {
    records = await resolver.resolveTxt(name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENODATA' || code === 'ENOTFOUND') {
      return { found: false, problem: `No TXT record at ${name} yet. Add it at your DNS provider; a new record can take from minutes to an hour to be seen.` };
    }
    return { found: false, problem: `DNS did not answer for ${name} (${code ?? 'no answer'}). Try again in a minute.` };
  }
  // A long TXT value arrives in 255-byte strings: joined, they are the value.
  const values = records.map((chunks) => chunks.join(''));
  if (values.includes(challengeRecordValue(token))) return { found: true };
  const seen = values
    .filter((v) => v.startsWith(VALUE_PREFIX))
    .slice(0, 3)
    .map((v) => `"${v.slice(0, 100)}"`);
  return {
    found: false,
    problem: seen.length
      ? `The TXT record at ${name} holds ${seen.join(', ')}, not this organization’s value. Replace it with the value shown.`
      : `No TXT record at ${name} holds the value shown. Add it at your DNS provider; a new record can take from minutes to an hour to be seen.`,
  };
}
