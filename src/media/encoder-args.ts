import type { Rational } from './probe-result';
import { encoderThreadArgs } from './ffmpeg-common';
import { OUTPUT_SAMPLE_RATE } from './loudness';
import { gopFrames } from './video-geometry';

/** Pure: encoder settings shared by video renditions and audio-story cards. */

export type RenditionTarget = '720p' | '360p';

export interface TargetSpec {
  /** Longest side of the picture in pixels; the other side follows the display aspect. */
  longSide: number;
  crf: number;
  /** Cap for phone-noise heavy scenes where CRF alone would balloon the bitrate. */
  maxRate: string;
  bufSize: string;
  audioBitrate: string;
}

export const RENDITION_TARGETS: Record<RenditionTarget, TargetSpec> = {
  '720p': { longSide: 1280, crf: 23, maxRate: '2500k', bufSize: '5000k', audioBitrate: '128k' },
  '360p': { longSide: 640, crf: 26, maxRate: '700k', bufSize: '1400k', audioBitrate: '96k' },
};

export const X264_PRESETS = [
  'ultrafast',
  'superfast',
  'veryfast',
  'faster',
  'fast',
  'medium',
  'slow',
] as const;
export type X264Preset = (typeof X264_PRESETS)[number];
export const DEFAULT_PRESET: X264Preset = 'medium';

/**
 * H.264 High, 4:2:0, tagged BT.709, closed GOPs of about two seconds at a fixed interval
 * (no scene-cut keyframes) so any later segmenting cuts cleanly.
 */
export function h264Args(
  spec: TargetSpec,
  rate: Rational,
  preset: X264Preset,
  threads: number,
): string[] {
  const gop = String(gopFrames(rate));
  return [
    '-c:v',
    'libx264',
    '-preset',
    preset,
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-crf',
    String(spec.crf),
    '-maxrate',
    spec.maxRate,
    '-bufsize',
    spec.bufSize,
    '-g',
    gop,
    '-keyint_min',
    gop,
    '-sc_threshold',
    '0',
    // One -flags per stream type: a later -flags would replace, not add to, an earlier one.
    '-flags:v',
    '+cgop+bitexact',
    '-color_primaries',
    'bt709',
    '-color_trc',
    'bt709',
    '-colorspace',
    'bt709',
    '-color_range',
    'tv',
    '-fps_mode',
    'cfr',
    ...encoderThreadArgs(threads),
  ];
}

/** AAC-LC stereo at 48 kHz: what every browser plays. */
export function aacArgs(spec: TargetSpec): string[] {
  return [
    '-c:a',
    'aac',
    '-b:a',
    spec.audioBitrate,
    '-ar',
    String(OUTPUT_SAMPLE_RATE),
    '-ac',
    '2',
    '-flags:a',
    '+bitexact',
  ];
}

/** Container settings: moov first so playback starts before the whole file arrives. */
export const MP4_OUTPUT_ARGS: readonly string[] = [
  '-max_muxing_queue_size',
  '4096',
  '-movflags',
  '+faststart',
  '-f',
  'mp4',
];
