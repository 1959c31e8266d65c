import type { AppServices } from '../app/appServices';
import { normalizeEmail } from '../auth/account.entity';
import { BadUserInputError } from '../errors';

/** How an email signs in, as the sign-in page shows it. */
export interface SignInMethodAnswer {
  readonly singleSignOn: boolean;
  readonly providerName: string | null;
  readonly enforced: boolean;
}

const PASSWORD: SignInMethodAnswer = { singleSignOn: false, providerName: null, enforced: false };

/**
 * Whether an email's domain is claimed by an organization's single sign-on
 * connection, and whether that organization enforces it. It answers for the
 * domain only, never for an account: an email with no account and one with
 * an account get the same answer, and an unclaimed domain gets the same
 * shape as a claimed one. Look-ups are rate-limited per address.
 */
export async function signInMethod(app: AppServices, clientAddress: string, email: string): Promise<SignInMethodAnswer> {
  const normalized = normalizeEmail(email);
  const at = normalized.lastIndexOf('@');
  if (normalized.length > 320 || normalized.includes('\u0000') || at <= 0 || at === normalized.length - 1) {
    throw new BadUserInputError('Enter an email address.', 'email');
  }
  await app.signInLimiter.countSignInMethodLookup(clientAddress);
  const rows: { issuer: string; enforce: boolean }[] = await app.dataSource.query(
    `SELECT c.issuer, c.enforce FROM sso_domains d JOIN sso_connections c ON c.organization_id = d.organization_id WHERE d.domain = $1`,
    [normalized.slice(at + 1)],
  );
  const claimed = rows[0];
  if (!claimed) return PASSWORD;
  return { singleSignOn: true, providerName: new URL(claimed.issuer).hostname, enforced: claimed.enforce };
}
