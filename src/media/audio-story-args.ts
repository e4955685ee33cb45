import type { ProbeResult } from './probe-result';
import { selectedAudio } from './probe-result';
import {
  fileUrl,
  filterSafePath,
  globalArgs,
  inputArgs,
  PRIVACY_OUTPUT_ARGS,
  seconds,
} from './ffmpeg-common';
import {
  aacArgs,
  DEFAULT_PRESET,
  h264Args,
  MP4_OUTPUT_ARGS,
  RENDITION_TARGETS,
  type X264Preset,
} from './encoder-args';
import { audioFilterChain, type LoudnessMeasurement } from './loudness';

/**
 * Pure: an audio-only story becomes a 1280x720 video of a calm still card (campaign name,
 * the contributor's chosen name) with a waveform moving over the audio, so every story plays
 * in the same player and playlist export.
 *
 * The two names are user text. They never enter the argument list or the filter graph: the
 * caller writes them (through cardText) to fixed file names in ffmpeg's working directory and
 * drawtext reads them with `textfile=` and `expansion=none`, so no quoting, no filter-graph
 * injection and no `%{...}` expansion is possible.
 */

export const CARD_TEXT_FILES = { campaign: 'card-campaign.txt', name: 'card-name.txt' } as const;
export const CARD_SIZE = { width: 1280, height: 720 } as const;
export const CARD_FPS = 25;
export const DEFAULT_FONT_DIR = '/usr/share/fonts/truetype/dejavu';

const COLOURS = { background: '0x1f3a4d', text: 'white', name: '0xd8ebe4', wave: '0x9fd3c7' };
const TEXT_AREA_WIDTH = 1160;
/** DejaVu Sans averages about 0.6 em per character; used to shrink long names to fit. */
const EM_PER_CHAR = 0.6;
const MAX_CARD_CHARS = 60;

/**
 * What a card shows for a piece of user text: one line, no control or bidi-override
 * characters, at most MAX_CARD_CHARS characters.
 */
export function cardText(raw: string): string {
  const clean = raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(clean);
  return chars.length <= MAX_CARD_CHARS ? clean : `${chars.slice(0, MAX_CARD_CHARS - 1).join('')}…`;
}

export function fontSizeFor(text: string, largest: number): number {
  const fitting = Math.floor(
    TEXT_AREA_WIDTH / (EM_PER_CHAR * Math.max(1, Array.from(text).length)),
  );
  return Math.max(20, Math.min(largest, fitting));
}

export interface AudioStoryOptions {
  input: string;
  output: string;
  threads: number;
  /** Used only to size and place the text; the text itself is read from CARD_TEXT_FILES. */
  card: { campaignName: string; displayName: string };
  loudness?: LoudnessMeasurement;
  preset?: X264Preset;
  fontDir?: string;
}

function drawText(font: string, textFile: string, size: number, colour: string, y: number): string {
  return [
    `drawtext=fontfile=${filterSafePath(font)}`,
    `textfile=${filterSafePath(textFile)}`,
    'expansion=none',
    `fontsize=${size}`,
    `fontcolor=${colour}`,
    'x=(w-text_w)/2',
    `y=${y}`,
  ].join(':');
}

/** The card video's filter graph: labels `[vout]` (1280x720, CARD_FPS) and `[aout]`. */
export interface AudioStoryGraph {
  graph: string;
  durationSeconds: number;
}

/**
 * The card and its sound as one filter graph, for buildAudioStoryArgs and for the one-run
 * fan-out of every output (fan-out-args.ts).
 */
export function buildAudioStoryGraph(
  probe: ProbeResult,
  options: Pick<AudioStoryOptions, 'card' | 'loudness' | 'fontDir'>,
): AudioStoryGraph {
  const audio = selectedAudio(probe);
  if (!audio) throw new Error('probe has no usable audio stream');
  const duration = audio.durationSeconds ?? probe.durationSeconds;
  if (duration === null) throw new Error('audio duration unknown');
  const fontDir = options.fontDir ?? DEFAULT_FONT_DIR;
  const campaign = cardText(options.card.campaignName);
  const name = cardText(options.card.displayName);
  const texts = [
    campaign &&
      drawText(
        `${fontDir}/DejaVuSans-Bold.ttf`,
        CARD_TEXT_FILES.campaign,
        fontSizeFor(campaign, 52),
        COLOURS.text,
        170,
      ),
    name &&
      drawText(
        `${fontDir}/DejaVuSans.ttf`,
        CARD_TEXT_FILES.name,
        fontSizeFor(name, 40),
        COLOURS.name,
        270,
      ),
  ].filter(Boolean);
  const { width, height } = CARD_SIZE;
  const graph = [
    `[0:a:${audio.typeIndex}]${audioFilterChain(options.loudness)},asplit=2[aout][wavein]`,
    `[wavein]showwaves=s=1040x200:mode=cline:rate=${CARD_FPS}:scale=sqrt:colors=${COLOURS.wave}[wave]`,
    `color=c=${COLOURS.background}:s=${width}x${height}:r=${CARD_FPS}:d=${seconds(duration)}[bg]`,
    `[bg]${texts.length ? texts.join(',') : 'null'}[card]`,
    `[card][wave]overlay=x=120:y=400,setsar=1,format=yuv420p[vout]`,
  ].join(';');
  return { graph, durationSeconds: duration };
}

/** `720p.mp4` for an audio story; run it with ffmpeg's cwd set to where the card files are. */
export function buildAudioStoryArgs(probe: ProbeResult, options: AudioStoryOptions): string[] {
  const { graph, durationSeconds } = buildAudioStoryGraph(probe, options);
  const spec = RENDITION_TARGETS['720p'];
  return [
    ...globalArgs('warning', options.threads),
    ...inputArgs(options.input, { threads: options.threads }),
    '-filter_complex',
    graph,
    '-map',
    '[vout]',
    '-map',
    '[aout]',
    ...h264Args(spec, { num: CARD_FPS, den: 1 }, options.preset ?? DEFAULT_PRESET, options.threads),
    ...aacArgs(spec),
    // The card is as long as the audio, not a frame or an AAC padding block more.
    '-t',
    seconds(durationSeconds),
    ...PRIVACY_OUTPUT_ARGS,
    ...MP4_OUTPUT_ARGS,
    fileUrl(options.output),
  ];
}
