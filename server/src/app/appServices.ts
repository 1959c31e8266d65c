import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Mailer } from '../mail/mailer';
import type { LiveEventPublisher } from '../live/liveEvents';
import type { SignInRateLimiter } from '../auth/signInRateLimiter';
import type { AccessGraphSource } from '../access/requestAccess';
import type { LiveHub } from '../live/liveHub';
import type { SecretBox } from '../secrets/secretBox';
import type { CursorSeal } from '../graphql/cursorSeal';
import type { RememberedCredentials } from '../auth/rememberedCredentials';
import type { AccessChangeLog } from '../changeStream/accessChangeLog';

/** The long-lived parts of a running server, created once at start. */
export interface AppServices {
  readonly config: Config;
  readonly database: Database;
  readonly dataSource: DataSource;
  readonly logger: Logger;
  /** Seals and opens the secrets stored for reading back (connection credentials, the LLM key). */
  readonly secrets: SecretBox;
  /** Seals and opens list cursors (opaque, tamper-evident; keys derived from the secret key). */
  readonly cursors: CursorSeal;
  readonly mailer: Mailer;
  readonly events: LiveEventPublisher;
  readonly signInLimiter: SignInRateLimiter;
  /** The evaluator's data: per-organization access graphs kept current by revision. */
  readonly accessGraphs: AccessGraphSource;
  /** Logs the effective levels each command moves, for the accessChanges stream. */
  readonly accessChangeLog: AccessChangeLog;
  /** Credentials checked recently, for decision queries answered from memory. */
  readonly rememberedCredentials: RememberedCredentials;
  /** This instance's end of the live event bus. */
  readonly live: LiveHub;
}
