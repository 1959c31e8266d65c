import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { parseSecretKey } from './secrets/secretBox';

/** A comma-separated setting: each entry, trimmed, as `parse` reads it; an entry it cannot read is named in the error. */
function commaSeparated(parse: (entry: string) => string | undefined, example: string) {
  return z
    .string()
    .default('')
    .transform((list, ctx) => {
      const values: string[] = [];
      for (const entry of list
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean)) {
        const value = parse(entry);
        if (value === undefined) ctx.addIssue({ code: 'custom', message: `"${entry}" is not ${example}` });
        else values.push(value);
      }
      return values;
    });
}

/**
 * Settings, read once from the environment and validated.
 * Every setting has a default that runs the product on a laptop with the
 * embedded database.
 */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL server; unset means the embedded PGlite database under ROLEGRAPH_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Redis for live events across server instances; unset means in-process only. */
  REDIS_URL: z.string().url().optional(),
  /** Embedded database folder; `memory://` keeps it in memory (nothing persists). */
  ROLEGRAPH_DATA_DIR: z.string().default('./data'),
  /**
   * The key (32 bytes, base64 or hex) that encrypts stored secrets: connection
   * credentials and the LLM key. Required with DATABASE_URL; the embedded
   * default keeps a generated one in ROLEGRAPH_DATA_DIR/secret.key.
   */
  ROLEGRAPH_SECRET_KEY: z.string().optional(),
  /** Earlier keys, comma-separated: still accepted for decryption while `npm run rotate-secrets` re-encrypts. */
  ROLEGRAPH_SECRET_KEY_PREVIOUS: z.string().optional(),
  /** Where people reach the web app; used in invitation links. Defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** SMTP server for invitation mail, e.g. smtp://user:pass@mail.example.com:587. Unset: mail stays in the outbox table (without its one-time link). */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Rolegraph <no-reply@rolegraph.local>'),
  /**
   * Without SMTP, "true" writes each mail to the log with its one-time link
   * (invitations), for running Rolegraph on one's own machine. Off by
   * default: links are secrets and logs are not a place for them.
   */
  MAIL_LOG_LINKS: z.enum(['true', 'false']).default('false'),
  /**
   * Origins, comma-separated, whose pages may open a WebSocket authenticated
   * by the session cookie, besides PUBLIC_URL's own (e.g. the Vite dev server).
   */
  ALLOWED_ORIGINS: commaSeparated((entry) => {
    const origin = URL.canParse(entry) ? new URL(entry).origin : 'null';
    return origin === 'null' ? undefined : origin;
  }, 'an origin such as https://admin.example.com'),
  /** Set to "false" to turn GraphQL introspection off. */
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).default('true'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 14),
  /** Failed sign-ins allowed per account and per client address within the window. */
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Sign-ups (new accounts) allowed per client address within the same window. */
  SIGN_UP_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Directory of the built web app to serve; unset means web/dist beside the server, when it exists. */
  WEB_DIST_DIR: z.string().optional(),
  /** Trust X-Forwarded-For from a load balancer when computing client addresses. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** How often (seconds) this instance removes expired grants, sends 24-hour expiry reminders and lapses old access requests; 0 turns it off. */
  ACCESS_SWEEP_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
  WARM_ORGANIZATIONS: z.coerce.number().int().min(0).max(10_000).default(8),
  /**
   * DNS servers, comma-separated (`1.1.1.1`, `10.0.0.2:53`, `[::1]:5353`), asked for the TXT records that prove
   * a single sign-on domain is the organization's; unset: the machine's own resolvers.
   */
  DNS_SERVERS: commaSeparated((entry) => (isDnsServerAddress(entry) ? entry : undefined), 'an IP address with an optional port, such as 10.0.0.2:53'),
});

/** An IPv4 or IPv6 address, with a port as `1.2.3.4:53` or `[::1]:53`: what Node's DNS resolver accepts. */
function isDnsServerAddress(text: string): boolean {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)|([0-9a-fA-F:]+))(?::(\d{1,5}))?$/.exec(text);
  if (!match) return false;
  const host = match[1] ?? match[2] ?? match[3] ?? '';
  const port = match[4];
  if (match[3] !== undefined && port !== undefined) return false;
  return isIP(host) !== 0 && (port === undefined || (Number(port) >= 1 && Number(port) <= 65535));
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  readonly redisUrl: string | undefined;
  readonly dataDir: string;
  /** ROLEGRAPH_SECRET_KEY, decoded; undefined when unset. */
  readonly secretKey: Buffer | undefined;
  /** ROLEGRAPH_SECRET_KEY_PREVIOUS, decoded. */
  readonly previousSecretKeys: readonly Buffer[];
  readonly publicUrl: string;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Without SMTP, mail (one-time links included) is written to the log. */
  readonly mailLogLinks: boolean;
  /** Origins allowed to open a cookie-authenticated WebSocket besides PUBLIC_URL's. */
  readonly allowedOrigins: readonly string[];
  readonly introspection: boolean;
  readonly sessionTtlHours: number;
  readonly signInLimits: { perAccount: number; perAddress: number; signUpsPerAddress: number; windowMinutes: number };
  readonly logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  readonly webDistDir: string;
  readonly trustProxy: boolean;
  /** Seconds between sweeps of expired grants, reminders and lapsed requests; 0: no sweeper here. */
  readonly accessSweepSeconds: number;
  /** How many of the most recently active organizations have their access snapshot loaded before /readyz says ready; 0: none. */
  readonly warmOrganizations: number;
  /** DNS servers for domain ownership checks; empty: the machine's resolvers. */
  readonly dnsServers: readonly string[];
}

export class ConfigError extends Error {}

/** Reads the configuration from an environment; throws a ConfigError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const keyProblems: string[] = [];
  const decodeKey = (text: string, name: string): Buffer | undefined => {
    try {
      return parseSecretKey(text, name);
    } catch (error) {
      keyProblems.push((error as Error).message);
      return undefined;
    }
  };
  const secretKey = e.ROLEGRAPH_SECRET_KEY === undefined ? undefined : decodeKey(e.ROLEGRAPH_SECRET_KEY, 'ROLEGRAPH_SECRET_KEY');
  const previousSecretKeys = (e.ROLEGRAPH_SECRET_KEY_PREVIOUS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => decodeKey(k, 'ROLEGRAPH_SECRET_KEY_PREVIOUS'))
    .filter((k): k is Buffer => k !== undefined);
  if (e.DATABASE_URL && e.ROLEGRAPH_SECRET_KEY === undefined) {
    // The embedded default keeps a generated key in its data folder; a database server's key must come from outside it.
    keyProblems.push(
      'ROLEGRAPH_SECRET_KEY: required with DATABASE_URL, to encrypt connection credentials and LLM keys at rest; ' +
        'set it to 32 random bytes in base64 (e.g. `openssl rand -base64 32`), the same on every instance',
    );
  }
  if (keyProblems.length) throw new ConfigError(`Invalid configuration: ${keyProblems.join('; ')}`);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    dataDir: e.ROLEGRAPH_DATA_DIR.startsWith('memory://') ? e.ROLEGRAPH_DATA_DIR : path.resolve(e.ROLEGRAPH_DATA_DIR),
    secretKey,
    previousSecretKeys,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailLogLinks: e.MAIL_LOG_LINKS === 'true' && !e.SMTP_URL,
    allowedOrigins: e.ALLOWED_ORIGINS,
    introspection: e.GRAPHQL_INTROSPECTION === 'true',
    sessionTtlHours: e.SESSION_TTL_HOURS,
    signInLimits: {
      perAccount: e.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
      perAddress: e.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
      signUpsPerAddress: e.SIGN_UP_MAX_PER_ADDRESS,
      windowMinutes: e.SIGN_IN_WINDOW_MINUTES,
    },
    logLevel: e.LOG_LEVEL,
    webDistDir: path.resolve(e.WEB_DIST_DIR ?? path.join(__dirname, '..', '..', 'web', 'dist')),
    trustProxy: e.TRUST_PROXY === 'true',
    accessSweepSeconds: e.ACCESS_SWEEP_SECONDS,
    warmOrganizations: e.WARM_ORGANIZATIONS,
    dnsServers: e.DNS_SERVERS,
  };
}
