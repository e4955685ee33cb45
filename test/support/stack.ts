import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { createApp } from '../../src/api/app';
import type { ApiDeps } from '../../src/api/deps';
import { loadConfig, type Config } from '../../src/config';
import { seedFirstRun } from '../../src/first-run';
import { createLogger } from '../../src/logger';
import { openConnections, type Connections } from '../../src/runtime';
import { startEmbeddedS3 } from '../../src/storage/embedded-s3';
import { startWorkers, type RunningWorkers } from '../../workers';
import { createTestDatabase } from './test-database';

export interface TestStack {
  baseUrl: string;
  config: Config;
  deps: ApiDeps;
  conn: Connections;
  workers?: RunningWorkers;
  s3: { endpoint: string; close(): Promise<void> };
  server: Server;
  close(): Promise<void>;
}

/**
 * The real parts for one test file: a fresh PostgreSQL database, the S3 server over HTTP in a
 * temp directory, Redis under a key prefix of its own, the API on a free port, and (optionally)
 * the workers in-process running real ffmpeg.
 */
export async function startTestStack(
  opts: {
    workers?: boolean;
    env?: Record<string, string>;
    /** Where log lines go instead of stdout (tests that read the logs). */
    logStream?: { write(line: string): void };
  } = {},
): Promise<TestStack> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lev-test-'));
  const db = await createTestDatabase();
  const s3 = await startEmbeddedS3({ directory: path.join(dir, 's3'), port: 0 });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dir,
    DATABASE_URL: db.url,
    S3_ENDPOINT: s3.endpoint,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `levtest-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    FFMPEG_THREADS: '2',
    ...opts.env,
  });
  // The real logger (its redaction and serialisers), only pointed at the test's stream if given.
  const logger = createLogger(config.logLevel, 'test', opts.logStream);
  const conn = await openConnections(config, {
    databaseUrl: db.url,
    redisUrl: config.redis.url!,
    s3Endpoint: s3.endpoint,
    stop: async () => undefined,
  });
  await seedFirstRun(conn.db, config.adminEmail, () => undefined);
  const deps: ApiDeps = { config, logger, ...conn };
  const workers = opts.workers
    ? await startWorkers({ config, logger, ...conn }, { reconcileEverySeconds: 3600 })
    : undefined;
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    deps,
    conn,
    ...(workers ? { workers } : {}),
    s3,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await workers?.close();
      await flushPrefix(conn, config.redis.prefix);
      await conn.close();
      await s3.close();
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function flushPrefix(conn: Connections, prefix: string) {
  let cursor = '0';
  do {
    const [next, keys] = await conn.redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length) await conn.redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
