import { buildAudioStoryGraph, CARD_FPS } from './audio-story-args';
import {
  aacArgs,
  DEFAULT_PRESET,
  h264Args,
  MP4_OUTPUT_ARGS,
  RENDITION_TARGETS,
  type X264Preset,
} from './encoder-args';
import {
  fileUrl,
  globalArgs,
  inputArgs,
  jpegOutputArgs,
  PRIVACY_OUTPUT_ARGS,
  seconds,
} from './ffmpeg-common';
import { renditionSize } from './ffmpeg-args';
import { audioFilterChain, type LoudnessMeasurement } from './loudness';
import { selectedAudio, type ProbeResult, type Rational } from './probe-result';
import type { ThumbnailPlan } from './thumbnails';
import { renditionVideoChain } from './video-filters';
import { outputFrameRate } from './video-geometry';

/**
 * Pure: every output review needs from ONE ffmpeg run. The source is decoded, rotated,
 * tone-mapped and scaled once to the 720p picture; `split` hands that picture to the 720p
 * encoder, to the poster chooser and to the thumbnail sprite. Decoding a phone's HEVC is most
 * of the cost after the 720p encode itself, so doing it once is what keeps the whole stage
 * close to the cost of the 720p rendition alone. The 360p is not needed for review and is
 * made afterwards from the published 720p by its own job (low-rendition-args.ts).
 */

export interface FanOutOutputs {
  '720p': string;
  poster: string;
  sprite: string;
}

export interface FanOutOptions {
  input: string;
  outputs: FanOutOutputs;
  threads: number;
  thumbnails: ThumbnailPlan;
  loudness?: LoudnessMeasurement;
  /** x264 preset of the 720p rendition; slower presets compress better. */
  preset?: X264Preset;
}

export interface AudioStoryFanOutOptions extends FanOutOptions {
  /** Used only to size the text; the text is read from CARD_TEXT_FILES in ffmpeg's cwd. */
  card: { campaignName: string; displayName: string };
  fontDir?: string;
}

/** Poster candidates: frames per second, over the opening seconds people recognise. */
export const POSTER_SAMPLE_FPS = 2;
export const POSTER_WINDOW_SECONDS = 10;
/** Mean luma (limited range, black = 16) below which a frame counts as black. */
export const DARK_LUMA = 24;

/** What the fan-out starts from: a graph that ends in one picture label and one sound label. */
interface Sources {
  graph: string[];
  video: string;
  audio: string | null;
  rate: Rational;
  durationSeconds: number | null;
}

/** Video outputs labels, in the order the outputs are written. */
const LABELS = {
  v720: '[v720]',
  poster: '[poster]',
  sprite: '[sprite]',
};

/** The number of poster candidates the opening seconds give. */
export function posterCandidates(durationSeconds: number | null): number {
  const window = Math.min(POSTER_WINDOW_SECONDS, durationSeconds ?? Infinity);
  return Math.max(1, Math.ceil(window * POSTER_SAMPLE_FPS) + 1);
}

/** The branches after the one decode: the 720p picture split three ways. */
function branches(src: Sources, plan: ThumbnailPlan): string[] {
  const candidates = posterCandidates(src.durationSeconds);
  const video = [
    `${src.video}split=3${LABELS.v720}[posterin][spritein]`,
    // The most representative non-black frame of the opening (the thumbnail filter picks the
    // one closest to the average histogram); an all-dark opening yields no frame at all.
    [
      `[posterin]fps=${POSTER_SAMPLE_FPS}`,
      `trim=end_frame=${candidates}`,
      'signalstats',
      `metadata=mode=select:key=lavfi.signalstats.YAVG:value=${DARK_LUMA}:function=greater`,
      `thumbnail=n=${candidates}${LABELS.poster}`,
    ].join(','),
    [
      `[spritein]fps=1/${plan.intervalSeconds}`,
      `scale=${plan.thumbWidth}:${plan.thumbHeight}:out_range=tv,format=yuv420p,setsar=1`,
      `tile=${plan.columns}x${plan.rows}${LABELS.sprite}`,
    ].join(','),
  ];
  return [...src.graph, ...video];
}

function mp4Output(src: Sources, preset: X264Preset, threads: number, output: string): string[] {
  const spec = RENDITION_TARGETS['720p'];
  return [
    ...['-map', LABELS.v720],
    ...h264Args(spec, src.rate, preset, threads),
    ...(src.audio ? ['-map', src.audio, ...aacArgs(spec)] : ['-an']),
    // Audio decoders emit end padding past the container's duration: end every output there.
    ...(src.durationSeconds === null ? [] : ['-t', seconds(src.durationSeconds)]),
    '-sn',
    '-dn',
    ...PRIVACY_OUTPUT_ARGS,
    ...MP4_OUTPUT_ARGS,
    fileUrl(output),
  ];
}

function fanOutArgs(src: Sources, options: FanOutOptions): string[] {
  const { outputs, threads } = options;
  return [
    ...globalArgs('warning', threads),
    ...inputArgs(options.input, { threads }),
    '-filter_complex',
    branches(src, options.thumbnails).join(';'),
    ...mp4Output(src, options.preset ?? DEFAULT_PRESET, threads, outputs['720p']),
    ...['-map', LABELS.poster, ...jpegOutputArgs(3), fileUrl(outputs.poster)],
    ...['-map', LABELS.sprite, ...jpegOutputArgs(5), fileUrl(outputs.sprite)],
  ];
}

/** The three picture outputs of a video upload from one decode of the original. */
export function buildVideoFanOutArgs(probe: ProbeResult, options: FanOutOptions): string[] {
  const video = probe.video;
  if (!video) throw new Error('probe has no usable video stream');
  const rate = outputFrameRate(video);
  const audio = selectedAudio(probe);
  const size720 = renditionSize(video, '720p');
  const graph = [
    `[0:v:${video.typeIndex}]${renditionVideoChain(video, size720, rate)}[vsrc]`,
    ...(audio ? [`[0:a:${audio.typeIndex}]${audioFilterChain(options.loudness)}[asrc]`] : []),
  ];
  return fanOutArgs(
    {
      graph,
      video: '[vsrc]',
      audio: audio ? '[asrc]' : null,
      rate,
      durationSeconds: probe.durationSeconds,
    },
    options,
  );
}

/**
 * The three picture outputs of an audio story from one run: the card video (see audio-story-args.ts)
 * is the picture that is split. Run with ffmpeg's cwd where the card text files are.
 */
export function buildAudioStoryFanOutArgs(
  probe: ProbeResult,
  options: AudioStoryFanOutOptions,
): string[] {
  const { graph, durationSeconds } = buildAudioStoryGraph(probe, options);
  return fanOutArgs(
    {
      graph: [graph],
      video: '[vout]',
      audio: '[aout]',
      rate: { num: CARD_FPS, den: 1 },
      durationSeconds,
    },
    options,
  );
}
