import 'reflect-metadata';
import { Client } from 'pg';
import { openDatabase } from '../../src/db/database';

/**
 * With DATABASE_URL (PostgreSQL), the test database starts empty and is
 * migrated once here; test servers then find nothing left to migrate. Without
 * it, every test server has its own in-memory embedded database.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await client.end();
  const database = await openDatabase({ databaseUrl: url, databasePoolSize: 2, dataDir: '' }, { migrate: true });
  await database.close();
}
