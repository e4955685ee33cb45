import type { Rational, VideoStream } from './probe-result';
import { formatRational, type Size } from './video-geometry';

/**
 * Pure: the video filter chain that turns an upload's picture into an upright, SDR, BT.709,
 * square-pixel, constant-rate picture of a given size. Rotation itself is applied by ffmpeg's
 * autorotate before this chain runs (see inputArgs), so sizes here are display sizes.
 */

/** Transfer names zscale accepts, as ffprobe spells them. */
const ZSCALE_TRANSFERS = new Set([
  'bt709',
  'smpte170m',
  'bt470m',
  'bt470bg',
  'linear',
  'bt2020-10',
  'bt2020-12',
  'smpte2084',
  'iec61966-2-1',
  'arib-std-b67',
]);

/** swscale matrix names for SD matrices a phone or camera may tag. */
const SWSCALE_MATRIX: Record<string, string> = {
  smpte170m: 'bt601',
  bt470bg: 'bt601',
  smpte240m: 'smpte240m',
  fcc: 'fcc',
};

const zscaleInput = (video: VideoStream, transfer: string): string => {
  const matrix = video.colorSpace === 'bt2020c' ? 'bt2020c' : 'bt2020nc';
  const range = video.colorRange === 'pc' ? 'full' : 'limited';
  return `tin=${transfer}:pin=bt2020:min=${matrix}:rin=${range}`;
};

/**
 * HDR to SDR: to linear light (100 nits nominal peak), BT.709 primaries, Hable curve, then back
 * to BT.709 limited-range 4:2:0. Input properties are stated explicitly because phones do not
 * always tag every one and zscale refuses to guess.
 */
export function toneMapChain(video: VideoStream): string[] {
  const transfer = video.hdr === 'pq' ? 'smpte2084' : 'arib-std-b67';
  return [
    `zscale=${zscaleInput(video, transfer)}:t=linear:npl=100`,
    'format=gbrpf32le',
    'zscale=p=bt709',
    'tonemap=tonemap=hable:desat=0',
    'zscale=t=bt709:m=bt709:r=limited',
    'format=yuv420p',
  ];
}

/** Wide-gamut SDR (BT.2020 without an HDR curve) needs only a primaries change, not a curve. */
export function gamutChain(video: VideoStream): string[] {
  const transfer =
    video.colorTransfer && ZSCALE_TRANSFERS.has(video.colorTransfer)
      ? video.colorTransfer
      : 'bt709';
  return [
    `zscale=${zscaleInput(video, transfer)}:t=bt709:p=bt709:m=bt709:r=limited`,
    'format=yuv420p',
  ];
}

/**
 * Scales to exactly `size` (computed from the display size, so the sample aspect ratio is
 * honoured) and, for SDR, converts an SD colour matrix to BT.709 so the BT.709 tags are true.
 */
export function pictureChain(video: VideoStream, size: Size): string[] {
  const scale = `scale=${size.width}:${size.height}`;
  if (video.hdr === 'pq' || video.hdr === 'hlg') return [scale, ...toneMapChain(video)];
  if (video.hdr === 'bt2020') return [scale, ...gamutChain(video)];
  const matrix = video.colorSpace ? SWSCALE_MATRIX[video.colorSpace] : undefined;
  const conversion = matrix ? `:in_color_matrix=${matrix}:out_color_matrix=bt709` : '';
  return [`${scale}${conversion}:out_range=tv`, 'format=yuv420p'];
}

/**
 * The full chain for a rendition: constant frame rate first (so dropped frames are never
 * scaled), then picture, then square pixels.
 */
export function renditionVideoChain(video: VideoStream, size: Size, rate: Rational): string {
  return [`fps=${formatRational(rate)}`, ...pictureChain(video, size), 'setsar=1'].join(',');
}
