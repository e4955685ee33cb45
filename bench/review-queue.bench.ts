import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createDb } from '../src/db/database';
import { createUser } from '../src/db/users.queries';
import { startEmbeddedS3 } from '../src/storage/embedded-s3';
import { startApiProcess } from '../test/support/processes';
import { createTestDatabase, findDemoCampaign } from '../test/support/test-database';
import { cpuSecondsOf } from './bench-support';

/**
 * The review queue under load (issue 6): 10,000 submissions in the campaign, 50 autocannon
 * connections listing the queue with a moderator's session as fast as answers come. The API runs
 * in its own process, as `npm run start:api` does, so the load generator does not share its event
 * loop. Target: p95 under 20 ms, no errors. BENCH_QUEUE_SECONDS and BENCH_QUEUE_CLIENTS change the
 * run; BENCH_QUEUE_PATH
 * changes what is asked for (e.g. `/api/v1/review/queue?language=cy`, or `/healthz` to see the
 * cost of the HTTP stack alone).
 */
const SUBMISSIONS = 10_000;

async function seed(databaseUrl: string) {
  const db = createDb(databaseUrl, { max: 2 });
  try {
    const demo = await findDemoCampaign(db);
    await sql`
      INSERT INTO submissions (campaign_id, status, language, created_at, updated_at)
      SELECT ${demo.id}::uuid,
             (ARRAY['awaiting_review','awaiting_review','approved','processing','rejected'])[1 + i % 5],
             CASE WHEN i % 3 = 0 THEN 'cy' ELSE 'en' END,
             now() - make_interval(mins => i), now()
      FROM generate_series(1, ${SUBMISSIONS}) AS i`.execute(db);
    // As autovacuum would soon: the seed left a dead review_queue_counts row per insert.
    await sql`VACUUM ANALYZE`.execute(db);
    await createUser(db, {
      email: 'bench@example.org',
      role: 'moderator',
      password: 'bench password 123',
      campaignIds: [demo.id],
    });
  } finally {
    await db.destroy();
  }
}

export async function benchReviewQueue(): Promise<object> {
  const seconds = Number(process.env.BENCH_QUEUE_SECONDS ?? 10);
  const clients = Number(process.env.BENCH_QUEUE_CLIENTS ?? 50);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lev-bench-queue-'));
  const database = await createTestDatabase();
  const s3 = await startEmbeddedS3({ directory: path.join(dir, 's3'), port: 0 });
  const { port, proc } = await startApiProcess({
    databaseUrl: database.url,
    s3Endpoint: s3.endpoint,
    dataDir: dir,
    env: {
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'warn',
    },
  });
  try {
    await seed(database.url);
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.org', password: 'bench password 123' }),
    });
    const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const url = `${base}${process.env.BENCH_QUEUE_PATH ?? '/api/v1/review/queue'}`;
    const first = await fetch(url, { headers: { cookie } });
    const firstBody = (await first.json()) as { items?: unknown[] };
    if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
    // autocannon's summary has p90 and p97.5 but no p95: every response time is kept instead.
    const load = async (duration: number) => {
      const times: number[] = [];
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const run = autocannon(
          { url, connections: clients, duration, headers: { cookie } },
          (err, r) => (err ? reject(err as Error) : resolve(r)),
        );
        run.on('response', (_client, _status, _bytes, ms) => times.push(ms));
      });
      return { result, sorted: times.sort((a, b) => a - b) };
    };
    await load(2); // warm-up: connections, JIT, PostgreSQL caches
    const statements0 = await statementsRun(database.url);
    const cpu0 = await cpuSecondsOf(proc.pid!);
    const { result: r, sorted } = await load(seconds);
    const apiCpu = (await cpuSecondsOf(proc.pid!)) - cpu0;
    const statements = (await statementsRun(database.url)) - statements0;
    return {
      submissions: SUBMISSIONS,
      clients,
      seconds,
      requests: r.requests.total,
      errors: r.errors + r.timeouts + r.non2xx,
      requestsPerSecond: Math.round(r.requests.average),
      itemsPerPage: firstBody.items?.length,
      latencyMs: {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: percentile(sorted, 100),
      },
      apiCpuPerRequestMs: Math.round((apiCpu * 1000 * 100) / r.requests.total) / 100,
      // PostgreSQL round trips per request (each statement outside a transaction is one).
      dbStatementsPerRequest: Math.round((statements * 100) / r.requests.total) / 100,
      targetP95Ms: 20,
    };
  } finally {
    proc.kill('SIGTERM');
    await new Promise((resolve) => proc.once('exit', resolve));
    await s3.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Statements PostgreSQL has finished in the bench database, from pg_stat_database (every
 * statement outside a transaction commits one). Counters are flushed within a second or so.
 */
async function statementsRun(databaseUrl: string): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const db = createDb(databaseUrl, { max: 1 });
  try {
    const r = await sql<{ n: string }>`
      SELECT xact_commit + xact_rollback AS n FROM pg_stat_database
      WHERE datname = current_database()`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await db.destroy();
  }
}

const percentile = (sorted: number[], p: number) =>
  Math.round(
    (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 100,
  ) / 100;

if (require.main === module) {
  void benchReviewQueue().then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`));
}
