import type { Cue } from './cue';

/**
 * Pure: captions of a clip that has been trimmed to [inPoint, outPoint) of its old timeline.
 * Cues wholly outside the kept part are dropped, cues straddling a cut are clipped to it, and
 * every time moves back by the in point. A clipped remnant shorter than `minSeconds` is dropped:
 * a flash of words that no one can read is worse than none.
 */
export interface TrimWindow {
  inPoint: number;
  outPoint: number;
}

export const MIN_CLIPPED_CUE_SECONDS = 0.2;

// Millisecond precision, as WebVTT writes it: avoids 2.3000000000000003 in the output.
const ms = (s: number) => Math.round(s * 1000) / 1000;

export function shiftCues(
  cues: readonly Cue[],
  trim: TrimWindow,
  minSeconds = MIN_CLIPPED_CUE_SECONDS,
): Cue[] {
  const { inPoint, outPoint } = trim;
  if (!(outPoint > inPoint) || inPoint < 0) {
    throw new RangeError(`trim window ${inPoint}..${outPoint} is empty`);
  }
  const length = outPoint - inPoint;
  const out: Cue[] = [];
  for (const c of cues) {
    const start = Math.max(c.start, inPoint) - inPoint;
    const end = Math.min(c.end, outPoint) - inPoint;
    if (end <= start) continue;
    const clipped = c.start < inPoint || c.end > outPoint;
    if (clipped && end - start < minSeconds) continue;
    out.push({ start: ms(start), end: ms(Math.min(end, length)), text: c.text });
  }
  return out;
}
