import type { AudioStream, ProbeResult } from './probe-result';
import { selectedAudio } from './probe-result';
import { globalArgs, inputArgs } from './ffmpeg-common';

/**
 * Two-pass EBU R128 loudness normalisation (ffmpeg loudnorm): measure the whole track, then
 * apply one linear gain where the true-peak limit allows. One pass would make loudnorm guess
 * with a sliding window and pump on speech. See http://k.ylo.ph/2016/04/04/loudnorm.html.
 */

/**
 * EBU R128 as used for online speech: -16 LUFS integrated. The true-peak ceiling is -1 dBTP;
 * loudnorm aims half a dB under it because AAC encoding overshoots peaks slightly.
 */
export const LOUDNESS_TARGET = { integrated: -16, truePeak: -1.5, range: 11 } as const;

export interface LoudnessMeasurement {
  inputI: number;
  inputTp: number;
  inputLra: number;
  inputThresh: number;
  targetOffset: number;
}

export const OUTPUT_SAMPLE_RATE = 48000;

const outputFormat = (): string =>
  `aformat=sample_fmts=fltp:sample_rates=${OUTPUT_SAMPLE_RATE}:channel_layouts=stereo`;

/**
 * Resampling and the stereo fold happen before loudnorm in both passes so the second pass
 * applies the gain to exactly what the first measured. `async=1` stretches or pads to the
 * timestamps, keeping audio in step with video that the fps filter made constant-rate.
 */
export const audioPrechain = (): string =>
  [`aresample=${OUTPUT_SAMPLE_RATE}:async=1:first_pts=0`, outputFormat()].join(',');

const loudnormTargets = (): string =>
  `I=${LOUDNESS_TARGET.integrated}:TP=${LOUDNESS_TARGET.truePeak}:LRA=${LOUDNESS_TARGET.range}`;

export interface MeasureOptions {
  input: string;
  threads: number;
}

/** First pass: decode the chosen audio track and print loudnorm's JSON report on stderr. */
export function buildLoudnessMeasureArgs(probe: ProbeResult, options: MeasureOptions): string[] {
  const audio = requireAudio(probe);
  return [
    // loudnorm prints its report at info level.
    ...globalArgs('info', options.threads),
    ...inputArgs(options.input, { threads: options.threads }),
    '-map',
    `0:a:${audio.typeIndex}`,
    '-af',
    `${audioPrechain()},loudnorm=${loudnormTargets()}:print_format=json`,
    '-vn',
    '-sn',
    '-dn',
    '-f',
    'null',
    '-',
  ];
}

function requireAudio(probe: ProbeResult): AudioStream {
  const audio = selectedAudio(probe);
  if (!audio) throw new Error('no audio stream to measure');
  return audio;
}

const NUMBER_FIELDS = {
  inputI: 'input_i',
  inputTp: 'input_tp',
  inputLra: 'input_lra',
  inputThresh: 'input_thresh',
  targetOffset: 'target_offset',
} as const;

/**
 * Reads the last loudnorm JSON block from ffmpeg's stderr. Silence measures as `-inf`, which
 * is kept (as -Infinity) so the caller can decide; null when no report is found.
 */
export function parseLoudnormJson(stderr: string): LoudnessMeasurement | null {
  const blocks = stderr.match(/\{[^{}]*"input_i"[^{}]*\}/g);
  const last = blocks?.[blocks.length - 1];
  if (!last) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  const result = {} as LoudnessMeasurement;
  for (const [key, field] of Object.entries(NUMBER_FIELDS) as Array<
    [keyof LoudnessMeasurement, string]
  >) {
    const value = toLoudnessNumber(record[field]);
    if (value === null) return null;
    result[key] = value;
  }
  return result;
}

function toLoudnessNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const text = v.trim().toLowerCase();
  if (text === '-inf') return -Infinity;
  if (text === 'inf' || text === '+inf') return Infinity;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * Silence (or near silence) has no meaningful loudness: normalising it would only amplify
 * noise, so such tracks are passed through at their level.
 */
export const isUsableMeasurement = (m: LoudnessMeasurement): boolean =>
  Object.values(m).every(Number.isFinite) && m.inputI > -70;

const clamp = (v: number, min: number, max: number): number => Math.min(max, Math.max(min, v));
const fixed = (v: number): string => v.toFixed(2);

/**
 * The audio filter chain of a rendition. With a usable measurement the second loudnorm pass is
 * applied (values clamped to the ranges loudnorm accepts); loudnorm works at 192 kHz, so the
 * chain ends by resampling back.
 */
export function audioFilterChain(loudness: LoudnessMeasurement | undefined): string {
  if (!loudness || !isUsableMeasurement(loudness)) return audioPrechain();
  const measured = [
    `measured_I=${fixed(clamp(loudness.inputI, -99, 0))}`,
    `measured_TP=${fixed(clamp(loudness.inputTp, -99, 99))}`,
    `measured_LRA=${fixed(clamp(loudness.inputLra, 0, 99))}`,
    `measured_thresh=${fixed(clamp(loudness.inputThresh, -99, 0))}`,
    `offset=${fixed(clamp(loudness.targetOffset, -99, 99))}`,
  ].join(':');
  return [
    audioPrechain(),
    `loudnorm=${loudnormTargets()}:${measured}:linear=true:print_format=none`,
    // Restating the format gives later filters (showwaves, asplit) a known layout.
    `aresample=${OUTPUT_SAMPLE_RATE}`,
    outputFormat(),
  ].join(',');
}
