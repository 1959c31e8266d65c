import type { CommandRunnerDeps } from '../commands/commandScope';
import { lapseAccessRequests } from '../accessRequests/lapseAccessRequests';
import { sendExpiryReminders, sweepExpiredGrants } from './grantExpirySweep';

/**
 * Runs the access lifecycle's chores on an interval: removes expired grants,
 * sends 24-hour expiry reminders, lapses requests older than 14 days. Every
 * instance may run it: each chore claims its rows with the statement that
 * changes them, so nothing is done twice. It is housekeeping only — the
 * evaluator ignores an expired grant from its end on, swept or not.
 */
export class AccessSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: CommandRunnerDeps,
    private readonly intervalSeconds: number,
  ) {}

  start(): void {
    if (this.intervalSeconds <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.intervalSeconds * 1000);
    this.timer.unref();
    void this.sweep();
  }

  /** One pass over every chore (a pass already under way is joined, not doubled). */
  sweep(): Promise<void> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepOnce(): Promise<void> {
    const chores: [string, (deps: CommandRunnerDeps) => Promise<number>][] = [
      ['expired grants', sweepExpiredGrants],
      ['expiry reminders', sendExpiryReminders],
      ['lapsed access requests', lapseAccessRequests],
    ];
    for (const [name, chore] of chores) {
      try {
        const count = await chore(this.deps);
        if (count > 0) this.deps.logger.info({ chore: name, count }, 'access sweep');
      } catch (error) {
        this.deps.logger.error({ err: error, chore: name }, 'an access sweep chore failed; it runs again next time');
      }
    }
  }

  /** Stops the interval and waits for a pass under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
