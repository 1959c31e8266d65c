import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { RateLimitedError } from '../errors';

interface FailureRow {
  key: string;
  failures: number;
  window_started_at: Date;
}

/**
 * Limits failed sign-ins per account and per client address (SPEC 1.10),
 * counted in the database so every server instance shares the count. A key
 * over its limit is refused, even with the right password, until its window
 * ends; a successful sign-in clears the account's count.
 */
export class SignInRateLimiter {
  constructor(
    private readonly db: DataSource,
    private readonly limits: Config['signInLimits'],
  ) {}

  private keys(email: string, address: string): { key: string; max: number }[] {
    return [
      { key: `account:${email}`, max: this.limits.perAccount },
      { key: `address:${address}`, max: this.limits.perAddress },
    ];
  }

  /** Throws RateLimitedError when either the account or the address is over its limit. */
  async assertAllowed(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const rows: FailureRow[] = await this.db.query(
      `SELECT key, failures, window_started_at FROM sign_in_failures
        WHERE key = ANY($1) AND window_started_at > now() - make_interval(mins => $2)`,
      [keys.map((k) => k.key), this.limits.windowMinutes],
    );
    for (const { key, max } of keys) {
      const row = rows.find((r) => r.key === key);
      if (row && row.failures >= max) {
        const windowEnds = row.window_started_at.getTime() + this.limits.windowMinutes * 60_000;
        throw new RateLimitedError(Math.max(1, (windowEnds - Date.now()) / 1000));
      }
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    for (const { key } of this.keys(email, address)) {
      await this.db.query(
        `INSERT INTO sign_in_failures (key, window_started_at, failures) VALUES ($1, now(), 1)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN sign_in_failures.window_started_at <= now() - make_interval(mins => $2)
                           THEN 1 ELSE sign_in_failures.failures + 1 END,
           window_started_at = CASE WHEN sign_in_failures.window_started_at <= now() - make_interval(mins => $2)
                                    THEN now() ELSE sign_in_failures.window_started_at END`,
        [key, this.limits.windowMinutes],
      );
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await this.db.query(`DELETE FROM sign_in_failures WHERE key = $1`, [`account:${email}`]);
  }
}
