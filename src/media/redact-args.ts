import type { BlurRegion, RedactionSpec } from '../domain/redaction';
import {
  encoderThreadArgs,
  globalArgs,
  inputArgs,
  PRIVACY_OUTPUT_ARGS,
  seconds,
} from './ffmpeg-common';
import { MP4_OUTPUT_ARGS } from './encoder-args';
import { selectedAudio, type ProbeResult, type VideoStream } from './probe-result';
import { fitEven, type Size } from './video-geometry';

/**
 * Pure: a moderator's edit (trim + blurred rectangles) and the probe of the current original
 * -> the ffmpeg arguments that render the next version's original. The result is a
 * high-quality intermediate, not a rendition: the normal pipeline probes and transcodes it
 * afterwards, so HDR tags and 10-bit depth are kept for its tone mapping.
 *
 * Rotation is applied by ffmpeg's autorotate on decode (see inputArgs), so the filter graph
 * sees the upright picture and the rectangles, given as fractions of the upright picture, are
 * placed without any rotation maths. The input is cut with `-ss`/`-t` before `-i`, which
 * resets timestamps to 0 at the in point: blur times are moved back by the in point.
 */

/** Larger pictures gain nothing (renditions stop at 720p) and cost minutes on two cores. */
export const INTERMEDIATE_LONG_SIDE = 1920;
export const INTERMEDIATE_CRF = 18;
export const INTERMEDIATE_PRESET = 'faster';
export const INTERMEDIATE_AUDIO_BITRATE = '256k';

export interface RedactArgsInput {
  inputPath: string;
  outputPath: string;
  spec: RedactionSpec;
  probe: ProbeResult;
  threads: number;
}

/** The decoded, upright picture size (before any sample aspect ratio is applied). */
export function uprightSize(video: VideoStream): Size {
  const turned = video.rotation === 90 || video.rotation === 270;
  return turned
    ? { width: video.height, height: video.width }
    : { width: video.width, height: video.height };
}

/** Size the intermediate is encoded at: upright, even, at most INTERMEDIATE_LONG_SIDE. */
export const intermediateSize = (video: VideoStream): Size =>
  fitEven(uprightSize(video), INTERMEDIATE_LONG_SIDE);

export interface BlurBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** boxblur radii: strong enough that a face or a number cannot be read back. */
  lumaRadius: number;
  chromaRadius: number;
  /** Seconds on the output (trimmed) timeline. */
  from: number;
  to: number;
}

const even = (n: number) => 2 * Math.floor(n / 2);
/** boxblur needs a chroma plane of 2+ pixels per side; tiny boxes are widened to this. */
const MIN_BOX_PIXELS = 8;

/**
 * A rectangle in pixels of `frame`, snapped outwards to even numbers (4:2:0 chroma) so the
 * blurred area is never smaller than asked, and kept inside the frame.
 */
export function blurBox(frame: Size, b: BlurRegion, trimStart: number): BlurBox {
  const x = Math.max(0, even(b.x * frame.width));
  const y = Math.max(0, even(b.y * frame.height));
  const right = Math.min(frame.width, even(Math.ceil((b.x + b.width) * frame.width) + 1));
  const bottom = Math.min(frame.height, even(Math.ceil((b.y + b.height) * frame.height) + 1));
  const width = Math.min(frame.width, Math.max(MIN_BOX_PIXELS, right - x));
  const height = Math.min(frame.height, Math.max(MIN_BOX_PIXELS, bottom - y));
  const side = Math.min(width, height);
  return {
    x: Math.min(x, frame.width - width),
    y: Math.min(y, frame.height - height),
    width,
    height,
    // boxblur refuses a radius above half the plane's smaller side; chroma planes are halved.
    lumaRadius: Math.max(1, Math.floor(side / 4)),
    chromaRadius: Math.max(1, Math.floor(side / 8)),
    from: Math.max(0, b.start - trimStart),
    to: b.end - trimStart,
  };
}

const is10Bit = (video: VideoStream) => /(10|12)(le|be)$/.test(video.pixelFormat ?? '');

/** The picture chain before blurring: size and pixel format of the intermediate. */
function baseChain(video: VideoStream, size: Size): string {
  const upright = uprightSize(video);
  const format = `format=${is10Bit(video) ? 'yuv420p10le' : 'yuv420p'}`;
  return upright.width === size.width && upright.height === size.height
    ? format
    : `scale=${size.width}:${size.height},${format}`;
}

/** The filter graph: split the picture, blur a crop per rectangle, lay each back over it. */
export function redactFilterGraph(video: VideoStream, spec: RedactionSpec): string {
  const size = intermediateSize(video);
  const input = `[0:v:${video.typeIndex}]${baseChain(video, size)}`;
  if (spec.blurs.length === 0) return `${input}[vout]`;
  const boxes = spec.blurs.map((b) => blurBox(size, b, spec.trim.start));
  const parts = [
    `${input},split=${boxes.length + 1}[base]${boxes.map((_, i) => `[s${i}]`).join('')}`,
  ];
  // overlay works in 8-bit 4:2:0 unless told otherwise, which would flatten HDR to 8 bits.
  const overlayFormat = is10Bit(video) ? ':format=yuv420p10' : '';
  let below = 'base';
  boxes.forEach((box, i) => {
    const out = i === boxes.length - 1 ? 'vout' : `o${i}`;
    parts.push(
      `[s${i}]crop=${box.width}:${box.height}:${box.x}:${box.y},` +
        `boxblur=${box.lumaRadius}:3:${box.chromaRadius}:3[b${i}]`,
      `[${below}][b${i}]overlay=${box.x}:${box.y}${overlayFormat}:` +
        `enable='between(t,${seconds(box.from)},${seconds(box.to)})'[${out}]`,
    );
    below = out;
  });
  return parts.join(';');
}

function colourTags(video: VideoStream): string[] {
  const tags: Array<[string, string | null]> = [
    ['-color_primaries', video.colorPrimaries],
    ['-color_trc', video.colorTransfer],
    ['-colorspace', video.colorSpace],
    ['-color_range', video.colorRange],
  ];
  return tags.flatMap(([flag, value]) => (value && value !== 'unknown' ? [flag, value] : []));
}

/** The whole ffmpeg command line (after the runner's own prefix). */
export function buildRedactArgs(i: RedactArgsInput): string[] {
  const { spec, probe } = i;
  const audio = selectedAudio(probe);
  const audioArgs = audio
    ? [
        '-map',
        `0:a:${audio.typeIndex}`,
        '-c:a',
        'aac',
        '-b:a',
        INTERMEDIATE_AUDIO_BITRATE,
        '-flags:a',
        '+bitexact',
      ]
    : ['-an'];
  const video = probe.video;
  const videoArgs = video
    ? [
        '-filter_complex',
        redactFilterGraph(video, spec),
        '-map',
        '[vout]',
        '-c:v',
        'libx264',
        '-preset',
        INTERMEDIATE_PRESET,
        '-crf',
        String(INTERMEDIATE_CRF),
        '-profile:v',
        is10Bit(video) ? 'high10' : 'high',
        '-flags:v',
        '+bitexact',
        ...colourTags(video),
        ...encoderThreadArgs(i.threads),
      ]
    : ['-vn'];
  return [
    ...globalArgs('error', i.threads),
    '-ss',
    seconds(spec.trim.start),
    ...inputArgs(i.inputPath, {
      threads: i.threads,
      durationLimitSeconds: spec.trim.end - spec.trim.start,
    }),
    ...videoArgs,
    ...audioArgs,
    '-sn',
    '-dn',
    ...PRIVACY_OUTPUT_ARGS,
    ...MP4_OUTPUT_ARGS,
    i.outputPath,
  ];
}

/** Content type of what buildRedactArgs writes. */
export const redactedContentType = (probe: ProbeResult): string =>
  probe.video ? 'video/mp4' : 'audio/mp4';
