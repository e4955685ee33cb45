import { AppError } from '../domain/errors';
import type { CaptionFormat, Cue } from './cue';
import { sanitiseCueText } from './sanitise';

/**
 * Strict SRT and WebVTT readers. The `subtitle` package (4.2.2) was tried first: its parser is
 * deliberately lenient (a blank line inside a cue, a stray number or a broken timing line are
 * folded into the previous cue's text) and its errors carry no line numbers, so it cannot refuse
 * a bad file with the line to fix. The grammar here is small: blocks separated by blank lines,
 * a timing line per cue, text lines after it (WebVTT: https://www.w3.org/TR/webvtt1/).
 */

export interface ParsedCue extends Cue {
  /** 1-based line of the cue's timing line, for error messages. */
  line: number;
}

export interface CaptionProblem {
  line: number;
  message: string;
}

const MAX_CUES = 5000;
const MAX_PROBLEMS = 10;
/** Tolerance for a last cue that runs a little past the end of the media (rounding, fades). */
export const DURATION_TOLERANCE_SECONDS = 0.5;

const SRT_TIME = /^(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{3})$/;
const VTT_TIME = /^(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const ARROW = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+(.*))?$/;

function toSeconds(match: RegExpExecArray): number {
  const [, h, m, s, ms] = match;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

export function formatClock(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

export class CaptionsRefused extends AppError {
  constructor(readonly problems: CaptionProblem[]) {
    const first = problems[0] ?? { line: 1, message: 'the file is empty' };
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
    super('invalid_captions', `Line ${first.line}: ${first.message}${more}`, {
      line: first.line,
      problems,
    });
    this.name = 'CaptionsRefused';
  }
}

interface Block {
  /** 1-based number of the block's first line. */
  line: number;
  lines: string[];
}

function blocksOf(text: string): Block[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((l, i) => {
    if (l.trim() === '') {
      current = null;
    } else if (current) {
      current.lines.push(l);
    } else {
      current = { line: i + 1, lines: [l] };
      blocks.push(current);
    }
  });
  return blocks;
}

function parseTiming(
  raw: string,
  time: RegExp,
  line: number,
  problems: CaptionProblem[],
): { start: number; end: number } | null {
  const arrow = ARROW.exec(raw.trim());
  const a = arrow ? time.exec(arrow[1] ?? '') : null;
  const b = arrow ? time.exec(arrow[2] ?? '') : null;
  if (!a || !b) {
    problems.push({ line, message: `expected a timing line like "00:00:01.000 --> 00:00:03.500"` });
    return null;
  }
  const start = toSeconds(a);
  const end = toSeconds(b);
  if (!(start < end)) {
    problems.push({
      line,
      message: `the cue ends (${formatClock(end)}) before or when it starts (${formatClock(start)})`,
    });
    return null;
  }
  return { start, end };
}

function cueFrom(
  timing: { start: number; end: number } | null,
  textLines: string[],
  line: number,
  problems: CaptionProblem[],
): ParsedCue | null {
  if (!timing) return null;
  if (textLines.some((l) => l.includes('-->'))) {
    problems.push({ line, message: 'a cue has two timing lines (is a blank line missing?)' });
    return null;
  }
  const text = sanitiseCueText(textLines.join('\n'));
  if (text === '') {
    problems.push({ line, message: 'the cue has no text' });
    return null;
  }
  return { ...timing, text, line };
}

function parseSrtBlocks(blocks: Block[], problems: CaptionProblem[]): ParsedCue[] {
  const cues: ParsedCue[] = [];
  for (const b of blocks) {
    const [first = '', second, ...rest] = b.lines;
    if (!/^\d+$/.test(first.trim())) {
      problems.push({ line: b.line, message: 'expected a cue number' });
      continue;
    }
    if (second === undefined) {
      problems.push({ line: b.line + 1, message: 'expected a timing line after the cue number' });
      continue;
    }
    const timing = parseTiming(second, SRT_TIME, b.line + 1, problems);
    const cue = cueFrom(timing, rest, b.line + 1, problems);
    if (cue) cues.push(cue);
  }
  return cues;
}

function parseVttBlocks(blocks: Block[], problems: CaptionProblem[]): ParsedCue[] {
  const [header, ...body] = blocks;
  if (!header || !/^WEBVTT(?:[ \t].*)?$/.test(header.lines[0] ?? '')) {
    problems.push({ line: 1, message: 'a WebVTT file must start with "WEBVTT"' });
    return [];
  }
  if (header.lines.slice(1).some((l) => l.includes('-->'))) {
    problems.push({ line: header.line + 1, message: 'a blank line is needed after the header' });
  }
  const cues: ParsedCue[] = [];
  for (const b of body) {
    const first = b.lines[0] ?? '';
    // Comments, styles and regions carry no words; styles could carry CSS, so all are dropped.
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) continue;
    const timingAt = first.includes('-->') ? 0 : 1;
    const raw = b.lines[timingAt];
    if (raw === undefined) {
      problems.push({ line: b.line, message: 'expected a timing line after the cue identifier' });
      continue;
    }
    const line = b.line + timingAt;
    const timing = parseTiming(raw, VTT_TIME, line, problems);
    const cue = cueFrom(timing, b.lines.slice(timingAt + 1), line, problems);
    if (cue) cues.push(cue);
  }
  return cues;
}

/** Checks order and, when the duration is known, that every cue lies inside the media. */
export function checkCueTimings(
  cues: ParsedCue[],
  durationSeconds: number | null | undefined,
): CaptionProblem[] {
  const problems: CaptionProblem[] = [];
  cues.forEach((c, i) => {
    const prev = i > 0 ? cues[i - 1] : undefined;
    if (prev && c.start < prev.start) {
      problems.push({
        line: c.line,
        message: `the cue starts (${formatClock(c.start)}) before the previous one (${formatClock(prev.start)})`,
      });
    }
    if (
      durationSeconds &&
      durationSeconds > 0 &&
      c.end > durationSeconds + DURATION_TOLERANCE_SECONDS
    ) {
      problems.push({
        line: c.line,
        message: `the cue ends (${formatClock(c.end)}) after the video ends (${formatClock(durationSeconds)})`,
      });
    }
  });
  return problems;
}

/**
 * Parses, sanitises and checks a caption file; throws CaptionsRefused (422) naming the first
 * bad line. Cue ends a hair past the media's end are clamped to it.
 */
export function parseCaptions(
  text: string,
  format: CaptionFormat,
  durationSeconds?: number | null,
): ParsedCue[] {
  const problems: CaptionProblem[] = [];
  const blocks = blocksOf(text);
  if (blocks.length === 0) throw new CaptionsRefused([{ line: 1, message: 'the file is empty' }]);
  const cues =
    format === 'srt' ? parseSrtBlocks(blocks, problems) : parseVttBlocks(blocks, problems);
  if (cues.length > MAX_CUES) problems.push({ line: 1, message: `more than ${MAX_CUES} cues` });
  problems.push(...checkCueTimings(cues, durationSeconds));
  if (problems.length === 0 && cues.length === 0) {
    problems.push({ line: 1, message: 'the file has no cues' });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    throw new CaptionsRefused(problems.slice(0, MAX_PROBLEMS));
  }
  return cues.map((c) =>
    durationSeconds && c.end > durationSeconds ? { ...c, end: durationSeconds } : c,
  );
}

/** Guesses the format of an uploaded file from its first line when the type is ambiguous. */
export function sniffCaptionFormat(text: string): CaptionFormat {
  return /^\uFEFF?WEBVTT/.test(text) ? 'vtt' : 'srt';
}
