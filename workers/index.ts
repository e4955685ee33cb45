import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { transitionSubmission } from '../src/db/submissions.queries';
import { queueNames, type QueueName, type SubmissionJobData } from '../src/queue/jobs';
import type { JobQueues } from '../src/queue/queues';
import { checkWhisperModel } from '../src/captions/whisper-engine';
import { jobSeconds, recordJobOutcome, type JobOutcome } from '../src/queue/job-metrics';
import { failureDetail } from './failure-detail';
import { assertRegistryComplete, dispatch } from './registry';
import { runReconcilerPass, type ReconcileReport } from './reconciler';
import { sweepStorage } from './storage-sweep';
import { removeStaleWorkDirs } from './work-dir';
import type { WorkerDeps } from './worker-deps';

export interface RunningWorkers {
  close(): Promise<void>;
  reconcile(): Promise<ReconcileReport>;
}

const MEDIA_JOBS = new Set(['probe', 'transcode', 'finalise']);

/**
 * When a media job has failed for the last time, the submission becomes `failed` with a reason
 * (the stderr tail stays with staff; the contributor sees the plain-language code).
 */
async function recordFinalFailure(deps: WorkerDeps, job: Job, err: Error, attempts: number) {
  const final = err instanceof UnrecoverableError || job.attemptsMade >= attempts;
  if (!final || !MEDIA_JOBS.has(job.name)) return;
  // A step failed because the step before it did ("child ... failed"): that step's own failure
  // holds the reason and records it. Recording this one too raced it, and the later write could
  // leave staff reading "child failed" instead of what went wrong.
  if (job.deferredFailure) return;
  const data = job.data as SubmissionJobData;
  await transitionSubmission(
    deps.db,
    data.submissionId,
    'processing_failed',
    { failure_code: 'processing_error', failure_detail: failureDetail(err) },
    { actor: { type: 'system', id: `job:${job.id}` }, details: { job: job.name } },
  );
}

/**
 * Starts the workers. A configured speech model is checked first, so a missing or broken
 * WHISPER_MODEL stops start-up with a clear message instead of failing mid-job.
 */
export async function startWorkers(
  base: Omit<WorkerDeps, 'whisperMultilingual'> & { redis: Redis; queues: JobQueues },
  opts: { reconcileEverySeconds?: number } = {},
): Promise<RunningWorkers> {
  assertRegistryComplete();
  const whisper = base.config.whisperModel
    ? await checkWhisperModel(base.config.whisperModel)
    : undefined;
  const deps = { ...base, ...(whisper ? { whisperMultilingual: whisper.multilingual } : {}) };
  void removeStaleWorkDirs(deps.config.worker.workDir, 6 * 3600 * 1000).catch((err: unknown) =>
    deps.logger.warn({ err }, 'could not sweep stale work directories'),
  );
  const processor = dispatch(deps);
  // Durations and outcomes go to Redis, where the API's GET /metrics reads them (other process).
  const measure = (job: Job, outcome: JobOutcome) =>
    recordJobOutcome(deps.redis, deps.queues.keyPrefix, job.name, outcome, jobSeconds(job)).catch(
      (err: unknown) => deps.logger.warn({ err, jobId: job.id }, 'could not record job metrics'),
    );
  const make = (name: QueueName, concurrency: number) => {
    const w = new Worker(name, processor, {
      connection: deps.redis,
      prefix: deps.queues.keyPrefix,
      concurrency,
      // A killed worker's job is noticed once its lock lapses and is given to another worker.
      lockDuration: deps.config.worker.lockSeconds * 1000,
      stalledInterval: Math.max(1000, (deps.config.worker.lockSeconds * 1000) / 2),
      maxStalledCount: 2,
    });
    w.on('completed', (job) => void measure(job, 'completed'));
    w.on('failed', (job, err) => {
      if (!job) return;
      void measure(job, 'failed');
      deps.logger.warn({ jobId: job.id, job: job.name, err: err.message }, 'job failed');
      recordFinalFailure(deps, job, err, job.opts.attempts ?? 1).catch((e: unknown) =>
        deps.logger.error({ err: e, jobId: job.id }, 'could not record failure; reconciler will'),
      );
    });
    w.on('error', (err) => deps.logger.error({ err }, 'worker error'));
    return w;
  };
  const workers = [
    make(queueNames.media, deps.config.worker.concurrency),
    make(queueNames.housekeeping, 2),
    // One export at a time per worker process: a render already uses FFMPEG_THREADS.
    make(queueNames.export, 1),
  ];
  // Retention (workers/retention.processor.ts): daily, whichever worker takes it.
  await deps.queues.scheduleRetention();

  const reconcile = () =>
    runReconcilerPass(deps, { olderThanSeconds: opts.reconcileEverySeconds ?? 60 });
  const every = opts.reconcileEverySeconds ?? 60;
  const runReconcile = () =>
    reconcile().catch((err: unknown) => deps.logger.error({ err }, 'reconciler pass failed'));
  void runReconcile();
  const timer = setInterval(runReconcile, every * 1000);
  timer.unref();
  // Expired resumable uploads, abandoned multipart uploads, orphaned objects: at start-up and
  // hourly (the thresholds are hours; listing the whole bucket every minute would be waste).
  let sweeping: Promise<unknown> = Promise.resolve();
  const runSweep = () =>
    (sweeping = sweepStorage(deps).catch((err: unknown) =>
      deps.logger.error({ err }, 'storage sweep failed'),
    ));
  void runSweep();
  const sweep = setInterval(runSweep, 3600 * 1000);
  sweep.unref();

  return {
    reconcile,
    async close() {
      clearInterval(timer);
      clearInterval(sweep);
      await sweeping;
      // close() waits for jobs in flight; a job cut off by a hard stop is retried elsewhere.
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
