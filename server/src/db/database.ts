import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { isInMemory, startEmbeddedPostgres, type EmbeddedPostgres } from './embeddedPostgres';
import { isConnectionLost, markAsDatabaseConnectionFailure } from './databaseUnavailable';

/**
 * The one way to the database. Everything reads and writes through this
 * DataSource (TypeORM over `pg`), whether it points at a PostgreSQL server
 * (DATABASE_URL) or at the embedded PGlite database.
 */
export interface Database {
  readonly dataSource: DataSource;
  readonly kind: 'postgres' | 'embedded';
  /** The embedded database's folder (or `memory://…`); undefined with a PostgreSQL server. */
  readonly embeddedDataDir: string | undefined;
  /**
   * Runs one statement as a named prepared statement on the same pool: for
   * the few queries every request makes (authentication), which then skip
   * parsing and planning after their first use on a connection. Statements
   * must be reads or idempotent writes: one whose connection turns out to
   * have been closed while idle is run again on a fresh connection.
   */
  prepared<Row>(name: string, text: string, values: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** The part of pg's Pool used for prepared statements. */
interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

export interface OpenDatabaseOptions {
  /** Run pending migrations after connecting (the server does; the migrate command does too). */
  readonly migrate?: boolean;
  /** Embedded database folder override, e.g. `memory://` for tests. */
  readonly embeddedDataDir?: string;
  /** Where connections the pool drops with an error are reported (a server closing idle connections, a network cut). */
  readonly logger?: Logger;
}

/**
 * Pool settings, the same in both modes. An idle connection is closed after
 * POOL_IDLE_TIMEOUT_MS and a new one opened when needed; with PostgreSQL,
 * TCP keepalive finds connections a network dropped silently.
 */
const POOL_IDLE_TIMEOUT_MS = 10_000;
/** A request that waits this long for a connection fails instead of hanging. */
const POOL_CONNECTION_TIMEOUT_MS = 15_000;
const KEEPALIVE_INITIAL_DELAY_MS = 30_000;

/**
 * pg's client, whose failures to connect are marked as the database's: a
 * refused socket alone could be anyone's (databaseUnavailable.ts). pg-pool
 * connects its clients with a callback.
 */
class DatabaseClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): void;
  override connect(callback?: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): Promise<pg.Client> | void {
    if (!callback) return super.connect().catch((error: unknown) => Promise.reject(markAsDatabaseConnectionFailure(error)));
    const done = callback as (err: Error | null, c?: pg.Client) => void;
    super.connect((error: Error | null) => (error ? done(markAsDatabaseConnectionFailure(error)) : done(null, this)));
  }
}

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>, options: OpenDatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let connection: { url: string } | { host: string; port: number; username: string; database: string };
  let driverOptions: Record<string, unknown>;
  if (config.databaseUrl) {
    connection = { url: config.databaseUrl };
    driverOptions = { max: config.databasePoolSize, keepAlive: true, keepAliveInitialDelayMillis: KEEPALIVE_INITIAL_DELAY_MS };
  } else {
    embedded = await startEmbeddedPostgres(options.embeddedDataDir ?? config.dataDir);
    const database = embedded;
    // No host is contacted: each connection is a stream to the PGlite thread.
    connection = { host: 'embedded', port: 5432, username: 'postgres', database: 'postgres' };
    // PGlite is a single backend session: one connection at a time keeps
    // transactions and session state apart (embeddedConnections.ts).
    driverOptions = { max: 1, stream: () => database.connect() };
  }
  const logger = options.logger;
  const dataSource = new DataSource({
    type: 'postgres',
    ...connection,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    poolErrorHandler: (error: Error) => {
      // An idle connection failed (closed by the server or the network): the pool drops it and opens another when needed.
      logger?.warn({ err: error }, 'an idle database connection was closed; the pool replaces it');
    },
    extra: {
      ...driverOptions,
      Client: DatabaseClient,
      idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
      connectionTimeoutMillis: POOL_CONNECTION_TIMEOUT_MS,
    },
  });
  try {
    await dataSource.initialize();
    const applied = options.migrate ? await dataSource.runMigrations({ transaction: 'each' }) : [];
    if (embedded && applied.length > 0 && !isInMemory(embedded.dataDir)) {
      // Creating and migrating the embedded database grows PGlite's memory by hundreds of MB, which WebAssembly
      // never gives back: its thread ends and a new one opens the migrated folder.
      await dataSource.destroy();
      await embedded.stop();
      return await openDatabase(config, { ...options, migrate: false });
    }
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  return {
    dataSource,
    kind: embedded ? 'embedded' : 'postgres',
    embeddedDataDir: embedded?.dataDir,
    async prepared<Row>(name: string, text: string, values: readonly unknown[]) {
      try {
        return (await pool.query({ name, text, values: [...values] })).rows as Row[];
      } catch (error) {
        if (!isConnectionLost(error)) throw error;
        return (await pool.query({ name, text, values: [...values] })).rows as Row[];
      }
    },
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** The manager of an open transaction; stores take it so every write of a command shares one transaction. */
export type Tx = EntityManager;
