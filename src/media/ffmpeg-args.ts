import type { AudioStream, ProbeResult, VideoStream } from './probe-result';
import { selectedAudio } from './probe-result';
import {
  fileUrl,
  globalArgs,
  INPUT_FORMAT_WHITELIST,
  inputArgs,
  jpegOutputArgs,
  PRIVACY_OUTPUT_ARGS,
  seconds,
} from './ffmpeg-common';
import {
  aacArgs,
  DEFAULT_PRESET,
  h264Args,
  MP4_OUTPUT_ARGS,
  RENDITION_TARGETS,
  type RenditionTarget,
  type X264Preset,
} from './encoder-args';
import { audioFilterChain, EBUR128_MEASURE_FILTER, type LoudnessMeasurement } from './loudness';
import { pictureChain, renditionVideoChain } from './video-filters';
import { displaySize, fitEven, outputFrameRate, type Size } from './video-geometry';

/**
 * Pure ffmpeg argument builders: a probe result and a target in, an argument array out. No
 * I/O here; ffmpeg-runner executes what these return. Tests assert the arrays.
 */

export {
  buildLoudnessMeasureArgs,
  LOUDNESS_TARGET,
  parseEbur128Summary,
  parseLoudnormJson,
} from './loudness';
export type { LoudnessMeasurement } from './loudness';
export { buildAudioStoryArgs, CARD_TEXT_FILES, cardText } from './audio-story-args';
export { buildThumbnailSpriteArgs, buildThumbnailsVtt, planThumbnails } from './thumbnails';
export type { ThumbnailPlan } from './thumbnails';
export { RENDITION_TARGETS } from './encoder-args';
export type { RenditionTarget, X264Preset } from './encoder-args';

export interface RenditionOptions {
  input: string;
  output: string;
  threads: number;
  /** First-pass loudnorm measurement; without it the audio keeps its level. */
  loudness?: LoudnessMeasurement;
  /** Slower presets compress better; tests use a fast one. */
  preset?: X264Preset;
}

function requireVideo(probe: ProbeResult): VideoStream {
  if (!probe.video) throw new Error('probe has no usable video stream');
  return probe.video;
}

/** The picture size a target gives this video: display aspect kept, even, never enlarged. */
export function renditionSize(video: VideoStream, target: RenditionTarget): Size {
  return fitEven(displaySize(video), RENDITION_TARGETS[target].longSide);
}

/** An H.264/AAC MP4 rendition (`720p.mp4`, `360p.mp4`) of a video upload. */
export function buildRenditionArgs(
  probe: ProbeResult,
  target: RenditionTarget,
  options: RenditionOptions,
): string[] {
  const video = requireVideo(probe);
  const spec = RENDITION_TARGETS[target];
  const rate = outputFrameRate(video);
  const audio = selectedAudio(probe);
  const audioArgs = audio
    ? [
        '-map',
        `0:a:${audio.typeIndex}`,
        '-af',
        audioFilterChain(options.loudness),
        ...aacArgs(spec),
      ]
    : ['-an'];
  return [
    ...globalArgs('warning', options.threads),
    ...inputArgs(options.input, { threads: options.threads }),
    '-map',
    `0:v:${video.typeIndex}`,
    '-vf',
    renditionVideoChain(video, renditionSize(video, target), rate),
    ...h264Args(spec, rate, options.preset ?? DEFAULT_PRESET, options.threads),
    ...audioArgs,
    ...durationCap(probe),
    '-sn',
    '-dn',
    ...PRIVACY_OUTPUT_ARGS,
    ...MP4_OUTPUT_ARGS,
    fileUrl(options.output),
  ];
}

/**
 * Ends every output stream at the container's duration: audio decoders emit their end padding
 * (20 ms or so of AAC) beyond it, which would make the rendition longer than the original.
 */
function durationCap(probe: ProbeResult): string[] {
  return probe.durationSeconds === null ? [] : ['-t', seconds(probe.durationSeconds)];
}

export interface PosterOptions {
  input: string;
  output: string;
  threads: number;
  /** Pick from this many seconds at the start: the opening is what people recognise. */
  windowSeconds?: number;
  /** Drop near-black frames before choosing; turned off to retry a clip that is all dark. */
  skipDark?: boolean;
}

/** Frames per second looked at when choosing a poster; the thumbnail filter holds them all. */
const POSTER_SAMPLE_FPS = 2;
/** Mean luma (limited range, black = 16) below which a frame counts as black. */
const DARK_LUMA = 24;

/**
 * `poster.jpg`: the most representative non-black frame of the opening seconds (the
 * thumbnail filter picks the frame closest to the average histogram), upright, SDR, at the
 * 720p rendition's size. With skipDark, an all-dark clip yields no frame and no file.
 */
export function buildPosterArgs(probe: ProbeResult, options: PosterOptions): string[] {
  const video = requireVideo(probe);
  const window = Math.min(options.windowSeconds ?? 10, probe.durationSeconds ?? Infinity);
  const candidates = Math.max(1, Math.ceil(window * POSTER_SAMPLE_FPS) + 1);
  const darkFilter =
    options.skipDark === false
      ? []
      : [
          'signalstats',
          `metadata=mode=select:key=lavfi.signalstats.YAVG:value=${DARK_LUMA}:function=greater`,
        ];
  const chain = [
    `fps=${POSTER_SAMPLE_FPS}`,
    ...pictureChain(video, renditionSize(video, '720p')),
    'setsar=1',
    ...darkFilter,
    `thumbnail=n=${candidates}`,
  ];
  return [
    ...globalArgs('error', options.threads),
    ...inputArgs(options.input, { threads: options.threads, durationLimitSeconds: window }),
    '-map',
    `0:v:${video.typeIndex}`,
    '-vf',
    chain.join(','),
    ...jpegOutputArgs(),
    fileUrl(options.output),
  ];
}

/** ffprobe options for probeFile (the runner appends the input). */
export function buildProbeArgs(): string[] {
  return [
    '-v',
    'error',
    '-format_whitelist',
    INPUT_FORMAT_WHITELIST,
    '-protocol_whitelist',
    'file',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
  ];
}

/**
 * Reads every packet without decoding: cheap even for long files. The demuxer reports a file
 * whose index points past its end ("partial file", "File ended prematurely"), and the last
 * timestamp reached is the duration when the container does not state one.
 *
 * Given the track to measure, the same read also decodes that audio track through ebur128, so
 * the transcode can apply loudness in one pass without reading the file again first. Its
 * summary is printed at info level.
 */
export function buildIntegrityCheckArgs(
  input: string,
  threads: number,
  measureAudio?: AudioStream,
): string[] {
  const measure = measureAudio
    ? [
        ...['-map', `0:a:${measureAudio.typeIndex}`, '-af', EBUR128_MEASURE_FILTER],
        ...['-c:a', 'pcm_f32le', '-vn', '-sn', '-dn', '-f', 'null', '-'],
      ]
    : [];
  return [
    ...globalArgs(measureAudio ? 'info' : 'warning', threads),
    ...inputArgs(input, { threads }),
    '-map',
    '0:v?',
    '-map',
    '0:a?',
    '-c',
    'copy',
    '-f',
    'null',
    '-',
    ...measure,
  ];
}
