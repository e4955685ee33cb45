import path from 'node:path';
import { UnrecoverableError, type Job } from 'bullmq';
import { getSubmissionForProcessing, transitionSubmission } from '../src/db/submissions.queries';
import { probeFile, type ProbeResult } from '../src/media';
import { jsonSafeMeasurement, type LoudnessMeasurement } from '../src/media/loudness';
import { originalKey } from '../src/storage/keys';
import type { SubmissionJobData } from '../src/queue/jobs';
import { keepOriginal, KEPT_ORIGINAL_MAX_AGE_MS, removeStaleOriginals } from './original-cache';
import { withWorkDir } from './work-dir';
import type { WorkerDeps } from './worker-deps';

export interface ProbeOutcome {
  skipped?: true;
  kind?: 'video' | 'audio';
  probe?: ProbeResult;
  /** The chosen audio track's loudness, measured in the probe's read so transcode can apply it. */
  loudness?: LoudnessMeasurement;
  /** Where the step's time went, for the benchmark and the logs. */
  timingsMs?: { download: number; probe: number };
}

/**
 * Probes a local copy of the original (the file signature is read too, not only ffprobe's
 * view), applies the acceptance rules, and either moves on or fails the submission with a
 * reason a carer understands. Refusals are not retried; a probe whose ffmpeg was killed from
 * outside throws, so it is retried (probeFile). An accepted original is kept on this worker for
 * the transcode step (original-cache.ts).
 */
export async function handleProbe(
  deps: Pick<WorkerDeps, 'db' | 'store' | 'config'>,
  job: Job<SubmissionJobData>,
  signal?: AbortSignal,
): Promise<ProbeOutcome> {
  const { submissionId: id, mediaVersion } = job.data;
  const s = await getSubmissionForProcessing(deps.db, id);
  if (!s || s.media_version !== mediaVersion) return { skipped: true };
  const started = await transitionSubmission(
    deps.db,
    id,
    'processing_started',
    { progress: 0, failure_code: null, failure_detail: null },
    { actor: { type: 'system', id: `job:${job.id}` } },
  );
  if (!started) return { skipped: true };

  const timingsMs = { download: 0, probe: 0 };
  const root = deps.config.worker.workDir;
  await removeStaleOriginals(root, KEPT_ORIGINAL_MAX_AGE_MS);
  const probed = await withWorkDir(root, `probe-${id}`, async (dir) => {
    const input = path.join(dir, 'original');
    let t = Date.now();
    await deps.store.downloadToFile(originalKey(id, mediaVersion), input, signal);
    timingsMs.download = Date.now() - t;
    t = Date.now();
    const result = await probeFile(input, {
      ...(signal ? { signal } : {}),
      maxDurationSeconds: s.max_duration_seconds ?? deps.config.uploads.maxDurationSeconds,
      threads: deps.config.worker.ffmpegThreads,
      measureLoudness: true,
    });
    timingsMs.probe = Date.now() - t;
    // Accepted: the transcode step, most often on this worker next, takes it from here.
    if (!result.refusal && result.probe && result.kind) {
      await keepOriginal(root, id, mediaVersion, input);
    }
    return result;
  });
  if (probed.refusal || !probed.probe || !probed.kind) {
    const reason = probed.refusal ?? 'unreadable';
    await transitionSubmission(
      deps.db,
      id,
      'processing_failed',
      { failure_code: reason, failure_detail: null, progress: 0 },
      { actor: { type: 'system', id: `job:${job.id}` }, details: { reason } },
    );
    throw new UnrecoverableError(`media refused: ${reason}`);
  }
  // Location and device tags are never kept anywhere, not even in the queue's job data.
  const probe: ProbeResult = { ...probed.probe, privacyTags: {} };
  // Only facts the pages need go to PostgreSQL; the probe itself travels in the flow's job
  // data to the transcode step and expires with it.
  await deps.db
    .updateTable('submissions')
    .set({
      kind: probed.kind,
      duration_seconds: probe.durationSeconds ?? null,
      probe: JSON.stringify(
        probe.video
          ? { displayWidth: probe.video.displayWidth, displayHeight: probe.video.displayHeight }
          : {},
      ),
    })
    .where('id', '=', id)
    .execute();
  const loudness = probed.loudness ? { loudness: jsonSafeMeasurement(probed.loudness) } : {};
  return { kind: probed.kind, probe, ...loudness, timingsMs };
}

/** The display size the probe step stored on the submission, if it was a video. */
export function displaySize(
  stored: unknown,
): { displayWidth: number; displayHeight: number } | null {
  const v = stored as { displayWidth?: unknown; displayHeight?: unknown } | null;
  return typeof v?.displayWidth === 'number' && typeof v.displayHeight === 'number'
    ? { displayWidth: v.displayWidth, displayHeight: v.displayHeight }
    : null;
}
