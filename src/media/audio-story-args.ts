import type { ProbeResult } from './probe-result';
import { selectedAudio } from './probe-result';
import { fileUrl, globalArgs, inputArgs, PRIVACY_OUTPUT_ARGS, seconds } from './ffmpeg-common';
import {
  aacArgs,
  DEFAULT_PRESET,
  h264Args,
  MP4_OUTPUT_ARGS,
  RENDITION_TARGETS,
  type X264Preset,
} from './encoder-args';
import { audioFilterChain, type LoudnessMeasurement } from './loudness';
import {
  CARD_COLOURS,
  cleanCardText,
  DEFAULT_FONT_DIR,
  drawTextFilter,
  fontSizeToFit,
} from './title-card-text';

/**
 * Pure: an audio-only story becomes a 1280x720 video of a calm still card (campaign name,
 * the contributor's chosen name) with a waveform moving over the audio, so every story plays
 * in the same player and playlist export.
 *
 * The two names are user text. They never enter the argument list or the filter graph: the
 * caller writes them (through cardText) to CARD_TEXT_FILES in ffmpeg's working directory and
 * drawtext reads them (see title-card-text.ts).
 */

export const CARD_TEXT_FILES = { campaign: 'card-campaign.txt', name: 'card-name.txt' } as const;
export const CARD_SIZE = { width: 1280, height: 720 } as const;
export const CARD_FPS = 25;

const WAVE_COLOUR = '0x9fd3c7';
const TEXT_AREA_WIDTH = 1160;
/** DejaVu Sans averages about 0.6 em per character; used to shrink long names to fit. */
const EM_PER_CHAR = 0.6;
const MAX_CARD_CHARS = 60;

/** What the card shows for a piece of user text: one clean line of at most 60 characters. */
export const cardText = (raw: string): string => cleanCardText(raw, MAX_CARD_CHARS);

/** Each name is one line, shrunk (down to 20 px) rather than wrapped to fit. */
export const fontSizeFor = (text: string, largest: number): number =>
  fontSizeToFit(text, TEXT_AREA_WIDTH, { largest, smallest: 20, emPerChar: EM_PER_CHAR });

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
      drawTextFilter(
        {
          file: CARD_TEXT_FILES.campaign,
          fontSize: fontSizeFor(campaign, 52),
          bold: true,
          colour: CARD_COLOURS.heading,
          y: 170,
        },
        fontDir,
      ),
    name &&
      drawTextFilter(
        {
          file: CARD_TEXT_FILES.name,
          fontSize: fontSizeFor(name, 40),
          bold: false,
          colour: CARD_COLOURS.rest,
          y: 270,
        },
        fontDir,
      ),
  ].filter(Boolean);
  const { width, height } = CARD_SIZE;
  const graph = [
    `[0:a:${audio.typeIndex}]${audioFilterChain(options.loudness)},asplit=2[aout][wavein]`,
    `[wavein]showwaves=s=1040x200:mode=cline:rate=${CARD_FPS}:scale=sqrt:colors=${WAVE_COLOUR}[wave]`,
    `color=c=${CARD_COLOURS.background}:s=${width}x${height}:r=${CARD_FPS}:d=${seconds(duration)}[bg]`,
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
