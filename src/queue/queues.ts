import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobIdFor, jobSettings, queueNames, type JobPayloads, type QueueName } from './jobs';
import { planSubmissionFlow } from './pipeline';

/** The producer side of the queue, used by the API and the CLI. */
export class JobQueues {
  private readonly queues: Record<QueueName, Queue>;
  private readonly flows: FlowProducer;

  constructor(
    connection: Redis,
    private readonly prefix: string,
    private readonly attempts?: number,
  ) {
    this.queues = {
      media: new Queue(queueNames.media, { connection, prefix }),
      housekeeping: new Queue(queueNames.housekeeping, { connection, prefix }),
      export: new Queue(queueNames.export, { connection, prefix }),
    };
    this.flows = new FlowProducer({ connection, prefix });
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /** Enqueues the processing flow; throws if Redis refuses (never fire-and-forget). */
  async enqueueProcessing(submissionId: string, mediaVersion: number): Promise<void> {
    await this.flows.add(planSubmissionFlow({ submissionId, mediaVersion }, this.attempts));
  }

  /**
   * Removes whatever is left of a submission version's flow (failed or finished jobs keep their
   * deterministic ids) and enqueues it afresh: for staff retries and the reconciler.
   */
  async requeueProcessing(submissionId: string, mediaVersion: number): Promise<void> {
    const media = this.queues.media;
    for (const name of ['finalise', 'transcode', 'probe'] as const) {
      const job = await media.getJob(jobIdFor(name, { submissionId, mediaVersion }));
      await job?.remove();
    }
    await this.enqueueProcessing(submissionId, mediaVersion);
  }

  /**
   * Captions for a published version; the deterministic id makes a second enqueue a no-op.
   * `run` names a further run of the same version (a new transcript to time).
   */
  async enqueueCaptions(data: JobPayloads['captions'], run?: string): Promise<void> {
    const s = jobSettings.captions;
    await this.queues[s.queue].add('captions', data, {
      jobId: run ? `${jobIdFor('captions', data)}-r${run}` : jobIdFor('captions', data),
      attempts: s.attempts,
      backoff: { type: 'exponential', delay: s.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  /**
   * The 360p of a published version (workers/low-rendition.processor.ts); the deterministic id
   * makes a second enqueue, such as a retried finalise, a no-op.
   */
  async enqueueLowRendition(data: JobPayloads['lowRendition']): Promise<void> {
    const s = jobSettings.lowRendition;
    await this.queues[s.queue].add('lowRendition', data, {
      jobId: jobIdFor('lowRendition', data),
      attempts: s.attempts,
      backoff: { type: 'exponential', delay: s.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  /** A trim-and-blur edit; one job per redactions row, so a second enqueue is a no-op. */
  async enqueueRedact(data: JobPayloads['redact']): Promise<void> {
    const s = jobSettings.redact;
    await this.queues[s.queue].add('redact', data, {
      jobId: `redact-${data.redactionId}`,
      attempts: this.attempts ?? s.attempts,
      backoff: { type: 'exponential', delay: s.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async enqueuePurge(data: JobPayloads['purge'], delayMs = 0): Promise<void> {
    const s = jobSettings.purge;
    await this.queues[s.queue].add('purge', data, {
      jobId: `${jobIdFor('purge', data)}-${Date.now()}`,
      delay: delayMs,
      attempts: s.attempts,
      backoff: { type: 'exponential', delay: s.backoffMs },
      removeOnComplete: { age: 24 * 3600 },
    });
  }

  /**
   * The daily retention pass as a BullMQ job scheduler: one schedule however many worker
   * processes start (the scheduler id is fixed), run by whichever worker is free.
   */
  async scheduleRetention(pattern = '15 3 * * *'): Promise<void> {
    const s = jobSettings.retention;
    await this.queues[s.queue].upsertJobScheduler(
      'retention-daily',
      { pattern, tz: 'UTC' },
      {
        name: 'retention',
        data: { trigger: 'daily' } satisfies JobPayloads['retention'],
        opts: {
          attempts: s.attempts,
          backoff: { type: 'exponential', delay: s.backoffMs },
          removeOnComplete: { age: 30 * 24 * 3600 },
          removeOnFail: { age: 30 * 24 * 3600 },
        },
      },
    );
  }

  /** A playlist export; the id comes from the export row, so a second enqueue is a no-op. */
  async enqueueExport(data: JobPayloads['export']): Promise<void> {
    const s = jobSettings.export;
    await this.queues[s.queue].add('export', data, {
      jobId: `export-${data.exportId}`,
      attempts: s.attempts,
      backoff: { type: 'exponential', delay: s.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async close(): Promise<void> {
    await Promise.all([...Object.values(this.queues).map((q) => q.close()), this.flows.close()]);
  }

  get keyPrefix(): string {
    return this.prefix;
  }
}
