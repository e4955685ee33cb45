import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { createDb } from '../src/db/database';
import { createUser } from '../src/db/users.queries';
import { createRedis } from '../src/queue/connection';
import { startEmbeddedS3 } from '../src/storage/embedded-s3';
import { postMultipart, validConsent } from '../test/support/multipart';
import { startApiProcess, startProcess } from '../test/support/processes';
import { createTestDatabase } from '../test/support/test-database';
import { mbPerSecond } from './bench-support';

/**
 * Load (issue 9): BENCH_LOAD_CONTRIBUTORS (50) contributors each stream a real ~BENCH_LOAD_MB
 * (20) MB video through the form upload at once, while BENCH_LOAD_MODERATORS (5) moderators list
 * the review queue in a loop; then the workers (a separate process, as in production) drain the
 * backlog. API and worker run as `npm run start:api` / `start:worker` do. Prints upload
 * throughput, queue latency under load, errors by kind, and the drain time: from the last upload
 * finishing to every stored submission at awaiting_review (or failed).
 *
 * Defaults fit in about five minutes on a quiet two-core machine: the clips are short
 * (BENCH_LOAD_CLIP_SECONDS, 2 s, so 20 MB is a high-bitrate phone clip and transcoding stays
 * cheap), captions are off (BENCH_LOAD_CAPTIONS=1 keeps WHISPER_MODEL), and the drain is cut at
 * BENCH_LOAD_DRAIN_TIMEOUT_S (150 s), reporting the rate and the projected full drain. WORKER_CONCURRENCY is passed on.
 *
 * All contributors come from one address, as they would through one NAT or proxy: the per-address
 * `upload-start` limit (30 in 15 minutes) counts only resumable (tus) uploads, not these.
 */
const run = promisify(execFile);

/** A real clip (picture noise, so it cannot compress below the target size), made once. */
async function benchClip(megabytes: number, seconds: number): Promise<string> {
  const file = path.join(os.tmpdir(), `lev-bench-load-${megabytes}mb-${seconds}s.mp4`);
  if (await stat(file).catch(() => undefined)) return file;
  const kbps = Math.floor((megabytes * 8 * 1000) / seconds) - 128;
  const tmp = `${file}.part.mp4`;
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
    ...['-vf', 'noise=alls=40:allf=t', '-c:v', 'libx264', '-preset', 'ultrafast'],
    ...['-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps}k`],
    ...['-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', tmp],
  ]);
  await rename(tmp, file);
  return file;
}

/** The run's queue keys (jobs still owed when a drain is cut short) do not outlive it. */
async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  // The worker role queues commands until connected (a client would refuse them at once).
  const redis = createRedis(url, 'worker');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const percentile = (sorted: number[], p: number) =>
  Math.round(
    (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 10,
  ) / 10;

const summary = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: percentile(s, 100) };
};

export async function benchLoad(): Promise<object> {
  const contributors = Number(process.env.BENCH_LOAD_CONTRIBUTORS ?? 50);
  const moderators = Number(process.env.BENCH_LOAD_MODERATORS ?? 5);
  const megabytes = Number(process.env.BENCH_LOAD_MB ?? 20);
  const clipSeconds = Number(process.env.BENCH_LOAD_CLIP_SECONDS ?? 2);
  // The backlog is measured until drained or this long after the uploads end.
  const drainTimeoutMs = Number(process.env.BENCH_LOAD_DRAIN_TIMEOUT_S ?? 150) * 1000;
  const captions = process.env.BENCH_LOAD_CAPTIONS === '1';
  const clip = await benchClip(megabytes, clipSeconds);
  const clipBytes = (await stat(clip)).size;

  const dir = await mkdtemp(path.join(os.tmpdir(), 'lev-bench-load-'));
  const database = await createTestDatabase();
  const s3 = await startEmbeddedS3({ directory: path.join(dir, 's3'), port: 0 });
  const shared = {
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `levbench-load-${Date.now()}`,
    LOG_LEVEL: 'warn',
  };
  const { port, proc: api } = await startApiProcess({
    databaseUrl: database.url,
    s3Endpoint: s3.endpoint,
    dataDir: dir,
    // BENCH_LOAD_DB_POOL: the API's DATABASE_POOL_MAX for this run (default: the app's own).
    env: {
      ...shared,
      ...(process.env.BENCH_LOAD_DB_POOL
        ? { DATABASE_POOL_MAX: process.env.BENCH_LOAD_DB_POOL }
        : {}),
    },
  });
  const worker = startProcess('workers/main.ts', {
    ...shared,
    DATABASE_URL: database.url,
    S3_ENDPOINT: s3.endpoint,
    DATA_DIR: dir,
    // Captions off unless asked for: the drain measures the media pipeline, not Whisper.
    WHISPER_MODEL: captions ? (process.env.WHISPER_MODEL ?? '') : '',
  });
  const db = createDb(database.url, { max: 2 });
  try {
    await createUser(db, {
      email: 'bench-mod@example.org',
      role: 'admin',
      password: 'bench password 123',
      campaignIds: [],
    });
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench-mod@example.org', password: 'bench password 123' }),
    });
    const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';

    // Moderators list the queue for as long as the uploads run.
    let uploading = true;
    const queueMs: number[] = [];
    let queueErrors = 0;
    const moderator = async () => {
      while (uploading) {
        const t0 = performance.now();
        try {
          const res = await fetch(`${base}/api/v1/review/queue`, { headers: { cookie } });
          await res.arrayBuffer();
          if (res.status !== 200) {
            queueErrors++;
            noteError(`queue ${res.status}`);
          }
        } catch (err) {
          queueErrors++;
          noteError(`queue ${(err as Error).message}`);
        }
        queueMs.push(performance.now() - t0);
      }
    };

    const uploadMs: number[] = [];
    let uploadErrors = 0;
    // What went wrong, by kind ("503 dependency_down", "ECONNRESET"), for the report.
    const errorKinds: Record<string, number> = {};
    const noteError = (kind: string) => (errorKinds[kind] = (errorKinds[kind] ?? 0) + 1);
    const contributor = async () => {
      const t0 = performance.now();
      try {
        const res = await postMultipart(
          `${base}/api/v1/submissions`,
          { campaign: 'demo', consent: JSON.stringify(validConsent) },
          { filename: 'day.mp4', contentType: 'video/mp4', body: createReadStream(clip) },
        );
        if (res.status !== 201) {
          uploadErrors++;
          const code = /"code":"([a-z_]+)"/.exec(res.body)?.[1] ?? '';
          noteError(`upload ${res.status} ${code}`.trim());
        }
      } catch (err) {
        uploadErrors++;
        noteError(`upload ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      uploadMs.push(performance.now() - t0);
    };

    // What PostgreSQL is doing meanwhile: a 503 dependency_down under load is a query that
    // waited DATABASE_CONNECT_TIMEOUT_MS for a pooled connection, so watch how many are busy
    // and whether they wait on disk (WAL flushes behind the S3 server's writes).
    const pg = { samples: 0, peakBusy: 0, busyOnIo: 0 };
    const sampler = setInterval(() => {
      void sql<{ busy: string; io: string }>`
        SELECT count(*) FILTER (WHERE state <> 'idle' AND pid <> pg_backend_pid()) AS busy,
               count(*) FILTER (WHERE wait_event_type IN ('IO', 'LWLock')
                 OR wait_event LIKE 'WAL%') AS io
        FROM pg_stat_activity WHERE datname = current_database()`
        .execute(db)
        .then(
          (r) => {
            const row = r.rows[0];
            pg.samples++;
            pg.peakBusy = Math.max(pg.peakBusy, Number(row?.busy ?? 0));
            pg.busyOnIo += Number(row?.io ?? 0) > 0 ? 1 : 0;
          },
          () => undefined,
        );
    }, 250);

    const started = performance.now();
    const mods = Array.from({ length: moderators }, () => moderator());
    await Promise.all(Array.from({ length: contributors }, () => contributor()));
    const uploadWallMs = performance.now() - started;
    uploading = false;
    await Promise.all(mods);
    clearInterval(sampler);

    // Backlog: from the last upload finishing until every submission is out of
    // uploaded/processing (ready for review, or failed).
    const drainStart = started + uploadWallMs;
    let states: Record<string, number> = {};
    let owingAtStart: number | undefined;
    for (;;) {
      const rows = await sql<{ status: string; n: string }>`
        SELECT status, count(*) AS n FROM submissions GROUP BY status`.execute(db);
      states = Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
      const owing = (states.uploaded ?? 0) + (states.processing ?? 0);
      owingAtStart ??= owing;
      if (owing === 0 || performance.now() - drainStart > drainTimeoutMs) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const drainMs = performance.now() - drainStart;
    const owing = (states.uploaded ?? 0) + (states.processing ?? 0);
    // With a drain cut short by the timeout, the rate says how long the rest would take.
    const done = contributors - uploadErrors - owing;
    const perMinute = Math.round((done / ((uploadWallMs + drainMs) / 60_000)) * 100) / 100;

    return {
      contributors,
      moderators,
      clip: { megabytes: Math.round((clipBytes / 1e6) * 10) / 10, seconds: clipSeconds },
      upload: {
        totalMb: Math.round((clipBytes * contributors) / 1e5) / 10,
        wallSeconds: Math.round(uploadWallMs / 100) / 10,
        throughputMBps: mbPerSecond(clipBytes * (contributors - uploadErrors), uploadWallMs),
        perUploadSeconds: summary(uploadMs.map((ms) => ms / 1000)),
        errors: uploadErrors,
      },
      reviewQueueWhileUploading: {
        requests: queueMs.length,
        latencyMs: summary(queueMs),
        errors: queueErrors,
      },
      errorKinds,
      postgresWhileUploading: {
        samples: pg.samples,
        peakBusyConnections: pg.peakBusy,
        samplesWaitingOnIo: pg.busyOnIo,
        apiPoolMax: Number(process.env.BENCH_LOAD_DB_POOL ?? 20),
      },
      backlog: {
        drainSeconds: Math.round(drainMs / 100) / 10,
        drained: owing === 0,
        awaitingReview: states.awaiting_review ?? 0,
        captions,
        stillOwing: owing,
        // At the drain's own pace (clips finished since the uploads ended), the whole backlog.
        projectedDrainSeconds:
          owing === 0 || owing === owingAtStart
            ? undefined
            : Math.round(
                (drainMs / 1000) * ((owingAtStart ?? owing) / ((owingAtStart ?? owing) - owing)),
              ),
        clipsProcessedPerMinute: perMinute,
        states,
        workerConcurrency: Number(process.env.WORKER_CONCURRENCY ?? 1),
      },
      note: 'one machine shared by API, worker, PostgreSQL, Redis, S3 server and load generator',
    };
  } finally {
    await db.destroy();
    for (const p of [api, worker]) {
      p.kill('SIGTERM');
      await new Promise((resolve) =>
        p.exitCode !== null ? resolve(null) : p.once('exit', resolve),
      );
    }
    await s3.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
    await dropRedisPrefix(shared.REDIS_URL, shared.QUEUE_PREFIX);
  }
}

if (require.main === module) {
  void benchLoad().then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`));
}
