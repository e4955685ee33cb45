import path from 'node:path';
import type { Job } from 'bullmq';
import { recordAudit } from '../src/db/audit.queries';
import { getSubmission } from '../src/db/submissions.queries';
import { extractSpeechWav } from '../src/captions/audio';
import { latestCaptionRevision, pendingTranscript } from '../src/captions/caption-revisions';
import { transcriptEngine, whisperEngine, type CaptionEngine } from '../src/captions/engine';
import { publishCaptions } from '../src/captions/publish-captions';
import { isMediaToolError } from '../src/media/ffmpeg-runner';
import { originalKey } from '../src/storage/keys';
import type { SubmissionJobData } from '../src/queue/jobs';
import { displaySize } from './probe.processor';
import { withWorkDir } from './work-dir';
import type { WorkerDeps } from './worker-deps';

export type CaptionsOutcome =
  | {
      captions: 'written';
      source: string;
      asset: { name: string; contentType: string; bytes: number };
    }
  | { captions: 'present' }
  | { captions: 'missing'; reason: string }
  | { captions: 'skipped' };

type Deps = Pick<WorkerDeps, 'db' | 'store' | 'config' | 'logger'> & {
  /** From checkWhisperModel at start-up: English-only models cannot caption Welsh. */
  whisperMultilingual?: boolean;
};

/**
 * Captions for one media version, in the submission's language: a contributor's transcript is
 * timed by forced alignment; otherwise whisper.cpp transcribes when WHISPER_MODEL is set.
 * Captions never block processing: when none are possible the outcome is `missing` (and an
 * audit event says why) rather than an error. Storage and database failures still throw, so
 * BullMQ retries them. The returned asset lets finalise keep the captions row when it
 * replaces the version's media list.
 */
export async function handleCaptions(
  deps: Deps,
  job: Job<SubmissionJobData>,
  signal?: AbortSignal,
): Promise<CaptionsOutcome> {
  const { submissionId: id, mediaVersion } = job.data;
  const s = await getSubmission(deps.db, id);
  if (!s || s.media_version !== mediaVersion || s.status === 'withdrawn')
    return { captions: 'skipped' };
  const lang = s.language;

  const latest = await latestCaptionRevision(deps.db, id, mediaVersion, lang);
  if (latest?.vtt) return { captions: 'present' }; // never overwrite captions someone brought

  const missing = async (reason: string): Promise<CaptionsOutcome> => {
    await recordAudit(deps.db, {
      actor: { type: 'system', id: `job:${job.id ?? 'captions'}` },
      action: 'captions.missing',
      subject: { type: 'submission', id },
      campaignId: s.campaign_id,
      details: { lang, mediaVersion, reason },
    });
    return { captions: 'missing', reason };
  };

  const transcript = await pendingTranscript(deps.db, id, mediaVersion, lang);
  let engine: CaptionEngine;
  if (transcript) engine = transcriptEngine(transcript);
  else if (!deps.config.whisperModel)
    return missing('no transcript and no speech recognition model');
  else if (lang !== 'en' && deps.whisperMultilingual === false) {
    return missing('the speech recognition model is English-only');
  } else {
    engine = whisperEngine({
      modelPath: deps.config.whisperModel,
      threads: deps.config.worker.ffmpegThreads,
    });
  }

  // The probe step keeps the display size (nothing else) for laying out lines by orientation.
  const display = displaySize(s.probe);
  const frame = display ? { width: display.displayWidth, height: display.displayHeight } : null;

  return withWorkDir(deps.config.worker.workDir, `captions-${id}`, async (dir) => {
    const input = path.join(dir, 'original');
    await deps.store.downloadToFile(originalKey(id, mediaVersion), input, signal);
    const wavPath = path.join(dir, 'speech.wav');
    try {
      await extractSpeechWav(input, wavPath, {
        durationSeconds: s.duration_seconds,
        threads: deps.config.worker.ffmpegThreads,
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      if (signal?.aborted || !isMediaToolError(e) || e.reason !== 'exit') throw e;
      return missing('no audio to caption');
    }
    let cues;
    try {
      cues = await engine.captions({
        wavPath,
        language: lang,
        durationSeconds: s.duration_seconds,
        frame,
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      // A crashed, hung or failing engine is "no captions", not a failed clip.
      deps.logger.warn(
        { err: e, submissionId: id, source: engine.source },
        'captions engine failed',
      );
      return missing(`${engine.source} failed`);
    }
    if (cues.length === 0) return missing(`${engine.source} found no speech`);
    const asset = await publishCaptions(deps, {
      submissionId: id,
      campaignId: s.campaign_id,
      mediaVersion,
      lang,
      source: engine.source,
      cues,
      ...(transcript ? { transcript } : {}),
      actor: { type: 'system', id: `job:${job.id ?? 'captions'}` },
    });
    return {
      captions: 'written',
      source: engine.source,
      asset: { name: asset.name, contentType: asset.contentType, bytes: asset.bytes },
    };
  });
}
