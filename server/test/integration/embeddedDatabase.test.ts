import type { Pool } from 'pg';
import { openDatabase, type Database } from '../../src/db/database';

/**
 * The embedded database (PGlite) is one backend session shared by every
 * connection the pool opens over time. Each new connection must still start
 * as on a new PostgreSQL backend: the pool replaces idle and broken
 * connections, and nothing of the old one may break the new.
 */
describe('the embedded database', () => {
  let database: Database;
  let pool: Pool;

  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: undefined, databasePoolSize: 1, dataDir: 'memory://' });
    pool = (database.dataSource.driver as unknown as { master: Pool }).master;
    await database.dataSource.query(`CREATE TABLE notes (text text)`);
  });
  afterAll(() => database.close());

  it('gives a new connection a fresh session: nothing of one that broke in the middle of a transaction survives', async () => {
    const broken = await pool.connect();
    await broken.query({ name: 'count-notes', text: 'SELECT count(*)::int AS n FROM notes' });
    await broken.query(`SET statement_timeout = '1234ms'`);
    await broken.query(`CREATE TEMP TABLE scratch (x int)`);
    await broken.query('BEGIN');
    await broken.query(`INSERT INTO notes VALUES ('never committed')`);
    broken.release(new Error('the connection broke'));

    const next = await pool.connect();
    try {
      // The same statement name prepares again (the bug: "prepared statement already exists").
      expect((await next.query({ name: 'count-notes', text: 'SELECT count(*)::int AS n FROM notes' })).rows).toEqual([{ n: 0 }]);
      expect((await next.query(`SELECT name FROM pg_prepared_statements`)).rows).toEqual([{ name: 'count-notes' }]);
      expect((await next.query('SHOW statement_timeout')).rows).toEqual([{ statement_timeout: '0' }]);
      expect((await next.query(`SELECT to_regclass('pg_temp.scratch') AS scratch`)).rows).toEqual([{ scratch: null }]);
    } finally {
      next.release();
    }
  });

  it('delivers an answer larger than the parts it travels in whole and in order, then the next one', async () => {
    const rows: { g: number; pad: string }[] = await database.dataSource.query(`SELECT g, repeat('x', 1000) AS pad FROM generate_series(1, 5000) g`);
    expect(rows).toHaveLength(5000);
    expect(rows.every((row, i) => row.g === i + 1 && row.pad.length === 1000)).toBe(true);
    expect(await database.prepared('after-large', 'SELECT $1::int AS x', [7])).toEqual([{ x: 7 }]);
  });

  it('serves named statements across connections the pool closed and reopened', async () => {
    for (let round = 0; round < 3; round++) {
      expect(await database.prepared('notes-count', 'SELECT count(*)::int AS n FROM notes', [])).toEqual([{ n: 0 }]);
      const client = await pool.connect();
      client.release(true);
    }
  });
});
