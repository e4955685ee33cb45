import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCaptions, sniffCaptionFormat } from '../captions/parse-captions';
import { AppError } from '../domain/errors';
import { runFfmpeg, timeoutForDuration } from './ffmpeg-runner';
import {
  buildClipLoudnessArgs,
  buildExportArgs,
  captionsAss,
  captionsFileName,
  clipGainDb,
  exportDurationSeconds,
  layoutCard,
  loudnessReportName,
  parseClipLoudness,
  type PlannedClip,
} from './playlist-export-args';

/**
 * Renders a playlist's single-file export (issue 8): a title card before each clip, clips
 * letterboxed or pillarboxed into a 16:9 frame, captions burned in, one linear gain per clip
 * to -16 LUFS, one MP4 with one video and one audio stream and none of the sources' metadata.
 * The argument building is pure (playlist-export-args.ts); this module writes the text files,
 * measures loudness and runs ffmpeg through the one runner.
 */

export interface ExportClip {
  /** A `720p.mp4` rendition (H.264 + AAC, already normalised), on local disk. */
  inputPath: string;
  durationSeconds: number;
  /** False for a clip with no audio stream: silence is generated for it. */
  hasAudio: boolean;
  /** Shown on the clip's title card: the intro line first, then the contributor's name. */
  titleLines: string[];
  /** A WebVTT (or SRT) file to burn in. */
  captionsPath?: string;
}

export interface ExportOptions {
  height: 720 | 1080;
  /** An empty directory this run may fill (text files, caption scripts, loudness reports). */
  workDir: string;
  outputPath: string;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
  /** Upper bound on ffmpeg threads; 0 or absent lets ffmpeg choose. */
  threads?: number;
}

/** Share of the progress bar given to the loudness measurements before the render. */
const MEASURE_SHARE = 4;
/** Loudness measurements run two at a time: each is one audio decode, mostly single-threaded. */
const MEASURE_LANES = 2;

export async function renderPlaylistExport(
  clips: ExportClip[],
  options: ExportOptions,
): Promise<{ durationSeconds: number }> {
  checkClips(clips, options);
  const threads = options.threads ?? 0;
  const workDir = path.resolve(options.workDir);
  await mkdir(workDir, { recursive: true });
  let lastPercent = -1;
  const report = (percent: number) => {
    const p = Math.min(100, Math.max(0, Math.floor(percent)));
    if (p <= lastPercent) return;
    lastPercent = p;
    options.onProgress?.(p);
  };
  report(0);

  const planned: PlannedClip[] = await Promise.all(
    clips.map(async (clip, i) => {
      const card = layoutCard(clip.titleLines, i, options.height);
      await Promise.all(card.map((line) => writeFile(path.join(workDir, line.file), line.text)));
      let captionsFile: string | undefined;
      if (clip.captionsPath) {
        const text = await readFile(clip.captionsPath, 'utf8');
        const cues = parseCaptions(text, sniffCaptionFormat(text), clip.durationSeconds);
        captionsFile = captionsFileName(i);
        await writeFile(path.join(workDir, captionsFile), captionsAss(cues, options.height));
      }
      return {
        inputPath: path.resolve(clip.inputPath),
        durationSeconds: clip.durationSeconds,
        hasAudio: clip.hasAudio,
        card,
        captionsFile,
        gainDb: 0,
      };
    }),
  );

  // Loudness: measure every clip with audio, then set its gain.
  const measured = planned.map((clip, i) => ({ clip, i })).filter(({ clip }) => clip.hasAudio);
  let done = 0;
  const lane = async () => {
    for (let next = measured.shift(); next; next = measured.shift()) {
      const { clip, i } = next;
      const reportFile = loudnessReportName(i);
      await runFfmpeg(buildClipLoudnessArgs(clip.inputPath, reportFile, threads), {
        cwd: workDir,
        signal: options.signal,
        timeoutMs: timeoutForDuration(clip.durationSeconds, { perSecondMs: 1000 }),
      });
      const text = await readFile(path.join(workDir, reportFile), 'utf8');
      clip.gainDb = clipGainDb(parseClipLoudness(text));
      done += 1;
      report((done / Math.max(1, clips.length)) * MEASURE_SHARE);
    }
  };
  // allSettled: if one lane fails, the other's ffmpeg still finishes before we return, so the
  // caller can remove the working directory.
  const lanes = await Promise.allSettled(Array.from({ length: MEASURE_LANES }, lane));
  const failed = lanes.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;

  const durationSeconds = exportDurationSeconds(clips);
  // Written under a temporary name and renamed once whole, so a failed run leaves no export.
  const output = path.resolve(options.outputPath);
  const part = `${output}.part`;
  try {
    await runFfmpeg(buildExportArgs(planned, { height: options.height, output: part, threads }), {
      cwd: workDir,
      signal: options.signal,
      timeoutMs: timeoutForDuration(durationSeconds),
      durationSeconds,
      onProgress: (p) => report(MEASURE_SHARE + (p * (100 - MEASURE_SHARE)) / 100),
    });
    await rename(part, output);
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
  report(100);
  return { durationSeconds };
}

function checkClips(clips: ExportClip[], options: ExportOptions): void {
  if (clips.length === 0) throw new AppError('bad_request', 'An export needs at least one clip.');
  if (options.height !== 720 && options.height !== 1080) {
    throw new AppError('bad_request', 'An export is 720 or 1080 lines high.');
  }
  clips.forEach((clip, i) => {
    if (!Number.isFinite(clip.durationSeconds) || clip.durationSeconds <= 0) {
      throw new AppError('bad_request', `Clip ${i + 1} has no usable duration.`, { clip: i });
    }
  });
}
