import type { Db } from '../src/db/database';
import { listSubmissionsOwingWork, transitionSubmission } from '../src/db/submissions.queries';
import { jobIdFor } from '../src/queue/jobs';
import type { JobQueues } from '../src/queue/queues';
import type { Logger } from '../src/logger';

/**
 * PostgreSQL says what work is owed; the queue is derived from it. Submissions stuck in
 * `uploaded` or `processing` with no live job (Redis lost, enqueue failed, flow dead) are queued
 * again; a flow that failed for good without recording it fails the submission.
 */
export async function reconcileSubmissions(
  deps: { db: Db; queues: JobQueues; logger: Logger },
  opts: { olderThanSeconds: number },
): Promise<{ requeued: number; failed: number }> {
  const media = deps.queues.queue('media');
  let requeued = 0;
  let failed = 0;
  for (const s of await listSubmissionsOwingWork(deps.db, opts.olderThanSeconds)) {
    const data = { submissionId: s.id, mediaVersion: s.media_version };
    const finalise = await media.getJob(jobIdFor('finalise', data));
    const state = finalise ? await finalise.getState() : 'missing';
    if (['waiting', 'waiting-children', 'active', 'delayed', 'prioritized'].includes(state))
      continue;
    if (state === 'failed') {
      const moved = await transitionSubmission(deps.db, s.id, 'processing_failed', {
        failure_code: 'processing_error',
        failure_detail: finalise?.failedReason?.slice(-2000) ?? null,
      });
      if (moved) failed++;
      continue;
    }
    await deps.queues.requeueProcessing(s.id, s.media_version);
    requeued++;
    deps.logger.warn({ submissionId: s.id, state }, 'reconciler re-queued a submission');
  }
  return { requeued, failed };
}
