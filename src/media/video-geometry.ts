import type { Rational, VideoStream } from './probe-result';

/** Pure size and rate arithmetic shared by the argument builders. */

export interface Size {
  width: number;
  height: number;
}

/**
 * Fits a display size inside a long side, never enlarging, with both sides even (H.264 4:2:0
 * needs even sizes). Rounding down keeps the result inside the box and the aspect within a
 * pixel: 321x241 (odd, from a cheap camera) becomes 320x240.
 */
export function fitEven(display: Size, longSide: number): Size {
  const scale = Math.min(1, longSide / Math.max(display.width, display.height));
  return {
    width: evenFloor(display.width * scale),
    height: evenFloor(display.height * scale),
  };
}

const evenFloor = (n: number): number => Math.max(2, 2 * Math.floor(n / 2 + 1e-9));

export const displaySize = (video: VideoStream): Size => ({
  width: video.displayWidth,
  height: video.displayHeight,
});

/** Above this, browsers and jurors' laptops gain nothing and bitrate is wasted. */
export const MAX_OUTPUT_FPS = 30;
/** A rate outside this range is a timebase (WebM reports 1000/1), not a frame rate. */
const PLAUSIBLE_FPS = { min: 1, max: 240 };
const FALLBACK_FPS: Rational = { num: 30, den: 1 };

/**
 * The constant rate a rendition is encoded at. High rates are divided by a whole number so
 * motion stays even (60 -> 30, 50 -> 25, 59.94 -> 29.97) instead of dropping frames unevenly.
 * For variable-rate phone video the base rate (r_frame_rate) is used: the average of a VFR
 * clip (e.g. 21.6) is not a rate any frame was shot at.
 */
export function outputFrameRate(video: VideoStream | null): Rational {
  const rate = [video?.realFrameRate, video?.avgFrameRate].find(
    (r): r is Rational =>
      !!r && r.num / r.den >= PLAUSIBLE_FPS.min && r.num / r.den <= PLAUSIBLE_FPS.max,
  );
  if (!rate) return FALLBACK_FPS;
  const divisor = Math.ceil(rate.num / rate.den / MAX_OUTPUT_FPS - 1e-9);
  return reduce({ num: rate.num, den: rate.den * Math.max(1, divisor) });
}

function reduce(r: Rational): Rational {
  const g = gcd(r.num, r.den);
  return { num: r.num / g, den: r.den / g };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export const formatRational = (r: Rational): string => `${r.num}/${r.den}`;

/** Frames in a closed GOP of about two seconds, so seeking and segmenting stay cheap. */
export const gopFrames = (rate: Rational): number =>
  Math.max(1, Math.round((2 * rate.num) / rate.den));
