import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import { Pool } from 'pg';
import { migrationProvider } from '../../migrations';
import { AppError } from '../domain/errors';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export function createDb(
  connectionString: string,
  opts: { max?: number; connectTimeoutMs?: number } = {},
): Db {
  const pool = new Pool({
    connectionString,
    max: opts.max ?? 10,
    // Fail a request quickly when PostgreSQL is down instead of queueing it forever. pg-pool
    // counts a wait for a free pooled connection against the same limit, so a burst that keeps
    // every connection busy this long also answers 503 (DATABASE_POOL_MAX, ..._CONNECT_TIMEOUT_MS).
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30000,
  });
  // An idle client losing its connection (PostgreSQL restarted) must not crash the process.
  pool.on('error', () => undefined);
  // Nor a checked-out one: pg-pool listens only while a client is idle, and a client held
  // between two queries of a transaction when PostgreSQL stops would emit an unhandled 'error'.
  // The query in progress still fails (503), and pg-pool drops the dead client on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function pingDb(db: Db): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch {
    throw new AppError('dependency_down', 'The database is not answering.', {
      dependency: 'postgres',
    });
  }
}

/** Runs `fn` in the caller's transaction if there is one, else in a new one. */
export function inTransaction<T>(
  db: Kysely<Database>,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
}
