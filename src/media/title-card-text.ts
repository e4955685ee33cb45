import { filterSafePath } from './ffmpeg-common';

/**
 * Pure: the text on a title card, shared by the audio-story card (audio-story-args.ts) and the
 * playlist export's per-clip cards (playlist-export-args.ts).
 *
 * User text never enters ffmpeg's arguments or filter graph. The caller cleans it
 * (cleanCardText), writes it to a fixed file name in ffmpeg's working directory, and drawtext
 * reads that file with `textfile=` and `expansion=none`, so no quoting, no filter-graph
 * injection and no `%{...}` expansion is possible. Font and text file paths are checked by
 * filterSafePath, so nothing in them needs escaping either.
 */

export const DEFAULT_FONT_DIR = '/usr/share/fonts/truetype/dejavu';

export const CARD_COLOURS = { background: '0x1f3a4d', heading: 'white', rest: '0xd8ebe4' } as const;

/** DejaVu Sans, bold for a card's heading line and regular for the rest. */
export const cardFontFile = (fontDir: string, bold: boolean): string =>
  `${fontDir}/${bold ? 'DejaVuSans-Bold.ttf' : 'DejaVuSans.ttf'}`;

/**
 * One line of plain text: no control, format or bidi-override characters (they could reorder
 * or hide what a card shows), whitespace collapsed, at most maxChars characters (code points,
 * so an emoji is never cut in half) with an ellipsis when cut.
 */
export function cleanCardText(raw: string, maxChars: number): string {
  const clean = raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(clean);
  return chars.length <= maxChars ? clean : `${chars.slice(0, maxChars - 1).join('')}…`;
}

/**
 * How many characters of a font size fit across widthPx, given the font's average advance in
 * em per character (an estimate: drawtext cannot wrap or measure for us).
 */
export const charsThatFit = (widthPx: number, fontSize: number, emPerChar: number): number =>
  Math.floor(widthPx / (emPerChar * fontSize));

/** The largest font size, between smallest and largest, at which text fits across widthPx. */
export function fontSizeToFit(
  text: string,
  widthPx: number,
  sizes: { largest: number; smallest: number; emPerChar: number },
): number {
  const chars = Math.max(1, Array.from(text).length);
  const fitting = Math.floor(widthPx / (sizes.emPerChar * chars));
  return Math.max(sizes.smallest, Math.min(sizes.largest, fitting));
}

/** One line of a card as drawtext draws it; the text itself is in `file`. */
export interface CardTextLine {
  /** Name of the text file (in ffmpeg's working directory) drawtext reads. */
  file: string;
  fontSize: number;
  bold: boolean;
  colour: string;
  /** Top of the line in pixels. */
  y: number;
}

/** A drawtext filter for one line, centred across the frame. */
export function drawTextFilter(line: CardTextLine, fontDir: string): string {
  return [
    `drawtext=fontfile=${filterSafePath(cardFontFile(fontDir, line.bold))}`,
    `textfile=${filterSafePath(line.file)}`,
    'expansion=none',
    `fontsize=${line.fontSize}`,
    `fontcolor=${line.colour}`,
    'x=(w-text_w)/2',
    `y=${line.y}`,
  ].join(':');
}
