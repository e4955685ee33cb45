import { breakCostAfter } from './break-rules';
import type { CaptionLanguage, Cue, TimedSpan } from './cue';

/**
 * Cue layout after the BBC Subtitle Guidelines
 * (https://www.bbc.co.uk/accessibility/forproducts/guides/subtitles/): at most two lines (three
 * on vertical video), about 37 characters a line on 16:9 and 25 on 9:16, 160-180 words per
 * minute, and a cue shown no more than 1.5 s before its speech or after it ends. Pure.
 */

export interface Layout {
  maxChars: number;
  maxLines: number;
}

export const TIMING = {
  /** 180 wpm at most, so at least a third of a second per word (the guideline's ~0.3 s floor). */
  secondsPerWord: 60 / 180,
  minCueSeconds: 1,
  maxLeadSeconds: 1.5,
  maxLagSeconds: 1.5,
} as const;

const LANDSCAPE = { aspect: 16 / 9, chars: 37 };
const PORTRAIT = { aspect: 9 / 16, chars: 25 };

/** Sizes lines by the displayed frame; unknown frames get the 16:9 layout. */
export function layoutForFrame(
  frame: { width: number; height: number } | null | undefined,
): Layout {
  if (!frame || frame.width <= 0 || frame.height <= 0)
    return { maxChars: LANDSCAPE.chars, maxLines: 2 };
  const aspect = frame.width / frame.height;
  const t = Math.min(
    1,
    Math.max(0, (aspect - PORTRAIT.aspect) / (LANDSCAPE.aspect - PORTRAIT.aspect)),
  );
  return {
    maxChars: Math.round(PORTRAIT.chars + t * (LANDSCAPE.chars - PORTRAIT.chars)),
    maxLines: aspect < 1 ? 3 : 2,
  };
}

const LINE_COST = 0.5;
const CUE_COST = 3;
const OVERLONG_WORD_COST = 50;
/** Cue boundaries hurt more than line breaks: a split phrase is also split in time. */
const CUE_BREAK_WEIGHT = 2;

interface Laid {
  cost: number;
  lines: string[];
}

function lineCost(words: string[], layout: Layout): number {
  const len = words.join(' ').length;
  if (len > layout.maxChars) return words.length === 1 ? OVERLONG_WORD_COST : Infinity;
  return LINE_COST + 2 * ((layout.maxChars - len) / layout.maxChars) ** 2;
}

/** Best split of words[i, j) into at most maxLines lines (exhaustive: at most 3 lines). */
function layOutCue(words: string[], breaks: number[], i: number, j: number, layout: Layout): Laid {
  let best: Laid = { cost: Infinity, lines: [] };
  const consider = (cuts: number[]) => {
    const bounds = [i, ...cuts, j];
    let cost = 0;
    const lines: string[] = [];
    for (let k = 0; k + 1 < bounds.length && cost < best.cost; k++) {
      const part = words.slice(bounds[k], bounds[k + 1]);
      cost += lineCost(part, layout) + (k + 2 < bounds.length ? breaks[bounds[k + 1]! - 1]! : 0);
      lines.push(part.join(' '));
    }
    if (cost < best.cost) best = { cost, lines };
  };
  consider([]);
  if (layout.maxLines >= 2) for (let a = i + 1; a < j; a++) consider([a]);
  if (layout.maxLines >= 3) {
    for (let a = i + 1; a < j; a++) for (let b = a + 1; b < j; b++) consider([a, b]);
  }
  return best;
}

/**
 * Splits text into cues of lines. Never breaks inside a word; breaks after an article,
 * preposition or pronoun only when no layout without one fits.
 */
export function layOutText(text: string, lang: CaptionLanguage, layout: Layout): string[][] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const n = words.length;
  if (n === 0) return [];
  const breaks = words.map((w) => breakCostAfter(w, lang));
  const capacity = layout.maxChars * layout.maxLines;
  const best = new Array<number>(n + 1).fill(Infinity);
  const choice = new Array<{ from: number; lines: string[] }>(n + 1);
  best[0] = 0;
  for (let j = 1; j <= n; j++) {
    let chars = -1;
    for (let i = j - 1; i >= 0; i--) {
      chars += words[i]!.length + 1;
      if (chars > capacity && i < j - 1) break;
      if (!Number.isFinite(best[i]!)) continue;
      const laid = layOutCue(words, breaks, i, j, layout);
      const boundary = j < n ? CUE_BREAK_WEIGHT * breaks[j - 1]! : 0;
      const cost = best[i]! + laid.cost + CUE_COST + boundary;
      if (cost < best[j]!) {
        best[j] = cost;
        choice[j] = { from: i, lines: laid.lines };
      }
    }
  }
  const cues: string[][] = [];
  for (let j = n; j > 0; j = choice[j]!.from) cues.push(choice[j]!.lines);
  return cues.reverse();
}

const wordCount = (text: string) => text.split(/\s+/).filter((w) => w.length > 0).length;

export function minimumDuration(text: string): number {
  return Math.max(TIMING.minCueSeconds, wordCount(text) * TIMING.secondsPerWord);
}

interface Draft extends Cue {
  speechStart: number;
  speechEnd: number;
}

/**
 * Lays out each timed span (a sentence, an ASR segment) and times its cues: the span's time is
 * shared by character count, then each cue too short to read is lengthened, first after its
 * speech and then before it, within the lead and lag limits and without overlapping a neighbour.
 */
export function cuesFromSpans(
  spans: readonly TimedSpan[],
  lang: CaptionLanguage,
  layout: Layout,
): Cue[] {
  const drafts: Draft[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const texts = layOutText(span.text, lang, layout).map((lines) => lines.join('\n'));
    const total = texts.reduce((sum, t) => sum + t.length, 0);
    let at = span.start;
    for (const text of texts) {
      const end = at + ((span.end - span.start) * text.length) / Math.max(1, total);
      drafts.push({ start: at, end, text, speechStart: at, speechEnd: end });
      at = end;
    }
  }
  drafts.forEach((c, k) => {
    const need = minimumDuration(c.text);
    if (c.end - c.start >= need) return;
    const next = drafts[k + 1];
    const prev = drafts[k - 1];
    const latestEnd = Math.min(
      c.speechEnd + TIMING.maxLagSeconds,
      next ? next.speechStart : Infinity,
    );
    c.end = Math.max(c.end, Math.min(c.start + need, latestEnd));
    const earliestStart = Math.max(c.speechStart - TIMING.maxLeadSeconds, prev ? prev.end : 0, 0);
    c.start = Math.min(c.start, Math.max(c.end - need, earliestStart));
  });
  return drafts.map(({ start, end, text }) => ({
    start: Math.round(start * 1000) / 1000,
    end: Math.round(end * 1000) / 1000,
    text,
  }));
}
