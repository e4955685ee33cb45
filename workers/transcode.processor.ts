import path from 'node:path';
import type { Job } from 'bullmq';
import { getSubmissionForProcessing, setProgress } from '../src/db/submissions.queries';
import { renderRenditions } from '../src/media';
import { mediaKey, originalKey } from '../src/storage/keys';
import type { SubmissionJobData } from '../src/queue/jobs';
import type { ProbeOutcome } from './probe.processor';
import { withWorkDir } from './work-dir';
import type { WorkerDeps } from './worker-deps';

export interface TranscodeOutcome {
  skipped?: true;
  assets?: Array<{ name: string; contentType: string; bytes: number }>;
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
  const s = await getSubmissionForProcessing(deps.db, id);
  if (!s || s.status !== 'processing' || s.media_version !== mediaVersion) return { skipped: true };
  const probed = Object.values(await job.getChildrenValues<ProbeOutcome>())[0];
  if (!probed?.probe || !probed.kind) return { skipped: true };

  let lastReport = 0;
  const onProgress = (percent: number) => {
    const now = Date.now();
    if (now - lastReport < 2000 && percent < 100) return;
    lastReport = now;
    void job.updateProgress(percent).catch(() => undefined);
    void setProgress(deps.db, id, percent).catch(() => undefined);
  };

  return withWorkDir(deps.config.worker.workDir, `transcode-${id}`, async (dir) => {
    const input = path.join(dir, 'original');
    await deps.store.downloadToFile(originalKey(id, mediaVersion), input, signal);
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
      onProgress,
    });
    const assets = [];
    for (const o of outputs) {
      await deps.store.putFile(mediaKey(id, mediaVersion, o.name), o.path, o.contentType);
      assets.push({ name: o.name, contentType: o.contentType, bytes: o.bytes });
    }
    return { assets };
  });
}
