import { parseCaptions } from '../captions/parse-captions';
import type { Cue } from '../captions/cue';

/** One line of the juror page's transcript panel: where the cue starts and what it says. */
export interface TranscriptRow {
  /** Seconds from the start of the clip, as the player seeks to it. */
  start: number;
  /** The start as people read it: `0:03`, `1:05:09`. */
  clock: string;
  /** The cue's lines (plain text; the template escapes them). */
  lines: string[];
}

/** `m:ss`, or `h:mm:ss` from an hour up; whole seconds, rounded down as a player shows them. */
export function clockOf(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export const transcriptRows = (cues: readonly Cue[]): TranscriptRow[] =>
  cues.map((c) => ({ start: c.start, clock: clockOf(c.start), lines: c.text.split('\n') }));

/**
 * The transcript from a stored WebVTT file. Stored captions were checked when they were
 * published, so a file that no longer parses only loses its transcript (the player still has
 * the track): an empty list, never an error page.
 */
export function transcriptFromVtt(text: string): TranscriptRow[] {
  try {
    return transcriptRows(parseCaptions(text, 'vtt'));
  } catch {
    return [];
  }
}
