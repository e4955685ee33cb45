import { buildAudioStoryGraph, CARD_FPS, CARD_SIZE } from './audio-story-args';
import {
  aacArgs,
  DEFAULT_PRESET,
  h264Args,
  MP4_OUTPUT_ARGS,
  RENDITION_TARGETS,
  type RenditionTarget,
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
import { fitEven, outputFrameRate, type Size } from './video-geometry';

/**
 * Pure: every picture output of a story from ONE ffmpeg run. The source is decoded, rotated,
 * tone-mapped and scaled once to the 720p picture; `split` hands that picture to the 720p
 * encoder, to a downscale for the 360p encoder, to the poster chooser and to the thumbnail
 * sprite, and `asplit` hands the normalised sound to both AAC encoders. Decoding a phone's
 * HEVC is most of the cost after the 720p encode itself, so doing it once is what keeps the
 * whole stage close to the cost of the 720p rendition alone.
 */

export interface FanOutOutputs {
  '720p': string;
  '360p': string;
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
  /** x264 preset of the 360p rendition (see SMALL_PRESET). */
  smallPreset?: X264Preset;
}

export interface AudioStoryFanOutOptions extends FanOutOptions {
  /** Used only to size the text; the text is read from CARD_TEXT_FILES in ffmpeg's cwd. */
  card: { campaignName: string; displayName: string };
  fontDir?: string;
}

/**
 * The small rendition is for slow connections: veryfast makes files about half the size of
 * superfast's at the same CRF for roughly a tenth of the 720p encode's time (measured on the
 * benchmark clip), and a slower preset buys little at 640 pixels.
 */
export const SMALL_PRESET: X264Preset = 'veryfast';

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
  size360: Size;
  durationSeconds: number | null;
}

/** Video outputs labels, in the order the outputs are written. */
const LABELS = {
  v720: '[v720]',
  v360: '[v360]',
  poster: '[poster]',
  sprite: '[sprite]',
  a720: '[a720]',
  a360: '[a360]',
};

/** The number of poster candidates the opening seconds give. */
export function posterCandidates(durationSeconds: number | null): number {
  const window = Math.min(POSTER_WINDOW_SECONDS, durationSeconds ?? Infinity);
  return Math.max(1, Math.ceil(window * POSTER_SAMPLE_FPS) + 1);
}

/** The branches after the one decode: the 720p picture split four ways, the sound two. */
function branches(src: Sources, plan: ThumbnailPlan): string[] {
  const { width: w360, height: h360 } = src.size360;
  const candidates = posterCandidates(src.durationSeconds);
  const video = [
    `${src.video}split=4[v720][v360in][posterin][spritein]`,
    `[v360in]scale=${w360}:${h360}:out_range=tv,format=yuv420p,setsar=1${LABELS.v360}`,
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
  const audio = src.audio ? [`${src.audio}asplit=2${LABELS.a720}${LABELS.a360}`] : [];
  return [...src.graph, ...video, ...audio];
}

function mp4Output(
  src: Sources,
  target: RenditionTarget,
  preset: X264Preset,
  threads: number,
  output: string,
): string[] {
  const spec = RENDITION_TARGETS[target];
  const [video, audio] =
    target === '720p' ? [LABELS.v720, LABELS.a720] : [LABELS.v360, LABELS.a360];
  return [
    ...['-map', video],
    ...h264Args(spec, src.rate, preset, threads),
    ...(src.audio ? ['-map', audio, ...aacArgs(spec)] : ['-an']),
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
    ...mp4Output(src, '720p', options.preset ?? DEFAULT_PRESET, threads, outputs['720p']),
    ...mp4Output(src, '360p', options.smallPreset ?? SMALL_PRESET, threads, outputs['360p']),
    ...['-map', LABELS.poster, ...jpegOutputArgs(3), fileUrl(outputs.poster)],
    ...['-map', LABELS.sprite, ...jpegOutputArgs(5), fileUrl(outputs.sprite)],
  ];
}

/** All four outputs of a video upload from one decode of the original. */
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
      size360: renditionSize(video, '360p'),
      durationSeconds: probe.durationSeconds,
    },
    options,
  );
}

/**
 * All four outputs of an audio story from one run: the card video (see audio-story-args.ts)
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
      size360: fitEven(CARD_SIZE, RENDITION_TARGETS['360p'].longSide),
      durationSeconds,
    },
    options,
  );
}
