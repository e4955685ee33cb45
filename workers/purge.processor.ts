import type { Job } from 'bullmq';
import { purgeFromPlaylists } from '../src/api/playlist-changes';
import { getSubmission } from '../src/db/submissions.queries';
import type { JobPayloads } from '../src/queue/jobs';
import { submissionPrefixes } from '../src/storage/keys';
import type { WorkerDeps } from './worker-deps';

/** Deletes every object of a withdrawn (or never-recorded) submission. Safe to run twice. */
export async function handlePurge(
  deps: Pick<WorkerDeps, 'db' | 'store'>,
  job: Job<JobPayloads['purge']>,
): Promise<{ deleted: number }> {
  const s = await getSubmission(deps.db, job.data.submissionId);
  if (s && s.status !== 'withdrawn') return { deleted: 0 };
  let deleted = 0;
  for (const prefix of submissionPrefixes(job.data.submissionId)) {
    deleted += await deps.store.deletePrefix(prefix);
  }
  // Playlist items and export files a withdrawal raced with (issue 8).
  deleted += await purgeFromPlaylists(deps, job.data.submissionId);
  return { deleted };
}
