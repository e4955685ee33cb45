import path from 'node:path';
import type { Job } from 'bullmq';
import { getSubmissionForProcessing, setProgress } from '../src/db/submissions.queries';
import { renderRenditions } from '../src/media';
import { measurementFrom } from '../src/media/loudness';
import { mediaKey, originalKey } from '../src/storage/keys';
import type { SubmissionJobData } from '../src/queue/jobs';
import type { ProbeOutcome } from './probe.processor';
import { discardOriginal, takeOriginal } from './original-cache';
import { withWorkDir } from './work-dir';
import type { WorkerDeps } from './worker-deps';

export interface TranscodeOutcome {
  skipped?: true;
  assets?: Array<{ name: string; contentType: string; bytes: number }>;
  /** Whether the original came from the probe step's copy on this worker or from S3. */
  originalFrom?: 'worker' | 's3';
  /** Where the step's time went, for the benchmark and the logs. */
  timingsMs?: { download: number; render: number; upload: number };
}

/**
 * Downloads the original into a per-job directory, renders every rendition there and uploads
 * them under the media version. Outputs of a retried attempt overwrite the same keys, so a
 * crash mid-way never leaves two sets.
 */
export async function handleTranscode(
  deps: Pick<WorkerDeps, 'db' | 'store' | 'config'>,
  job: Job<SubmissionJobData>,
  signal?: AbortSignal,
): Promise<TranscodeOutcome> {
  const { submissionId: id, mediaVersion } = job.data;
  const root = deps.config.worker.workDir;
  const skip = async (): Promise<TranscodeOutcome> => {
    await discardOriginal(root, id, mediaVersion);
    return { skipped: true };
  };
  const s = await getSubmissionForProcessing(deps.db, id);
  if (!s || s.status !== 'processing' || s.media_version !== mediaVersion) return skip();
  const probed = Object.values(await job.getChildrenValues<ProbeOutcome>())[0];
  if (!probed?.probe || !probed.kind) return skip();

  let lastReport = 0;
  const onProgress = (percent: number) => {
    const now = Date.now();
    if (now - lastReport < 2000 && percent < 100) return;
    lastReport = now;
    void job.updateProgress(percent).catch(() => undefined);
    void setProgress(deps.db, id, percent).catch(() => undefined);
  };

  // Job data from before the probe step measured loudness has none: the render measures then.
  const loudness = measurementFrom(probed.loudness);
  return withWorkDir(root, `transcode-${id}`, async (dir) => {
    const input = path.join(dir, 'original');
    let t = Date.now();
    // The probe step's copy when it ran on this worker; otherwise from S3.
    const local = await takeOriginal(root, id, mediaVersion, input);
    if (!local) await deps.store.downloadToFile(originalKey(id, mediaVersion), input, signal);
    const download = Date.now() - t;
    t = Date.now();
    const outputs = await renderRenditions({
      inputPath: input,
      workDir: dir,
      probe: probed.probe!,
      kind: probed.kind!,
      card: {
        campaignName: s.language === 'cy' ? s.name_cy : s.name_en,
        displayName: s.display_name ?? '',
      },
      threads: deps.config.worker.ffmpegThreads,
      ...(signal ? { signal } : {}),
      ...(loudness ? { loudness } : {}),
      onProgress,
    });
    const render = Date.now() - t;
    t = Date.now();
    // Side by side: the 720p dominates, the small files ride along in its time.
    await Promise.all(
      outputs.map((o) =>
        deps.store.putFile(mediaKey(id, mediaVersion, o.name), o.path, o.contentType),
      ),
    );
    const assets = outputs.map((o) => ({
      name: o.name,
      contentType: o.contentType,
      bytes: o.bytes,
    }));
    const timingsMs = { download, render, upload: Date.now() - t };
    return { assets, originalFrom: local ? ('worker' as const) : ('s3' as const), timingsMs };
  });
}
