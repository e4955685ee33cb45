import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CARD_SIZE, CARD_TEXT_FILES, cardText } from './audio-story-args';
import type { X264Preset } from './encoder-args';
import {
  buildAudioStoryFanOutArgs,
  buildVideoFanOutArgs,
  type FanOutOptions,
} from './fan-out-args';
import { buildPosterArgs, buildProbeArgs, renditionSize } from './ffmpeg-args';
import { MediaToolError, runFfmpeg, runFfprobe, timeoutForDuration } from './ffmpeg-runner';
import {
  buildLoudnessMeasureArgs,
  needsLoudnormPass,
  parseLoudnormJson,
  type LoudnessMeasurement,
} from './loudness';
import type { MediaKind } from './media-rules';
import { parseProbe } from './parse-probe';
import { PROBE_TIMEOUT_MS } from './probe-file';
import { selectedAudio, type ProbeResult } from './probe-result';
import { buildLowRenditionArgs } from './low-rendition-args';
import { createStepProgress, type StepProgress } from './step-progress';
import { buildThumbnailsVtt, planThumbnails, type ThumbnailPlan } from './thumbnails';
import type { Size } from './video-geometry';

/**
 * The media stage as the worker calls it: probe an upload (probeFile), then render its
 * renditions review needs into a work directory the caller creates and removes
 * (renderRenditions): one ffmpeg run makes all of them (fan-out-args.ts). The 360p follows
 * from the published 720p (renderLowRendition). Everything else lives in pure modules.
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
  /**
   * The probe step's measurement of the chosen audio track (probeFile's measureLoudness).
   * Without it, or when one gain cannot reach the target, loudnorm's first pass runs here.
   */
  loudness?: LoudnessMeasurement;
  /** x264 preset of the 720p rendition; defaults to `medium`. Tests pass a faster one. */
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

const STEP_WEIGHTS = { loudness: 5, renditions: 93, poster: 2 };

interface Context {
  options: RenderOptions;
  input: string;
  workDir: string;
  duration: number;
  timeoutMs: number;
  progress: StepProgress;
}

/** Written under a temporary name and renamed once whole, so nothing half-written is listed. */
const partPath = (ctx: { workDir: string }, name: RenditionName): string =>
  path.join(ctx.workDir, `${name}.part`);

async function publish(ctx: { workDir: string }, name: RenditionName): Promise<RenderedFile> {
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

/** The probe step's measurement when one gain will do; otherwise loudnorm's own first pass. */
async function resolveLoudness(ctx: Context): Promise<LoudnessMeasurement | undefined> {
  const { probe, threads, loudness } = ctx.options;
  if (!selectedAudio(probe)) return undefined;
  if (!needsLoudnormPass(loudness)) return loudness;
  const args = buildLoudnessMeasureArgs(probe, { input: ctx.input, threads });
  const { stderrTail } = await runStep(ctx, 'loudness', args, ctx.duration, 16 * 1024);
  const measured = parseLoudnormJson(stderrTail);
  if (!measured) {
    throw new MediaToolError('ffmpeg', 'output', 'loudness measurement missing', { stderrTail });
  }
  return measured;
}

async function probeOutput(signal: AbortSignal | undefined, file: string): Promise<ProbeResult> {
  const json = await runFfprobe(file, buildProbeArgs(), {
    signal,
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  return parseProbe(json);
}

/**
 * Checks a rendition is what the rest of the system expects before anything uses it: upright
 * video with no rotation left, and sound exactly when the source has some.
 */
function verifyRendition(source: ProbeResult, output: ProbeResult, name: RenditionName): void {
  const hasAudio = selectedAudio(source) !== null;
  const video = output.video;
  if (!video || video.rotation !== 0 || hasAudio !== output.audio.length > 0) {
    throw new MediaToolError('ffmpeg', 'output', `${name} rendition failed its checks`);
  }
}

/** The size of the 720p picture, which the poster and the sprite cells follow. */
function pictureSize(options: RenderOptions): Size {
  if (options.kind === 'audio') return { ...CARD_SIZE };
  if (!options.probe.video) throw new Error('probe has no usable video stream');
  return renditionSize(options.probe.video, '720p');
}

/** The one run that writes 720p, poster and sprite from a single decode. */
async function renderFanOut(
  ctx: Context,
  loudness: LoudnessMeasurement | undefined,
  plan: ThumbnailPlan,
): Promise<void> {
  const { probe, threads, preset, card, kind } = ctx.options;
  const common: FanOutOptions = {
    input: ctx.input,
    outputs: {
      '720p': partPath(ctx, '720p.mp4'),
      poster: partPath(ctx, 'poster.jpg'),
      sprite: partPath(ctx, 'sprite.jpg'),
    },
    threads,
    thumbnails: plan,
    ...(loudness ? { loudness } : {}),
    ...(preset ? { preset } : {}),
  };
  if (kind === 'video') {
    await runStep(ctx, 'renditions', buildVideoFanOutArgs(probe, common));
    return;
  }
  // User text reaches ffmpeg only through these files (see audio-story-args.ts).
  await writeFile(path.join(ctx.workDir, CARD_TEXT_FILES.campaign), cardText(card.campaignName));
  await writeFile(path.join(ctx.workDir, CARD_TEXT_FILES.name), cardText(card.displayName));
  await runStep(ctx, 'renditions', buildAudioStoryFanOutArgs(probe, { ...common, card }));
}

/**
 * The fan-out's poster skips near-black frames, so an all-dark opening leaves no file: then
 * any frame of the finished 720p is taken instead.
 */
async function publishPoster(ctx: Context, rendition720: ProbeResult, file720: string) {
  const written = await stat(partPath(ctx, 'poster.jpg')).catch(() => null);
  if (!written?.size) {
    const args = buildPosterArgs(rendition720, {
      input: file720,
      output: partPath(ctx, 'poster.jpg'),
      threads: ctx.options.threads,
      skipDark: false,
    });
    await runStep(ctx, 'poster', args, 10);
  }
  ctx.progress.complete('poster');
  return publish(ctx, 'poster.jpg');
}

/**
 * Renders every output review needs into workDir: `720p.mp4`, `poster.jpg`, `sprite.jpg`,
 * `thumbnails.vtt`, each appearing under its name only once complete. The
 * original (or, for an audio story, the card video made from it) is decoded once and every
 * picture output made from that one decode. On failure, timeout or abort it removes its
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
  const { probe } = ctx.options;
  const loudness = await resolveLoudness(ctx);
  ctx.progress.complete('loudness');
  const plan = planThumbnails(ctx.duration, pictureSize(ctx.options));
  await renderFanOut(ctx, loudness, plan);
  // A quick look at the rendition (ffprobe reads only its headers) before it counts.
  const rendition720 = await probeOutput(ctx.options.signal, partPath(ctx, '720p.mp4'));
  verifyRendition(probe, rendition720, '720p.mp4');
  const file720 = await publish(ctx, '720p.mp4');
  const poster = await publishPoster(ctx, rendition720, file720.path);
  const sprite = await publish(ctx, 'sprite.jpg');
  await writeFile(partPath(ctx, 'thumbnails.vtt'), buildThumbnailsVtt(plan, 'sprite.jpg'));
  return [file720, poster, sprite, await publish(ctx, 'thumbnails.vtt')];
}

export interface LowRenditionRenderOptions {
  /** The published 720p.mp4. */
  inputPath: string;
  workDir: string;
  threads: number;
  signal?: AbortSignal;
  /** x264 preset; defaults to SMALL_PRESET. Tests pass a faster one. */
  preset?: X264Preset;
  /** Limit for the ffmpeg run; defaults to timeoutForDuration of the clip. */
  timeoutMs?: number;
}

/**
 * Renders `360p.mp4` into workDir from the published 720p and checks it as the 720p is
 * checked (upright, sound exactly when the 720p has some). Removes its partial file on
 * failure; the caller removes workDir.
 */
export async function renderLowRendition(
  options: LowRenditionRenderOptions,
): Promise<RenderedFile> {
  const where = { workDir: path.resolve(options.workDir) };
  const input = path.resolve(options.inputPath);
  const { signal } = options;
  try {
    const rendition720 = await probeOutput(signal, input);
    const duration = rendition720.durationSeconds ?? 0;
    const args = buildLowRenditionArgs(rendition720, {
      input,
      output: partPath(where, '360p.mp4'),
      threads: options.threads,
      ...(options.preset ? { preset: options.preset } : {}),
    });
    await runFfmpeg(args, {
      signal,
      timeoutMs: options.timeoutMs ?? timeoutForDuration(duration),
      durationSeconds: duration,
      cwd: where.workDir,
    });
    const rendition360 = await probeOutput(signal, partPath(where, '360p.mp4'));
    verifyRendition(rendition720, rendition360, '360p.mp4');
    return await publish(where, '360p.mp4');
  } catch (error) {
    await rm(partPath(where, '360p.mp4'), { force: true });
    throw error;
  }
}

const RENDITION_NAMES = Object.keys(CONTENT_TYPES) as RenditionName[];

async function removePartials(workDir: string): Promise<void> {
  await Promise.all(
    RENDITION_NAMES.map((n) => rm(path.join(workDir, `${n}.part`), { force: true })),
  );
}
