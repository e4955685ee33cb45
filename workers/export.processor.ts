import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UnrecoverableError, type Job } from 'bullmq';
import { recordAudit } from '../src/db/audit.queries';
import { updateExport } from '../src/db/playlist-exports.queries';
import { getPlaylist, listItems } from '../src/db/playlists.queries';
import { listMediaAssets } from '../src/db/submissions.queries';
import { itemPlayable, titleLinesFor } from '../src/domain/playlist-rules';
import { buildProbeArgs } from '../src/media/ffmpeg-args';
import { runFfprobe } from '../src/media/ffmpeg-runner';
import { parseProbe } from '../src/media/parse-probe';
import { renderPlaylistExport, type ExportClip } from '../src/media/playlist-export';
import type { JobPayloads } from '../src/queue/jobs';
import { captionsAssetName } from '../src/captions/cue';
import { exportKey, mediaKey } from '../src/storage/keys';
import { withWorkDir } from './work-dir';
import type { WorkerDeps } from './worker-deps';

export interface ExportOutcome {
  skipped?: 'not_queued' | 'deleted';
  bytes?: number;
  durationSeconds?: number;
}

type Deps = Pick<WorkerDeps, 'db' | 'store' | 'config' | 'logger'>;
const RENDITION = '720p.mp4';
const PROBE_TIMEOUT_MS = 60_000;

/**
 * Renders a playlist into one MP4: the playable items in order (a clip waiting for re-check or
 * no longer eligible is left out), each after a title card, captions burned in the export's
 * language. Progress goes into the export row; a clip withdrawn while rendering wins: the file
 * is deleted and the export stays `deleted`.
 */
export async function handleExport(
  deps: Deps,
  job: Job<JobPayloads['export']>,
  signal?: AbortSignal,
): Promise<ExportOutcome> {
  try {
    return await renderExport(deps, job, signal);
  } catch (err) {
    const attempts = job.opts.attempts ?? 1;
    if (err instanceof UnrecoverableError || job.attemptsMade + 1 >= attempts) {
      await markFailed(deps, job.data, err instanceof Error ? err.message : String(err));
    }
    throw err;
  }
}

async function markFailed(deps: Deps, data: JobPayloads['export'], message: string) {
  const row = await updateExport(deps.db, data.exportId, ['queued', 'rendering'], {
    status: 'failed',
    failureReason: message.slice(-500),
  });
  if (!row) return;
  const playlist = await getPlaylist(deps.db, data.playlistId);
  await recordAudit(deps.db, {
    actor: { type: 'system', id: `job:export-${data.exportId}` },
    action: 'playlist.export_failed',
    subject: { type: 'playlist', id: data.playlistId },
    campaignId: playlist?.campaign_id ?? null,
    details: { exportId: data.exportId },
  });
}

async function renderExport(
  deps: Deps,
  job: Job<JobPayloads['export']>,
  signal?: AbortSignal,
): Promise<ExportOutcome> {
  const { playlistId, exportId } = job.data;
  const playlist = await getPlaylist(deps.db, playlistId);
  const exp = await deps.db
    .selectFrom('playlist_exports')
    .select(['id', 'lang', 'height', 'status'])
    .where('id', '=', exportId)
    .where('playlist_id', '=', playlistId)
    .executeTakeFirst();
  if (!playlist || !exp || (exp.status !== 'queued' && exp.status !== 'rendering')) {
    return { skipped: 'not_queued' };
  }
  const items = (await listItems(deps.db, playlistId)).filter((i) => itemPlayable(i, playlist));
  if (items.length === 0) throw new UnrecoverableError('the playlist has no playable clips');
  // Fixed before any byte is read: a withdrawal from now on finds this export.
  const started = await updateExport(deps.db, exportId, ['queued', 'rendering'], {
    status: 'rendering',
    progress: 0,
    submissionIds: items.map((i) => i.submission_id),
  });
  if (!started) return { skipped: 'not_queued' };

  let lastReport = 0;
  const onProgress = (percent: number) => {
    const now = Date.now();
    if (now - lastReport < 1000) return;
    lastReport = now;
    const progress = Math.min(99, Math.max(0, Math.floor(percent)));
    void job.updateProgress(progress).catch(() => undefined);
    void updateExport(deps.db, exportId, ['rendering'], { progress }).catch(() => undefined);
  };

  return withWorkDir(deps.config.worker.workDir, `export-${exportId}`, async (dir) => {
    const clips: ExportClip[] = [];
    for (const [n, item] of items.entries()) {
      const version = item.current_version;
      const inputPath = path.join(dir, `clip-${n}.mp4`);
      await deps.store.downloadToFile(
        mediaKey(item.submission_id, version, RENDITION),
        inputPath,
        signal,
      );
      const assets = await listMediaAssets(deps.db, item.submission_id, version);
      const captions = captionsAssetName(exp.lang);
      let captionsPath: string | undefined;
      if (assets.some((a) => a.name === captions)) {
        captionsPath = path.join(dir, `clip-${n}.${exp.lang}.vtt`);
        await deps.store.downloadToFile(
          mediaKey(item.submission_id, version, captions),
          captionsPath,
          signal,
        );
      }
      const probe = parseProbe(
        await runFfprobe(inputPath, buildProbeArgs(), {
          timeoutMs: PROBE_TIMEOUT_MS,
          ...(signal ? { signal } : {}),
        }),
      );
      clips.push({
        inputPath,
        durationSeconds: probe.durationSeconds ?? item.duration_seconds ?? 0,
        hasAudio: probe.audio.length > 0,
        titleLines: titleLinesFor(
          { en: item.intro_en, cy: item.intro_cy },
          exp.lang,
          item.display_name,
        ),
        ...(captionsPath ? { captionsPath } : {}),
      });
    }
    const outputPath = path.join(dir, 'export.mp4');
    const rendered = await renderPlaylistExport(clips, {
      height: exp.height,
      workDir: dir,
      outputPath,
      onProgress,
      threads: deps.config.worker.ffmpegThreads,
      ...(signal ? { signal } : {}),
    });
    const { size } = await stat(outputPath);
    const key = exportKey(playlistId, exportId);
    await deps.store.putFile(key, outputPath, 'video/mp4');
    return publish(deps, {
      playlistId,
      exportId,
      campaignId: playlist.campaign_id,
      key,
      bytes: size,
      durationSeconds: rendered.durationSeconds,
      submissionIds: items.map((i) => i.submission_id),
    });
  });
}

/**
 * Marks the export ready, unless a clip in it was withdrawn while it rendered (the withdrawal
 * already marked it `deleted`, or is about to: a clip no longer approved counts too), in which
 * case the file just uploaded is removed again.
 */
async function publish(
  deps: Deps,
  p: {
    playlistId: string;
    exportId: string;
    campaignId: string;
    key: string;
    bytes: number;
    durationSeconds: number;
    submissionIds: string[];
  },
): Promise<ExportOutcome> {
  const ready = await deps.db.transaction().execute(async (trx) => {
    const gone = await trx
      .selectFrom('submissions')
      .select('id')
      .where('id', 'in', p.submissionIds)
      .where('status', '=', 'withdrawn')
      .forShare()
      .execute();
    if (gone.length > 0) return false;
    const row = await updateExport(trx, p.exportId, ['rendering'], {
      status: 'ready',
      progress: 100,
      bytes: p.bytes,
      durationSeconds: p.durationSeconds,
      failureReason: null,
    });
    if (!row) return false;
    await recordAudit(trx, {
      actor: { type: 'system', id: `job:export-${p.exportId}` },
      action: 'playlist.export_ready',
      subject: { type: 'playlist', id: p.playlistId },
      campaignId: p.campaignId,
      details: { exportId: p.exportId, bytes: p.bytes, clips: p.submissionIds.length },
    });
    return true;
  });
  if (!ready) {
    await deps.store.deleteKey(p.key);
    return { skipped: 'deleted' };
  }
  return { bytes: p.bytes, durationSeconds: p.durationSeconds };
}
