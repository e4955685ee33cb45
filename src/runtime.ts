import path from 'node:path';
import type { Config } from './config';
import { createDb, migrateToLatest, type Db } from './db/database';
import { startEmbeddedPostgres } from './db/embedded-postgres';
import type { Logger } from './logger';
import { createRedis } from './queue/connection';
import { JobQueues } from './queue/queues';
import { ensureRedis } from './queue/redis-server';
import { startEmbeddedS3 } from './storage/embedded-s3';
import { ObjectStore } from './storage/object-store';
import { createS3Client } from './storage/s3-client';
import type { Redis } from 'ioredis';

export interface Endpoints {
  databaseUrl: string;
  redisUrl: string;
  s3Endpoint: string | undefined;
  stop(): Promise<void>;
}

/**
 * Where the outside systems are. Under `npm start` (embedded allowed) anything not configured is
 * started here from DATA_DIR; the production split (`start:api`, `start:worker`) needs them set.
 */
export async function resolveEndpoints(
  config: Config,
  logger: Logger,
  opts: { embedded: boolean },
): Promise<Endpoints> {
  const stops: Array<() => Promise<void>> = [];
  if (!opts.embedded) {
    const missing = [
      ['DATABASE_URL', config.database.url],
      ['S3_ENDPOINT', config.s3.endpoint],
    ].filter(([, v]) => !v);
    if (missing.length) {
      throw new Error(
        `${missing.map(([k]) => k).join(' and ')} must be set for start:api / start:worker ` +
          '(embedded services run only under npm start).',
      );
    }
  }
  try {
    let databaseUrl = config.database.url;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.database.embeddedPort,
        logger,
      });
      stops.push(pg.stop);
      databaseUrl = pg.url;
      logger.info({ port: config.database.embeddedPort }, 'embedded PostgreSQL running');
    }
    let s3Endpoint = config.s3.endpoint;
    const embeddedS3 = `http://127.0.0.1:${config.s3.embeddedPort}`;
    if (!s3Endpoint && (await httpAnswers(embeddedS3))) s3Endpoint = embeddedS3;
    if (!s3Endpoint) {
      const s3 = await startEmbeddedS3({
        directory: path.join(config.dataDir, 's3'),
        port: config.s3.embeddedPort,
      });
      stops.push(s3.close);
      s3Endpoint = s3.endpoint;
      logger.info({ endpoint: s3Endpoint }, 'embedded S3 server running');
    }
    const redis = await ensureRedis({ url: config.redis.url, dataDir: config.dataDir, logger });
    stops.push(redis.stop);
    return {
      databaseUrl,
      redisUrl: redis.url,
      s3Endpoint,
      stop: async () => {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw err;
  }
}

export interface Connections {
  db: Db;
  store: ObjectStore;
  redis: Redis;
  queues: JobQueues;
  close(): Promise<void>;
}

/** Opens the shared clients, migrates the database and makes sure the bucket exists. */
export async function openConnections(config: Config, ep: Endpoints): Promise<Connections> {
  const db = createDb(ep.databaseUrl, {
    max: config.database.poolMax,
    connectTimeoutMs: config.database.connectTimeoutMs,
  });
  await migrateToLatest(db);
  const client = createS3Client({ ...config.s3, endpoint: ep.s3Endpoint });
  const store = new ObjectStore(client, config.s3.bucket, {
    partSizeBytes: config.s3.partSizeBytes,
    signedUrlSeconds: config.s3.signedUrlSeconds,
  });
  await store.ensureBucket();
  const redis = createRedis(ep.redisUrl, 'worker');
  const queues = new JobQueues(redis, config.redis.prefix, config.worker.attempts);
  return {
    db,
    store,
    redis,
    queues,
    close: async () => {
      await queues.close().catch(() => undefined);
      redis.disconnect();
      client.destroy();
      await db.destroy();
    },
  };
}

async function httpAnswers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}
