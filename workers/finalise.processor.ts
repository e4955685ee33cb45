import type { Job } from 'bullmq';
import {
  getSubmission,
  replaceMediaAssets,
  transitionSubmission,
} from '../src/db/submissions.queries';
import { mediaPrefix } from '../src/storage/keys';
import type { SubmissionJobData } from '../src/queue/jobs';
import type { TranscodeOutcome } from './transcode.processor';
import type { WorkerDeps } from './worker-deps';

/**
 * Publishes the renditions and moves the submission to review in one transaction. If consent
 * was withdrawn meanwhile, what the transcode wrote is removed instead.
 */
export async function handleFinalise(
  deps: Pick<WorkerDeps, 'db' | 'store' | 'queues'>,
  job: Job<SubmissionJobData>,
): Promise<{ published: boolean }> {
  const { submissionId: id, mediaVersion } = job.data;
  const transcoded = Object.values(await job.getChildrenValues<TranscodeOutcome>())[0];
  const published = await deps.db.transaction().execute(async (trx) => {
    if (!transcoded?.assets) return false;
    const current = await getSubmission(trx, id);
    if (!current || current.media_version !== mediaVersion) return false;
    const moved = await transitionSubmission(
      trx,
      id,
      'processing_succeeded',
      { progress: 100 },
      { actor: { type: 'system', id: `job:${job.id}` }, details: { mediaVersion } },
    );
    if (!moved) return false;
    await replaceMediaAssets(trx, id, mediaVersion, transcoded.assets);
    await trx
      .deleteFrom('media_assets')
      .where('submission_id', '=', id)
      .where('version', '<', mediaVersion)
      .execute();
    return true;
  });
  if (published) {
    // The new version is live: the renditions of earlier versions are no longer needed.
    for (let v = 1; v < mediaVersion; v++) await deps.store.deletePrefix(mediaPrefix(id, v));
  }
  const s = await getSubmission(deps.db, id);
  if (!s || s.status === 'withdrawn') {
    await deps.store.deletePrefix(mediaPrefix(id, mediaVersion));
  } else if (s.media_version === mediaVersion && s.status !== 'failed') {
    // Also on a retry after the publish itself succeeded: the job id makes it happen once.
    await deps.queues.enqueueCaptions({ submissionId: id, mediaVersion });
    // The 360p is for slow connections, not for review, so it is made after publishing.
    await deps.queues.enqueueLowRendition({ submissionId: id, mediaVersion });
  }
  return { published };
}
