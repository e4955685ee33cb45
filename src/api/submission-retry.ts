import { getSubmission, transitionSubmission } from '../db/submissions.queries';
import type { Db } from '../db/database';
import { AppError } from '../domain/errors';
import type { JobQueues } from '../queue/queues';

/**
 * Processes a failed submission again: `failed -> uploaded` through the state machine (with an
 * audit event), then its flow is queued afresh. The one retry behind both
 * `npm run cli -- submissions:retry` and the admin "failed jobs" page.
 */
export async function retryFailedSubmission(
  deps: { db: Db; queues: JobQueues },
  id: string,
  actor: { type: 'system' | 'staff'; id: string },
): Promise<void> {
  const s = await getSubmission(deps.db, id);
  if (!s) throw new AppError('not_found', `There is no submission ${id}.`);
  const moved = await transitionSubmission(
    deps.db,
    id,
    'retry',
    { failure_code: null, failure_detail: null },
    { actor },
  );
  if (!moved) {
    throw new AppError(
      'wrong_state',
      `Submission ${id} is ${s.status}; only failed submissions can be retried.`,
      { status: s.status },
    );
  }
  await deps.queues.requeueProcessing(id, s.media_version);
}
