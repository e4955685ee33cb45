import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createUser } from '../src/db/users.queries';
import { startTestStack } from '../test/support/stack';

/**
 * The review queue under load: 10,000 submissions in the campaign, 50 clients each listing
 * the queue with a staff session as fast as answers come. Target: p95 under 20 ms.
 * BENCH_QUEUE_REQUESTS and BENCH_QUEUE_CLIENTS change the number of requests and clients.
 */
const SUBMISSIONS = 10_000;
const CLIENTS = Number(process.env.BENCH_QUEUE_CLIENTS ?? 50);

const percentile = (sorted: number[], p: number) =>
  Math.round(
    (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 100,
  ) / 100;

export async function benchReviewQueue(): Promise<object> {
  const requests = Number(process.env.BENCH_QUEUE_REQUESTS ?? 5000);
  const stack = await startTestStack();
  try {
    const db = stack.deps.db;
    const demo = await db
      .selectFrom('campaigns')
      .select('id')
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    await sql`
      INSERT INTO submissions (campaign_id, status, language, created_at, updated_at)
      SELECT ${demo.id}::uuid,
             (ARRAY['awaiting_review','awaiting_review','approved','processing','rejected'])[1 + i % 5],
             CASE WHEN i % 3 = 0 THEN 'cy' ELSE 'en' END,
             now() - make_interval(mins => i), now()
      FROM generate_series(1, ${SUBMISSIONS}) AS i`.execute(db);
    await sql`ANALYZE`.execute(db);
    await createUser(db, {
      email: 'bench@example.org',
      role: 'moderator',
      password: 'bench password 123',
      campaignIds: [demo.id],
    });
    const login = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.org', password: 'bench password 123' }),
    });
    const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const url = `${stack.baseUrl}/api/v1/review/queue`;

    const once = async () => {
      const t0 = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      const body = await res.text();
      const ms = performance.now() - t0;
      return { ms, ok: res.status === 200 && body.startsWith('{"items":[') };
    };
    // A bounded loop: CLIENTS workers share one counter, so at most CLIENTS requests are in flight.
    const run = async (total: number) => {
      const latencies: number[] = [];
      let errors = 0;
      let next = 0;
      const worker = async () => {
        while (next < total) {
          next++;
          try {
            const r = await once();
            latencies.push(r.ms);
            if (!r.ok) errors++;
          } catch {
            errors++;
          }
        }
      };
      const t0 = performance.now();
      await Promise.all(Array.from({ length: CLIENTS }, worker));
      return { latencies, errors, seconds: (performance.now() - t0) / 1000 };
    };
    await run(Math.min(500, requests)); // warm-up: connections, JIT, PostgreSQL caches
    const { latencies, errors, seconds } = await run(requests);
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      submissions: SUBMISSIONS,
      clients: CLIENTS,
      requests,
      errors,
      requestsPerSecond: Math.round(requests / seconds),
      latencyMs: {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: percentile(sorted, 100),
      },
      targetP95Ms: 20,
    };
  } finally {
    await stack.close();
  }
}

if (require.main === module) {
  void benchReviewQueue().then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`));
}
