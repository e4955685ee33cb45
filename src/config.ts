import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration, read once from the environment through one schema. Each part of the
 * program is handed the slice it needs; nothing reads process.env elsewhere.
 * The README's configuration table lists the same variables: keep them in step.
 */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyAsUndefined, z.url().optional());

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_BASE_URL: optionalUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.preprocess(emptyAsUndefined, bool.default(false)),

  DATABASE_URL: optionalUrl,
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  // Connections each process keeps to PostgreSQL, and how long a query waits for one (a free
  // pooled connection or a new one) before answering 503.
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(20),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  REDIS_URL: optionalUrl,
  QUEUE_PREFIX: z.string().min(1).default('lev'),

  S3_ENDPOINT: optionalUrl,
  S3_REGION: z.string().min(1).default('eu-west-2'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')
    .default('lived-experience'),
  S3_ACCESS_KEY_ID: z.string().min(1).default('S3RVER'),
  S3_SECRET_ACCESS_KEY: z.string().min(1).default('S3RVER'),
  S3_FORCE_PATH_STYLE: z.preprocess(emptyAsUndefined, bool.optional()),
  EMBEDDED_S3_PORT: z.coerce.number().int().min(0).max(65535).default(4568),
  S3_PART_SIZE_MB: z.coerce.number().int().min(5).max(512).default(5),
  SIGNED_URL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),

  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 ** 3),
  MAX_DURATION_SECONDS: z.coerce.number().int().positive().default(600),
  LINK_TOKEN_DAYS: z.coerce.number().int().positive().default(365),
  // Abandoned resumable (tus) uploads and their drafts are removed after this long.
  RESUMABLE_EXPIRY_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),

  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
  FFMPEG_THREADS: z.coerce.number().int().min(0).max(64).default(2),
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  JOB_LOCK_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  WORK_DIR: optionalString,
  // Reconciler storage sweep (hourly): an object with no row, or a multipart upload never
  // finished, is removed only once older than this, so an upload in flight is never touched.
  ORPHAN_GRACE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  MULTIPART_ABORT_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),

  WHISPER_MODEL: optionalString,
  ADMIN_EMAIL: z.email().default('admin@example.org'),
  // A scraper's bearer token for GET /metrics; long enough that guessing it is hopeless.
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  dataDir: string;
  publicBaseUrl: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  trustProxy: boolean;
  database: {
    url: string | undefined;
    embeddedPort: number;
    poolMax: number;
    connectTimeoutMs: number;
  };
  redis: { url: string | undefined; prefix: string };
  s3: {
    endpoint: string | undefined;
    region: string;
    bucket: string;
    accessKeyId: string;
    secretAccessKey: string;
    forcePathStyle: boolean;
    embeddedPort: number;
    partSizeBytes: number;
    signedUrlSeconds: number;
  };
  uploads: {
    maxBytes: number;
    maxDurationSeconds: number;
    linkTokenDays: number;
    /** After this long an unfinished resumable upload (and its draft submission) is removed. */
    resumableExpiryHours: number;
  };
  worker: {
    concurrency: number;
    ffmpegThreads: number;
    attempts: number;
    /** How long a job's lock lasts: a killed worker's job is taken over within about this. */
    lockSeconds: number;
    workDir: string;
  };
  /** The reconciler's storage sweep (see workers/storage-sweep.ts). */
  housekeeping: {
    /** An object whose submission or playlist row is gone is deleted once older than this. */
    orphanGraceHours: number;
    /** An unfinished multipart upload is aborted once older than this (and the tus expiry). */
    multipartAbortHours: number;
  };
  whisperModel: string | undefined;
  adminEmail: string;
  /** Bearer token a Prometheus scraper sends to GET /metrics; unset: admin sessions only. */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    database: {
      url: e.DATABASE_URL,
      embeddedPort: e.EMBEDDED_POSTGRES_PORT,
      poolMax: e.DATABASE_POOL_MAX,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    },
    redis: { url: e.REDIS_URL, prefix: e.QUEUE_PREFIX },
    s3: {
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      bucket: e.S3_BUCKET,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      // Path style is what MinIO and the embedded server need; AWS works either way.
      forcePathStyle: e.S3_FORCE_PATH_STYLE ?? true,
      embeddedPort: e.EMBEDDED_S3_PORT,
      partSizeBytes: e.S3_PART_SIZE_MB * 1024 * 1024,
      signedUrlSeconds: e.SIGNED_URL_SECONDS,
    },
    uploads: {
      maxBytes: e.MAX_UPLOAD_BYTES,
      maxDurationSeconds: e.MAX_DURATION_SECONDS,
      linkTokenDays: e.LINK_TOKEN_DAYS,
      resumableExpiryHours: e.RESUMABLE_EXPIRY_HOURS,
    },
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      ffmpegThreads: e.FFMPEG_THREADS,
      attempts: e.JOB_ATTEMPTS,
      lockSeconds: e.JOB_LOCK_SECONDS,
      workDir: path.resolve(e.WORK_DIR ?? path.join(dataDir, 'work')),
    },
    housekeeping: {
      orphanGraceHours: e.ORPHAN_GRACE_HOURS,
      multipartAbortHours: e.MULTIPART_ABORT_HOURS,
    },
    whisperModel: e.WHISPER_MODEL,
    adminEmail: e.ADMIN_EMAIL,
    metricsToken: e.METRICS_TOKEN,
  };
}
