import {
  aacArgs,
  h264Args,
  MP4_OUTPUT_ARGS,
  RENDITION_TARGETS,
  type X264Preset,
} from './encoder-args';
import { fileUrl, globalArgs, inputArgs, PRIVACY_OUTPUT_ARGS } from './ffmpeg-common';
import { renditionSize } from './ffmpeg-args';
import { selectedAudio, type ProbeResult } from './probe-result';
import { outputFrameRate } from './video-geometry';

/**
 * Pure: the `360p.mp4` for slow connections, made from the published `720p.mp4` by its own
 * job after the story reaches review (workers/low-rendition.processor.ts). The 720p is
 * already upright, SDR, square-pixel, constant-rate and loudness-normalised, so this is a
 * plain downscale; its sound is re-encoded only to the 360p's lower AAC bitrate.
 */

/**
 * The small rendition is for slow connections: veryfast makes files about half the size of
 * superfast's at the same CRF for roughly a tenth of the 720p encode's time (measured on the
 * benchmark clip), and a slower preset buys little at 640 pixels.
 */
export const SMALL_PRESET: X264Preset = 'veryfast';

export interface LowRenditionOptions {
  /** The published 720p.mp4. */
  input: string;
  output: string;
  threads: number;
  preset?: X264Preset;
}

/** ffmpeg arguments for the 360p from `rendition720`, the probe of the published 720p. */
export function buildLowRenditionArgs(
  rendition720: ProbeResult,
  options: LowRenditionOptions,
): string[] {
  const video = rendition720.video;
  if (!video) throw new Error('the 720p rendition has no video stream');
  const spec = RENDITION_TARGETS['360p'];
  const { width, height } = renditionSize(video, '360p');
  const audio = selectedAudio(rendition720);
  return [
    ...globalArgs('warning', options.threads),
    ...inputArgs(options.input, { threads: options.threads }),
    ...['-map', `0:v:${video.typeIndex}`],
    ...['-vf', `scale=${width}:${height}:out_range=tv,format=yuv420p,setsar=1`],
    ...h264Args(spec, outputFrameRate(video), options.preset ?? SMALL_PRESET, options.threads),
    ...(audio ? ['-map', `0:a:${audio.typeIndex}`, ...aacArgs(spec)] : ['-an']),
    '-sn',
    '-dn',
    ...PRIVACY_OUTPUT_ARGS,
    ...MP4_OUTPUT_ARGS,
    fileUrl(options.output),
  ];
}
