import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { createLogger, type Logger } from '../../src/logger';
import { openConnections, type Connections } from '../../src/runtime';
import { startEmbeddedS3, type EmbeddedS3 } from '../../src/storage/embedded-s3';
import { freePort, startApiProcess } from '../support/processes';
import { createTestDatabase } from '../support/test-database';

/**
 * For faults that need the API in a process of its own (so nothing in the test process can
 * hide the fault or help it recover): the API as `npm run start:api` runs it, an S3 server the
 * test can stop and start again on the same port and files, Redis under a key prefix of its
 * own, and the test's own connections (`conn`) for looking at what was kept.
 */
export interface ChildStack {
  baseUrl: string;
  config: Config;
  conn: Connections;
  logger: Logger;
  api: ChildProcess;
  /** The last few kilobytes the API process wrote to stderr (for a failure's message). */
  apiStderr(): string;
  stopS3(): Promise<void>;
  startS3(): Promise<void>;
  close(): Promise<void>;
}

export async function startChildStack(
  opts: { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<ChildStack> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lev-fault-'));
  const db = opts.databaseUrl ? undefined : await createTestDatabase();
  const databaseUrl = opts.databaseUrl ?? db!.url;
  const s3Dir = path.join(dir, 's3');
  const s3Port = await freePort();
  let s3: EmbeddedS3 | undefined = await startEmbeddedS3({ directory: s3Dir, port: s3Port });
  const endpoint = `http://127.0.0.1:${s3Port}`;
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `levfault-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dir,
    DATABASE_URL: databaseUrl,
    S3_ENDPOINT: endpoint,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...opts.env,
  });
  const logger = createLogger(config.logLevel, 'test');
  const conn = await openConnections(config, {
    databaseUrl,
    redisUrl,
    s3Endpoint: endpoint,
    stop: async () => undefined,
  });
  const { port, proc } = await startApiProcess({
    databaseUrl,
    s3Endpoint: endpoint,
    dataDir: path.join(dir, 'api'),
    env: {
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      ...(process.env.TEST_LOG_LEVEL ? { LOG_LEVEL: process.env.TEST_LOG_LEVEL } : {}),
      ...opts.env,
    },
  });
  let stderr = '';
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (c: string) => {
    stderr = (stderr + c).slice(-8192);
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    conn,
    logger,
    api: proc,
    apiStderr: () => stderr,
    async stopS3() {
      await s3?.close();
      s3 = undefined;
    },
    async startS3() {
      s3 ??= await startEmbeddedS3({ directory: s3Dir, port: s3Port });
    },
    async close() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      let cursor = '0';
      do {
        const [next, keys] = await conn.redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        if (keys.length) await conn.redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await conn.close();
      await s3?.close();
      await db?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
