import path from 'node:path';
import type { Job } from 'bullmq';
import { getSubmission } from '../src/db/submissions.queries';
import type { Db } from '../src/db/database';
import type { SubmissionStatus } from '../src/domain/submission-states';
import { renderLowRendition } from '../src/media/process-media';
import { mediaKey } from '../src/storage/keys';
import type { SubmissionJobData } from '../src/queue/jobs';
import { withWorkDir } from './work-dir';
import type { WorkerDeps } from './worker-deps';

export type LowRenditionOutcome =
  | { lowRendition: 'written'; asset: { name: string; contentType: string; bytes: number } }
  | { lowRendition: 'present' }
  | { lowRendition: 'skipped' };

const NAME = '360p.mp4';

/** States in which a version's 720p has been published and the version is still wanted. */
const PUBLISHED: ReadonlySet<SubmissionStatus> = new Set([
  'awaiting_review',
  'approved',
  'changes_requested',
  'rejected',
]);

/** Pure: whether the 360p of `mediaVersion` is still wanted for this submission row. */
export function wantsLowRendition(
  s: { status: SubmissionStatus; media_version: number } | undefined,
  mediaVersion: number,
): boolean {
  return !!s && s.media_version === mediaVersion && PUBLISHED.has(s.status);
}

async function isListed(db: Db, id: string, mediaVersion: number): Promise<boolean> {
  const row = await db
    .selectFrom('media_assets')
    .select('name')
    .where('submission_id', '=', id)
    .where('version', '=', mediaVersion)
    .where('name', '=', NAME)
    .executeTakeFirst();
  return !!row;
}

/**
 * The 360p for slow connections, made after the version is published (finalise queues it) so
 * it never holds a story back from review: from the published 720p, downloaded from S3,
 * checked with ffprobe, uploaded under the version's key and added to the version's media
 * list. It never changes the submission's state, and a version that is no longer current
 * (replaced, withdrawn, purged) is skipped quietly; a 360p uploaded while the version went
 * stale is removed again. Storage and database failures throw, so BullMQ retries them.
 */
export async function handleLowRendition(
  deps: Pick<WorkerDeps, 'db' | 'store' | 'config'>,
  job: Job<SubmissionJobData>,
  signal?: AbortSignal,
): Promise<LowRenditionOutcome> {
  const { submissionId: id, mediaVersion } = job.data;
  const skipped = { lowRendition: 'skipped' } as const;
  if (!wantsLowRendition(await getSubmission(deps.db, id), mediaVersion)) return skipped;
  if (await isListed(deps.db, id, mediaVersion)) return { lowRendition: 'present' };

  return withWorkDir(deps.config.worker.workDir, `low-rendition-${id}`, async (dir) => {
    const input = path.join(dir, '720p.mp4');
    await deps.store.downloadToFile(mediaKey(id, mediaVersion, '720p.mp4'), input, signal);
    const out = await renderLowRendition({
      inputPath: input,
      workDir: dir,
      threads: deps.config.worker.ffmpegThreads,
      ...(signal ? { signal } : {}),
    });
    const key = mediaKey(id, mediaVersion, NAME);
    await deps.store.putFile(key, out.path, out.contentType);
    const asset = { name: NAME, contentType: out.contentType, bytes: out.bytes };
    const recorded = await deps.db.transaction().execute(async (trx) => {
      // Locked, so a withdrawal or a new version cannot slip in between the check and the row.
      const s = await trx
        .selectFrom('submissions')
        .select(['status', 'media_version'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!wantsLowRendition(s, mediaVersion)) return false;
      await trx
        .insertInto('media_assets')
        .values({ submission_id: id, version: mediaVersion, ...rowOf(asset) })
        .onConflict((oc) =>
          oc.columns(['submission_id', 'version', 'name']).doUpdateSet(rowOf(asset)),
        )
        .execute();
      return true;
    });
    if (!recorded) {
      await deps.store.deleteKey(key);
      return skipped;
    }
    return { lowRendition: 'written' as const, asset };
  });
}

const rowOf = (a: { name: string; contentType: string; bytes: number }) => ({
  name: a.name,
  content_type: a.contentType,
  bytes: a.bytes,
});
