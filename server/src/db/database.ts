import { DataSource, type EntityManager } from 'typeorm';
import type { Config } from '../config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embeddedPostgres';

/**
 * The one way to the database. Everything reads and writes through this
 * DataSource (TypeORM over `pg`), whether it points at a PostgreSQL server
 * (DATABASE_URL) or at the embedded PGlite database.
 */
export interface Database {
  readonly dataSource: DataSource;
  readonly kind: 'postgres' | 'embedded';
  /**
   * Runs one statement as a named prepared statement on the same pool: for
   * the few queries every request makes (authentication), which then skip
   * parsing and planning after their first use on a connection.
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
}

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>, options: OpenDatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let connection: { url: string } | { host: string; port: number; username: string; database: string };
  let poolSize: number;
  if (config.databaseUrl) {
    connection = { url: config.databaseUrl };
    poolSize = config.databasePoolSize;
  } else {
    embedded = await startEmbeddedPostgres(options.embeddedDataDir ?? config.dataDir);
    connection = { host: embedded.host, port: embedded.port, username: 'postgres', database: 'postgres' };
    // PGlite is a single backend: one connection keeps transactions apart.
    poolSize = 1;
  }
  const dataSource = new DataSource({
    type: 'postgres',
    ...connection,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: {
      max: poolSize,
      // A request that waits this long for a connection fails instead of hanging.
      connectionTimeoutMillis: 15_000,
    },
  });
  try {
    await dataSource.initialize();
    if (options.migrate) await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  return {
    dataSource,
    kind: embedded ? 'embedded' : 'postgres',
    async prepared<Row>(name: string, text: string, values: readonly unknown[]) {
      return (await pool.query({ name, text, values: [...values] })).rows as Row[];
    },
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** The manager of an open transaction; stores take it so every write of a command shares one transaction. */
export type Tx = EntityManager;
