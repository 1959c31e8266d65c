import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { RateLimitedError } from '../errors';

/** A sign-in attempt that holds its place under the limits while the password is checked. */
export interface SignInAttempt {
  /** The password was right: the account's count starts over and the attempt no longer counts against the address. */
  succeeded(): Promise<void>;
}

interface Slot {
  key: string;
  /** The window the slot was taken in, as PostgreSQL wrote it (exact to the microsecond). */
  window: string;
}

/**
 * Limits sign-ins per account and per client address, and sign-ups (and
 * new organizations) per client address, counted in the database so every
 * server instance shares the count.
 *
 * An attempt is counted before the password is verified: it takes a slot in
 * the account's and in the address's window with one atomic statement each,
 * and a key whose window is full refuses the attempt without verifying
 * anything. So however many attempts arrive at once, at most the limit are
 * checked per window, and a key over its limit is refused even with the right
 * password until its window ends. A successful sign-in gives its slots back
 * (the account's count starts over), so only failures add up.
 */
export class SignInRateLimiter {
  constructor(
    private readonly db: DataSource,
    private readonly limits: Config['signInLimits'],
  ) {}

  /** Counts a sign-in attempt; throws RateLimitedError, counting nothing, when the account or the address is at its limit. */
  async beginSignIn(email: string, address: string): Promise<SignInAttempt> {
    const account = await this.take(`account:${email}`, this.limits.perAccount);
    const atAddress = await this.take(`address:${address}`, this.limits.perAddress).catch(async (error: unknown) => {
      await this.giveBack(account);
      throw error;
    });
    return {
      succeeded: async () => {
        await this.db.query(`DELETE FROM sign_in_failures WHERE key = $1`, [account.key]);
        await this.giveBack(atAddress);
      },
    };
  }

  /** Counts a sign-up from an address; throws RateLimitedError when the address has made as many as it may in the window. */
  async countSignUp(address: string): Promise<void> {
    await this.take(`sign-up:${address}`, this.limits.signUpsPerAddress, 'sign-ups from this address');
  }

  /** Counts a signed-in account creating another organization: under the same limit as sign-ups, so neither way makes more organizations from one address. */
  async countNewOrganization(address: string): Promise<void> {
    await this.take(`sign-up:${address}`, this.limits.signUpsPerAddress, 'new organizations from this address');
  }

  /**
   * Counts a request for a password reset link, per email (whether or not an
   * account has it) and per address; throws RateLimitedError when either is
   * at its limit. Requests are never given back: each one sends mail.
   */
  async countPasswordResetRequest(email: string, address: string): Promise<void> {
    const what = 'password reset requests';
    const forEmail = await this.take(`reset:${email}`, this.limits.perAccount, what);
    await this.take(`reset-address:${address}`, this.limits.perAddress, what).catch(async (error: unknown) => {
      await this.giveBack(forEmail);
      throw error;
    });
  }

  /**
   * Counts a look-up of how an email signs in, per address; throws
   * RateLimitedError at the limit. Look-ups are not failures, and a whole
   * office may share one address, so an address may make ten times as many as
   * it may fail sign-ins; enough to stop walking through lists of domains.
   */
  async countSignInMethodLookup(address: string): Promise<void> {
    await this.take(`method-address:${address}`, this.limits.perAddress * 10, 'sign-in look-ups from this address');
  }

  /**
   * Counts a single sign-on start, per address; throws RateLimitedError at the
   * limit. Each start asks the identity provider for its configuration and
   * stores a pending sign-in, so it is limited like a look-up.
   */
  async countSsoStart(address: string): Promise<void> {
    await this.take(`sso-start-address:${address}`, this.limits.perAddress * 10, 'single sign-on attempts from this address');
  }

  /**
   * Counts a DNS look-up for a claimed domain's proof, per organization;
   * throws RateLimitedError at the limit. Each asks DNS servers for a name the
   * organization chose, so it may ask as often as an address may fail sign-ins:
   * plenty while a new record propagates, too few to use Rolegraph to flood a
   * resolver.
   */
  async countDomainLookup(organizationId: string): Promise<void> {
    await this.take(`domain-lookup:${organizationId}`, this.limits.perAddress, 'DNS look-ups for this organization’s domains');
  }

  /** The account's failed sign-ins start over (after its password was reset by link). */
  async forgetAccountFailures(email: string): Promise<void> {
    await this.db.query(`DELETE FROM sign_in_failures WHERE key = $1`, [`account:${email}`]);
  }

  /**
   * Takes one slot in the key's current window (a new window when the last
   * one ended), unless the window is full. The row lock of the upsert makes
   * concurrent takers of one key queue, so no more than `max` succeed.
   */
  private async take(key: string, max: number, what?: string): Promise<Slot> {
    const taken: { window: string }[] = await this.db.query(
      `INSERT INTO sign_in_failures AS f (key, window_started_at, failures) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN f.window_started_at <= now() - make_interval(mins => $2) THEN 1 ELSE f.failures + 1 END,
         window_started_at = CASE WHEN f.window_started_at <= now() - make_interval(mins => $2) THEN now() ELSE f.window_started_at END
       WHERE f.window_started_at <= now() - make_interval(mins => $2) OR f.failures < $3
       RETURNING f.window_started_at::text AS window`,
      [key, this.limits.windowMinutes, max],
    );
    const slot = taken[0];
    if (slot) return { key, window: slot.window };
    const [full]: { seconds: number | string | null }[] = await this.db.query(
      `SELECT ceil(extract(epoch FROM window_started_at + make_interval(mins => $2) - now())) AS seconds
         FROM sign_in_failures WHERE key = $1`,
      [key, this.limits.windowMinutes],
    );
    throw new RateLimitedError(Math.max(1, Number(full?.seconds ?? 1)), what);
  }

  /** Returns a slot to its window, if that window is still the current one. */
  private async giveBack(slot: Slot): Promise<void> {
    await this.db.query(
      `UPDATE sign_in_failures SET failures = failures - 1
        WHERE key = $1 AND window_started_at = $2::timestamptz AND failures > 0`,
      [slot.key, slot.window],
    );
  }
}
