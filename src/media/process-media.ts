import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CARD_TEXT_FILES, buildAudioStoryArgs, cardText } from './audio-story-args';
import type { X264Preset } from './encoder-args';
import { buildPosterArgs, buildProbeArgs, buildRenditionArgs } from './ffmpeg-args';
import { MediaToolError, runFfmpeg, runFfprobe, timeoutForDuration } from './ffmpeg-runner';
import { buildLoudnessMeasureArgs, parseLoudnormJson, type LoudnessMeasurement } from './loudness';
import type { MediaKind } from './media-rules';
import { parseProbe } from './parse-probe';
import { PROBE_TIMEOUT_MS } from './probe-file';
import { selectedAudio, type ProbeResult, type VideoStream } from './probe-result';
import { createStepProgress, type StepProgress } from './step-progress';
import { buildThumbnailSpriteArgs, buildThumbnailsVtt, planThumbnails } from './thumbnails';

/**
 * The media stage as the worker calls it: probe an upload (probeFile), then render its
 * renditions into a work directory the caller creates and removes (renderRenditions).
 * Everything else lives in pure modules.
 */

export { probeFile } from './probe-file';
export type { ProbeFileOptions, ProbeFileResult } from './probe-file';

export type RenditionName =
  '720p.mp4' | '360p.mp4' | 'poster.jpg' | 'thumbnails.vtt' | 'sprite.jpg';

export interface RenderedFile {
  name: RenditionName;
  path: string;
  contentType: string;
  bytes: number;
}

export interface RenderOptions {
  inputPath: string;
  workDir: string;
  probe: ProbeResult;
  kind: MediaKind;
  card: { campaignName: string; displayName: string };
  threads: number;
  signal?: AbortSignal;
  onProgress?: (percent: number) => void;
  /** x264 preset; defaults to `medium`. Tests pass a faster one. */
  preset?: X264Preset;
  /** Limit for each ffmpeg run; defaults to timeoutForDuration of the clip. */
  timeoutMs?: number;
}

const CONTENT_TYPES: Record<RenditionName, string> = {
  '720p.mp4': 'video/mp4',
  '360p.mp4': 'video/mp4',
  'poster.jpg': 'image/jpeg',
  'sprite.jpg': 'image/jpeg',
  'thumbnails.vtt': 'text/vtt',
};

const STEP_WEIGHTS = { loudness: 5, '720p': 45, '360p': 30, poster: 5, sprite: 15 };

interface Context {
  options: RenderOptions;
  input: string;
  workDir: string;
  duration: number;
  timeoutMs: number;
  progress: StepProgress;
}

/** Written under a temporary name and renamed once whole, so nothing half-written is listed. */
const partPath = (ctx: Context, name: RenditionName): string =>
  path.join(ctx.workDir, `${name}.part`);

async function publish(ctx: Context, name: RenditionName): Promise<RenderedFile> {
  const finalPath = path.join(ctx.workDir, name);
  await rename(partPath(ctx, name), finalPath);
  const { size } = await stat(finalPath);
  if (size === 0) throw new MediaToolError('ffmpeg', 'output', `${name} is empty`);
  return { name, path: finalPath, contentType: CONTENT_TYPES[name], bytes: size };
}

async function runStep(
  ctx: Context,
  step: keyof typeof STEP_WEIGHTS,
  args: string[],
  durationSeconds = ctx.duration,
  stderrTailBytes?: number,
) {
  const result = await runFfmpeg(args, {
    signal: ctx.options.signal,
    timeoutMs: ctx.timeoutMs,
    durationSeconds,
    onProgress: ctx.progress.step(step),
    cwd: ctx.workDir,
    stderrTailBytes,
  });
  ctx.progress.complete(step);
  return result;
}

async function measureLoudness(ctx: Context): Promise<LoudnessMeasurement | undefined> {
  const { probe, threads } = ctx.options;
  if (!selectedAudio(probe)) return undefined;
  const args = buildLoudnessMeasureArgs(probe, { input: ctx.input, threads });
  const { stderrTail } = await runStep(ctx, 'loudness', args, ctx.duration, 16 * 1024);
  const measured = parseLoudnormJson(stderrTail);
  if (!measured) {
    throw new MediaToolError('ffmpeg', 'output', 'loudness measurement missing', { stderrTail });
  }
  return measured;
}

async function probeOutput(ctx: Context, file: string): Promise<ProbeResult> {
  const json = await runFfprobe(file, buildProbeArgs(), {
    signal: ctx.options.signal,
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  return parseProbe(json);
}

/** Checks the 720p rendition is what the rest of the system expects before anything uses it. */
function verifyRendition(source: ProbeResult, output: ProbeResult): VideoStream {
  const hasAudio = selectedAudio(source) !== null;
  const video = output.video;
  if (!video || video.rotation !== 0 || hasAudio !== output.audio.length > 0) {
    throw new MediaToolError('ffmpeg', 'output', '720p rendition failed its checks');
  }
  return video;
}

async function renderPoster(ctx: Context, from: ProbeResult, input: string): Promise<RenderedFile> {
  const base = { input, output: partPath(ctx, 'poster.jpg'), threads: ctx.options.threads };
  await runStep(ctx, 'poster', buildPosterArgs(from, base), 10);
  const written = await stat(base.output).catch(() => null);
  // An all-dark opening leaves nothing after the dark-frame filter: take any frame instead.
  if (!written)
    await runStep(ctx, 'poster', buildPosterArgs(from, { ...base, skipDark: false }), 10);
  return publish(ctx, 'poster.jpg');
}

/** The 720p rendition: from the original, or for an audio story the card video. */
async function render720(ctx: Context, loudness: LoudnessMeasurement | undefined): Promise<void> {
  const { probe, threads, preset, card, kind } = ctx.options;
  const common = { input: ctx.input, output: partPath(ctx, '720p.mp4'), threads, loudness, preset };
  if (kind === 'video') {
    await runStep(ctx, '720p', buildRenditionArgs(probe, '720p', common));
    return;
  }
  // User text reaches ffmpeg only through these files (see audio-story-args.ts).
  await writeFile(path.join(ctx.workDir, CARD_TEXT_FILES.campaign), cardText(card.campaignName));
  await writeFile(path.join(ctx.workDir, CARD_TEXT_FILES.name), cardText(card.displayName));
  await runStep(ctx, '720p', buildAudioStoryArgs(probe, { ...common, card }));
}

/**
 * Renders every output for a story into workDir: `720p.mp4`, `360p.mp4`, `poster.jpg`,
 * `sprite.jpg`, `thumbnails.vtt`, each appearing under its name only once complete. Video
 * uploads are encoded from the original; an audio story is first rendered as a 720p card
 * video, which then stands in for the original. On failure, timeout or abort it removes its
 * temporary files and rejects; the caller removes workDir.
 */
export async function renderRenditions(options: RenderOptions): Promise<RenderedFile[]> {
  const duration = options.probe.durationSeconds;
  if (duration === null) throw new Error('probe has no duration; run probeFile first');
  const ctx: Context = {
    options,
    input: path.resolve(options.inputPath),
    workDir: path.resolve(options.workDir),
    duration,
    timeoutMs: options.timeoutMs ?? timeoutForDuration(duration),
    progress: createStepProgress(STEP_WEIGHTS, options.onProgress),
  };
  try {
    return await renderAll(ctx);
  } catch (error) {
    await removePartials(ctx.workDir);
    throw error;
  }
}

async function renderAll(ctx: Context): Promise<RenderedFile[]> {
  const { probe, threads, preset } = ctx.options;
  const loudness = await measureLoudness(ctx);
  ctx.progress.complete('loudness');
  await render720(ctx, loudness);
  const rendition720 = await probeOutput(ctx, partPath(ctx, '720p.mp4'));
  const video720 = verifyRendition(probe, rendition720);
  const file720 = await publish(ctx, '720p.mp4');
  // Everything else is made from the finished 720p: upright, SDR, already normalised, and far
  // quicker to decode than a phone's HEVC original, which so is decoded only once. The small
  // rendition is for slow connections: a fast preset costs little there.
  const args360 = buildRenditionArgs(rendition720, '360p', {
    input: file720.path,
    output: partPath(ctx, '360p.mp4'),
    threads,
    preset: preset ?? 'veryfast',
  });
  await runStep(ctx, '360p', args360);
  const file360 = await publish(ctx, '360p.mp4');
  const poster = await renderPoster(ctx, rendition720, file720.path);
  const thumbnails = await renderThumbnails(ctx, rendition720, video720, file720.path);
  return [file720, file360, poster, ...thumbnails];
}

/** The sprite comes from the finished 720p file: upright, SDR and quick to decode. */
async function renderThumbnails(
  ctx: Context,
  rendition: ProbeResult,
  video: VideoStream,
  file: string,
): Promise<RenderedFile[]> {
  const plan = planThumbnails(ctx.duration, {
    width: video.displayWidth,
    height: video.displayHeight,
  });
  const spriteArgs = buildThumbnailSpriteArgs(rendition, plan, {
    input: file,
    output: partPath(ctx, 'sprite.jpg'),
    threads: ctx.options.threads,
  });
  await runStep(ctx, 'sprite', spriteArgs);
  const sprite = await publish(ctx, 'sprite.jpg');
  await writeFile(partPath(ctx, 'thumbnails.vtt'), buildThumbnailsVtt(plan, 'sprite.jpg'));
  return [sprite, await publish(ctx, 'thumbnails.vtt')];
}

const RENDITION_NAMES = Object.keys(CONTENT_TYPES) as RenditionName[];

async function removePartials(workDir: string): Promise<void> {
  await Promise.all(
    RENDITION_NAMES.map((n) => rm(path.join(workDir, `${n}.part`), { force: true })),
  );
}
