import type { Cue } from '../captions/cue';
import {
  aacArgs,
  h264Args,
  MP4_OUTPUT_ARGS,
  type TargetSpec,
  type X264Preset,
} from './encoder-args';
import {
  fileUrl,
  filterSafePath,
  globalArgs,
  inputArgs,
  PRIVACY_OUTPUT_ARGS,
  seconds,
} from './ffmpeg-common';
import { audioPrechain, LOUDNESS_TARGET, OUTPUT_SAMPLE_RATE } from './loudness';
import {
  CARD_COLOURS,
  type CardTextLine,
  charsThatFit,
  cleanCardText,
  DEFAULT_FONT_DIR,
  drawTextFilter,
} from './title-card-text';

/**
 * Pure: the playlist export (issue 8) as data. One ffmpeg run renders every title card and clip
 * through a single filter graph ending in `concat`, so there is one encode, one continuous AAC
 * stream (no priming gaps at joins) and one progress clock. Measured on 2 cores against
 * encoding each segment separately and joining with the concat demuxer: the same CPU time
 * within noise, so the simpler single graph won.
 *
 * User text (title lines, captions) never enters the argument list or the graph: title lines
 * are written to numbered files read by drawtext (see title-card-text.ts), captions to
 * numbered ASS files read by libass directly (the `ass` filter, which also never lets
 * ffmpeg's format probing near a user file). All of them live in the run's working directory
 * under fixed names, so no path needs escaping.
 */

export type ExportHeight = 720 | 1080;

export const EXPORT_FPS = 25;
export const TITLE_CARD_SECONDS = 4;
/** Title lines longer than this many wrapped lines are cut with an ellipsis. */
export const MAX_CARD_LINES = 6;
/**
 * veryfast: an export is made on demand while a facilitator waits, and cards, captions and
 * already-compressed 720p sources gain little from slower presets (the CRF keeps quality).
 */
export const EXPORT_PRESET: X264Preset = 'veryfast';

export const EXPORT_TARGETS: Record<ExportHeight, TargetSpec & { width: number; height: number }> =
  {
    720: {
      width: 1280,
      height: 720,
      longSide: 1280,
      crf: 21,
      maxRate: '4000k',
      bufSize: '8000k',
      audioBitrate: '160k',
    },
    1080: {
      width: 1920,
      height: 1080,
      longSide: 1920,
      crf: 21,
      maxRate: '7000k',
      bufSize: '14000k',
      audioBitrate: '160k',
    },
  };

/**
 * DejaVu Sans averages a little over 0.6 em per character; used to wrap lines to fit (a touch
 * more than the audio card's 0.6, so wrapped lines keep some slack at the sides).
 */
const EM_PER_CHAR = 0.62;

// ---------------------------------------------------------------------------------------------
// Title cards

export interface CardLine extends CardTextLine {
  /** What the caller writes to `file`. */
  text: string;
}

/** Greedy word wrap; a word longer than a line is split. */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ').filter(Boolean)) {
    let rest = Array.from(word);
    while (rest.length > maxChars) {
      if (current) lines.push(current);
      lines.push(rest.slice(0, maxChars).join(''));
      current = '';
      rest = rest.slice(maxChars);
    }
    const piece = rest.join('');
    if (!piece) continue;
    const joined = current ? `${current} ${piece}` : piece;
    if (Array.from(joined).length <= maxChars) current = joined;
    else {
      lines.push(current);
      current = piece;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/**
 * The lines of one clip's title card, laid out for the output size: the first title line
 * (the intro) larger and bold, the rest (the contributor's chosen name) regular, each wrapped
 * to fit and centred as a block.
 */
export function layoutCard(
  titleLines: string[],
  clipIndex: number,
  height: ExportHeight,
): CardLine[] {
  const { width } = EXPORT_TARGETS[height];
  const scale = height / 720;
  const laid: Array<Omit<CardLine, 'file' | 'y'>> = [];
  titleLines
    .map((line) => cleanTitleLine(line))
    .filter(Boolean)
    .forEach((line, i) => {
      const fontSize = Math.round((i === 0 ? 48 : 36) * scale);
      const maxChars = Math.max(8, charsThatFit(width * 0.84, fontSize, EM_PER_CHAR));
      for (const text of wrapText(line, maxChars)) {
        laid.push({
          text,
          fontSize,
          bold: i === 0,
          colour: i === 0 ? CARD_COLOURS.heading : CARD_COLOURS.rest,
        });
      }
    });
  if (laid.length > MAX_CARD_LINES) {
    laid.length = MAX_CARD_LINES;
    const last = laid[MAX_CARD_LINES - 1];
    if (last) last.text = `${last.text.replace(/\s*\S$/, '')}…`;
  }
  const lineHeight = (size: number) => Math.round(size * 1.45);
  const gapAfterFirst = Math.round(16 * scale);
  const total =
    laid.reduce((sum, l) => sum + lineHeight(l.fontSize), 0) +
    (laid.some((l) => !l.bold) && laid.some((l) => l.bold) ? gapAfterFirst : 0);
  let y = Math.round((height - total) / 2);
  return laid.map((line, i) => {
    const previous = laid[i - 1];
    if (previous?.bold && !line.bold) y += gapAfterFirst;
    const placed: CardLine = {
      ...line,
      file: `card-${clipIndex}-${i}.txt`,
      y: y + Math.round((lineHeight(line.fontSize) - line.fontSize) / 2),
    };
    y += lineHeight(line.fontSize);
    return placed;
  });
}

/**
 * One clean line of a title, with a longer cap than the audio card's: wrapping, not
 * truncation, fits an intro line on the card.
 */
const MAX_TITLE_LINE_CHARS = 300;
export const cleanTitleLine = (raw: string): string => cleanCardText(raw, MAX_TITLE_LINE_CHARS);

// ---------------------------------------------------------------------------------------------
// Captions: cues to an ASS script sized for the output frame

/** `h:mm:ss.cc`, ASS's clock (centiseconds). */
export function assTime(s: number): string {
  const cs = Math.max(0, Math.round(s * 100));
  const h = Math.floor(cs / 360_000);
  const m = Math.floor((cs % 360_000) / 6000);
  const sec = Math.floor((cs % 6000) / 100);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${h}:${pad(m)}:${pad(sec)}.${pad(cs % 100)}`;
}

/**
 * Plain cue text as ASS event text, so nothing in it becomes markup: braces escaped (`\{`,
 * which libass shows as a brace), a word joiner after every backslash (libass has no escape
 * for a backslash, and `\N`, `\h` would otherwise act), `\n` as a hard break.
 */
export function assText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\\/g, '\\\u2060').replace(/[{}]/g, (c) => `\\${c}`))
    .join('\\N');
}

/**
 * Readable burned-in captions: DejaVu Sans white on a translucent dark box (BorderStyle 3),
 * about 5.5% of the frame height, bottom centre, inside the frame whatever the clip's shape.
 * PlayRes equals the output frame, so sizes are in output pixels.
 */
export function captionsAss(cues: Cue[], height: ExportHeight): string {
  const { width } = EXPORT_TARGETS[height];
  const fontSize = Math.round(height * 0.055);
  const box = Math.max(2, Math.round(height * 0.008));
  const margin = Math.round(height * 0.05);
  const style = [
    'Default',
    'DejaVu Sans',
    fontSize,
    '&H00FFFFFF',
    '&H00FFFFFF',
    '&H38000000',
    '&H38000000',
    0,
    0,
    0,
    0,
    100,
    100,
    0,
    0,
    3,
    box,
    0,
    2,
    Math.round(width * 0.06),
    Math.round(width * 0.06),
    margin,
    1,
  ].join(',');
  const events = cues
    .filter((c) => c.end > c.start && c.text.trim())
    .map(
      (c) => `Dialogue: 0,${assTime(c.start)},${assTime(c.end)},Default,,0,0,0,,${assText(c.text)}`,
    );
  return [
    '[Script Info]',
    'ScriptType: v4.00+',
    `PlayResX: ${width}`,
    `PlayResY: ${height}`,
    'WrapStyle: 0',
    'ScaledBorderAndShadow: yes',
    'YCbCr Matrix: TV.709',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    `Style: ${style}`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    ...events,
    '',
  ].join('\n');
}

export const captionsFileName = (clipIndex: number): string => `captions-${clipIndex}.ass`;

// ---------------------------------------------------------------------------------------------
// Loudness: one linear gain per clip, from an ebur128 measurement

export const loudnessReportName = (clipIndex: number): string => `loudness-${clipIndex}.txt`;

export interface ClipLoudness {
  integrated: number;
  truePeakDb: number;
}

/**
 * Measures a clip's first audio track with ebur128; the per-frame metadata goes to a report
 * file in the working directory (stderr is redacted by the runner, and the summary with it).
 */
export function buildClipLoudnessArgs(input: string, report: string, threads: number): string[] {
  return [
    ...globalArgs('error', threads),
    ...inputArgs(input, { threads }),
    '-map',
    '0:a:0',
    '-af',
    `ebur128=metadata=1:peak=true,ametadata=mode=print:file=${filterSafePath(report)}`,
    '-vn',
    '-sn',
    '-dn',
    '-f',
    'null',
    '-',
  ];
}

/** The last (whole-clip) integrated loudness and true peak in an ebur128 report, or null. */
export function parseClipLoudness(report: string): ClipLoudness | null {
  const last = (key: string): number | null => {
    const values = [...report.matchAll(new RegExp(`^lavfi\\.r128\\.${key}=(\\S+)$`, 'gm'))];
    const value = values.at(-1)?.[1];
    return value === undefined ? null : Number(value);
  };
  const integrated = last('I');
  const peak = last('true_peak');
  if (integrated === null || peak === null || Number.isNaN(integrated) || Number.isNaN(peak)) {
    return null;
  }
  return { integrated, truePeakDb: peak > 0 ? 20 * Math.log10(peak) : -Infinity };
}

/** Never boost a quiet clip by more than this: past it, it is noise, not speech. */
const MAX_GAIN_DB = 20;
/** The true-peak ceiling, matching the renditions' loudnorm (LOUDNESS_TARGET.truePeak). */
const TRUE_PEAK_CEILING_DB = LOUDNESS_TARGET.truePeak;

/**
 * The linear gain that brings a clip to -16 LUFS integrated, lowered if it would push the
 * true peak over the ceiling. Our renditions are already normalised, so this is normally a
 * fraction of a dB; a linear gain keeps their dynamics exactly as reviewed. Silence (or no
 * measurement) gets no gain.
 */
export function clipGainDb(m: ClipLoudness | null): number {
  if (!m || !Number.isFinite(m.integrated) || m.integrated < -70) return 0;
  const wanted = LOUDNESS_TARGET.integrated - m.integrated;
  const headroom = Number.isFinite(m.truePeakDb) ? TRUE_PEAK_CEILING_DB - m.truePeakDb : wanted;
  const gain = Math.min(wanted, headroom, MAX_GAIN_DB);
  return Math.round(gain * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// The render

export interface PlannedClip {
  inputPath: string;
  durationSeconds: number;
  hasAudio: boolean;
  card: CardLine[];
  /** ASS file name in the working directory, if captions are burned in. */
  captionsFile?: string;
  gainDb: number;
}

export interface ExportRenderOptions {
  height: ExportHeight;
  output: string;
  threads: number;
  fontDir?: string;
  preset?: X264Preset;
}

export const exportDurationSeconds = (clips: Array<{ durationSeconds: number }>): number =>
  clips.reduce((sum, c) => sum + TITLE_CARD_SECONDS + c.durationSeconds, 0);

const silence = (duration: number): string =>
  `anullsrc=r=${OUTPUT_SAMPLE_RATE}:cl=stereo,atrim=duration=${seconds(duration)}`;

/** The filter graph: for each clip a card (video + silence) then the clip; all concatenated. */
export function buildExportGraph(clips: PlannedClip[], options: ExportRenderOptions): string {
  const { width, height } = EXPORT_TARGETS[options.height];
  const fontDir = options.fontDir ?? DEFAULT_FONT_DIR;
  const chains: string[] = [];
  const order: string[] = [];
  clips.forEach((clip, i) => {
    const d = seconds(clip.durationSeconds);
    const text = clip.card.map((line) => drawTextFilter(line, fontDir));
    chains.push(
      [
        `color=c=${CARD_COLOURS.background}:s=${width}x${height}:r=${EXPORT_FPS}:d=${seconds(TITLE_CARD_SECONDS)}`,
        ...text,
        'setsar=1',
        'format=yuv420p',
      ].join(',') + `[cv${i}]`,
    );
    chains.push(`${silence(TITLE_CARD_SECONDS)}[ca${i}]`);
    // Fit inside the frame (never stretched), centre on black, then hold the last frame if the
    // picture ends early and cut at the stated duration, so the export's length is exact.
    const video = [
      'setpts=PTS-STARTPTS',
      `scale=${width}:${height}:force_original_aspect_ratio=decrease:force_divisible_by=2`,
      `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=black`,
      'setsar=1',
      `fps=${EXPORT_FPS}`,
      'tpad=stop=-1:stop_mode=clone',
      `trim=duration=${d}`,
      'setpts=PTS-STARTPTS',
      ...(clip.captionsFile
        ? [`ass=filename=${filterSafePath(clip.captionsFile)}:fontsdir=${filterSafePath(fontDir)}`]
        : []),
      'format=yuv420p',
    ];
    chains.push(`[${i}:v:0]${video.join(',')}[v${i}]`);
    const audio = clip.hasAudio
      ? `[${i}:a:0]${audioPrechain()}${clip.gainDb !== 0 ? `,volume=${clip.gainDb.toFixed(2)}dB` : ''},apad,atrim=duration=${d},asetpts=PTS-STARTPTS`
      : silence(clip.durationSeconds);
    chains.push(`${audio}[a${i}]`);
    order.push(`[cv${i}][ca${i}][v${i}][a${i}]`);
  });
  chains.push(`${order.join('')}concat=n=${clips.length * 2}:v=1:a=1[vout][aout]`);
  return chains.join(';');
}

/** The whole ffmpeg run; run it with its cwd set to the working directory holding the files. */
export function buildExportArgs(clips: PlannedClip[], options: ExportRenderOptions): string[] {
  if (clips.length === 0) throw new Error('an export needs at least one clip');
  const spec = EXPORT_TARGETS[options.height];
  return [
    ...globalArgs('warning', options.threads),
    ...clips.flatMap((clip) => inputArgs(clip.inputPath, { threads: options.threads })),
    '-filter_complex',
    buildExportGraph(clips, options),
    '-map',
    '[vout]',
    '-map',
    '[aout]',
    ...h264Args(
      spec,
      { num: EXPORT_FPS, den: 1 },
      options.preset ?? EXPORT_PRESET,
      options.threads,
    ),
    ...aacArgs(spec),
    '-sn',
    '-dn',
    ...PRIVACY_OUTPUT_ARGS,
    ...MP4_OUTPUT_ARGS,
    fileUrl(options.output),
  ];
}
