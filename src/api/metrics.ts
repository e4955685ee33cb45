import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import { sql } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { can, routeSpec } from '../domain/authorisation';
import { AppError } from '../domain/errors';
import { JOB_DURATION_BUCKETS, readJobStats } from '../queue/job-metrics';
import { queueNames } from '../queue/jobs';
import type { ApiDeps } from './deps';
import { apiErrorHandler } from './error-handler';
import { onResponseEnd } from './response-end';
import { staffFromRequest } from './staff/session';

/**
 * Prometheus metrics for one app. Each app gets its own Registry (never prom-client's global
 * one): tests start several apps in one process, and a global registry would mix their numbers
 * or refuse the second registration.
 */
export interface AppMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  uploadsInFlight: Gauge;
}

type MetricsDeps = Pick<ApiDeps, 'config' | 'db' | 'queues' | 'redis' | 'logger'>;

const JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
] as const;

export function createMetrics(deps: MetricsDeps): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lev_' });
  // A scrape must still answer when PostgreSQL or Redis does not: the gauge is left empty and
  // the failure logged, instead of the whole scrape failing.
  // prom-client calls collect() with the metric as `this`; pass it on.
  const guarded = <M>(what: string, fn: (this: M) => Promise<void>) =>
    async function (this: M) {
      try {
        await fn.call(this);
      } catch (err) {
        deps.logger.warn({ err, what }, 'metrics collection failed');
      }
    };

  const httpDuration = new Histogram({
    name: 'lev_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
    registers: [registry],
  });
  const uploadsInFlight = new Gauge({
    name: 'lev_uploads_in_flight',
    help: 'Uploads being received by this process now',
    registers: [registry],
  });

  new Gauge({
    name: 'lev_queue_jobs',
    help: 'Jobs in each queue by state (read from Redis on scrape)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    collect: guarded('queue depth', async function (this: Gauge<'queue' | 'state'>) {
      this.reset();
      for (const name of Object.values(queueNames)) {
        const counts = await deps.queues.queue(name).getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    }),
  });

  new Gauge({
    name: 'lev_storage_bytes',
    help: 'Bytes held in object storage: originals and renditions (from PostgreSQL on scrape)',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect: guarded('storage used', async function (this: Gauge<'kind'>) {
      const { rows } = await sql<{ originals: string | null; media: string | null }>`
        select (select sum(original_bytes) from submissions) as originals,
               (select sum(bytes) from media_assets) as media`.execute(deps.db);
      this.set({ kind: 'originals' }, Number(rows[0]?.originals ?? 0));
      this.set({ kind: 'media' }, Number(rows[0]?.media ?? 0));
    }),
  });

  // Job figures are aggregates the workers keep in Redis (src/queue/job-metrics.ts), so they
  // are exposed as-is rather than re-observed into a prom-client Histogram.
  const prefix = deps.queues.keyPrefix;
  registry.registerMetric(
    jobHistogram(async () => readJobStats(deps.redis, prefix).catch(() => [])),
  );
  new Counter({
    name: 'lev_jobs_failed_total',
    help: 'Failed job attempts by job name (each retry counts)',
    labelNames: ['job'] as const,
    registers: [registry],
    collect: guarded('job failures', async function (this: Counter<'job'>) {
      this.reset();
      for (const s of await readJobStats(deps.redis, prefix)) {
        if (s.outcome === 'failed') this.inc({ job: s.job }, s.count);
      }
    }),
  });

  return { registry, httpDuration, uploadsInFlight };
}

/** A histogram whose buckets come from elsewhere, shaped as prom-client's own output. */
function jobHistogram(read: () => ReturnType<typeof readJobStats>) {
  const name = 'lev_job_duration_seconds';
  const help = 'Job attempt duration by job name and outcome (from the workers, via Redis)';
  type Value = { metricName: string; labels: Record<string, string>; value: number };
  const get = async () => {
    const values: Value[] = [];
    for (const s of await read()) {
      const labels = { job: s.job, outcome: s.outcome };
      [...JOB_DURATION_BUCKETS.map(String), '+Inf'].forEach((le, i) =>
        values.push({
          metricName: `${name}_bucket`,
          labels: { ...labels, le },
          value: s.buckets[i] ?? 0,
        }),
      );
      values.push({ metricName: `${name}_sum`, labels, value: s.sumSeconds });
      values.push({ metricName: `${name}_count`, labels, value: s.buckets.at(-1) ?? 0 });
    }
    // prom-client's typings declare `type` as a numeric enum, but its registry writes the
    // string into the `# TYPE` line (its own Histogram returns 'histogram' too).
    return { name, help, type: 'histogram', values, aggregator: 'sum' };
  };
  // registerMetric wants a prom-client Metric; the registry only calls name, get() and reset().
  return { name, help, get, reset: () => undefined } as unknown as Parameters<
    Registry['registerMetric']
  >[0];
}

/**
 * The route pattern of a finished request: the router's base (our mount paths are fixed strings)
 * plus the matched route's path. Never the raw URL: receipt and watch links hold tokens.
 */
export function routeLabel(req: Request): string {
  const p: unknown = req.route?.path;
  const leaf = Array.isArray(p) ? p.join(',') : typeof p === 'string' ? p : undefined;
  if (leaf !== undefined) return `${req.baseUrl}${leaf === '/' && req.baseUrl ? '' : leaf}` || '/';
  return req.baseUrl ? `${req.baseUrl}/*` : 'unmatched';
}

/** Times every request and counts uploads in flight; mount first. */
export function metricsMiddleware(m: AppMetrics): RequestHandler {
  return (req, res, next) => {
    const stop = m.httpDuration.startTimer();
    // Contributor uploads are multipart POSTs (API and page form) or tus PATCHes.
    const upload =
      (req.method === 'POST' && Boolean(req.is('multipart/form-data'))) ||
      (req.method === 'PATCH' && req.path.startsWith('/api/v1/uploads'));
    if (upload) m.uploadsInFlight.inc();
    onResponseEnd(res, () => {
      if (upload) m.uploadsInFlight.dec();
      stop({ method: req.method, route: routeLabel(req), status: String(res.statusCode) });
    });
    next();
  };
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** GET /metrics: an admin's staff session, or the scraper's METRICS_TOKEN as a bearer token. */
export function metricsRouter(deps: MetricsDeps, m: AppMetrics): Router {
  const spec = routeSpec('ops', 'get', '/metrics');
  const r = Router();
  r.get(spec.path, async (req, res) => {
    const auth = req.headers.authorization;
    const bearer = typeof auth === 'string' ? /^Bearer\s+(\S+)$/i.exec(auth)?.[1] : undefined;
    const token = deps.config.metricsToken;
    if (bearer !== undefined && token !== undefined) {
      // Fixed-length digests compared in constant time: neither length nor content leaks.
      if (!timingSafeEqual(digest(bearer), digest(token))) {
        throw new AppError('unauthorised', 'That metrics token is not valid.');
      }
    } else {
      const staff = await staffFromRequest(deps.db, req);
      if (!staff)
        throw new AppError('unauthorised', 'Sign in as an admin, or send the metrics token.');
      if (!can(staff, spec.action) || staff.mustChangePassword) {
        throw new AppError('forbidden', 'Your role does not allow this.');
      }
    }
    const body = await m.registry.metrics();
    res.set('Cache-Control', 'no-store').type(m.registry.contentType).send(body);
  });
  r.use(spec.path, apiErrorHandler);
  return r;
}
