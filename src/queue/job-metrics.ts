import type { Redis } from 'ioredis';

/**
 * Job durations and outcomes, kept in Redis rather than in a process's memory: in production the
 * workers run in other processes (often on other hosts) than the API that answers GET /metrics,
 * so each worker adds to one shared hash and the API reads it on scrape. The hash lives under
 * the queue prefix, so it goes wherever the queues go.
 */

/** Bucket bounds in seconds: a probe takes about a second, a long transcode many minutes. */
export const JOB_DURATION_BUCKETS = [0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800] as const;

export type JobOutcome = 'completed' | 'failed';

export interface JobStats {
  job: string;
  outcome: JobOutcome;
  count: number;
  sumSeconds: number;
  /** Cumulative counts per bucket bound, in JOB_DURATION_BUCKETS order, then +Inf. */
  buckets: number[];
}

const hashKey = (prefix: string) => `${prefix}:metrics:jobs`;
// Job names come from our own registry (workers/registry.ts); anything else is not recorded, so
// a stray job name can never grow the hash without bound.
const JOB_NAME = /^[a-z][a-z0-9_-]{0,40}$/;

/** Adds one finished attempt. `seconds` is undefined when the job never started processing. */
export async function recordJobOutcome(
  redis: Redis,
  prefix: string,
  job: string,
  outcome: JobOutcome,
  seconds: number | undefined,
): Promise<void> {
  if (!JOB_NAME.test(job)) return;
  const field = (s: string) => `${job}|${outcome}|${s}`;
  const m = redis.multi().hincrby(hashKey(prefix), field('count'), 1);
  if (seconds !== undefined && Number.isFinite(seconds) && seconds >= 0) {
    m.hincrby(hashKey(prefix), field('timed'), 1);
    m.hincrbyfloat(hashKey(prefix), field('sum'), seconds);
    for (const le of JOB_DURATION_BUCKETS) {
      if (seconds <= le) m.hincrby(hashKey(prefix), field(`le:${le}`), 1);
    }
  }
  await m.exec();
}

/** Seconds between a BullMQ job's start and end (end defaults to now for a failed attempt). */
export function jobSeconds(job: { processedOn?: number; finishedOn?: number }): number | undefined {
  if (!job.processedOn) return undefined;
  return ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000;
}

/** Everything recorded so far, one entry per job name and outcome. */
export async function readJobStats(redis: Redis, prefix: string): Promise<JobStats[]> {
  const raw = await redis.hgetall(hashKey(prefix));
  const byKey = new Map<string, JobStats & { timed: number; le: Map<string, number> }>();
  for (const [field, value] of Object.entries(raw)) {
    const [job, outcome, stat] = field.split('|');
    if (!job || (outcome !== 'completed' && outcome !== 'failed') || !stat) continue;
    const key = `${job}|${outcome}`;
    let s = byKey.get(key);
    if (!s) {
      s = { job, outcome, count: 0, sumSeconds: 0, buckets: [], timed: 0, le: new Map() };
      byKey.set(key, s);
    }
    const n = Number(value);
    if (stat === 'count') s.count = n;
    else if (stat === 'timed') s.timed = n;
    else if (stat === 'sum') s.sumSeconds = n;
    else if (stat.startsWith('le:')) s.le.set(stat.slice(3), n);
  }
  return [...byKey.values()].map(({ timed, le, ...s }) => ({
    ...s,
    buckets: [...JOB_DURATION_BUCKETS.map((b) => le.get(String(b)) ?? 0), timed],
  }));
}
