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

/**
 * The probe step's cheaper measurement: ffmpeg's ebur128 filter (BS.1770 integrated loudness,
 * range and 4x-oversampled true peak) on the same pre-chain, about a third of loudnorm's cost.
 * Its summary is printed at info level when the filter closes; per-frame lines go to verbose.
 */
export const EBUR128_MEASURE_FILTER = `${audioPrechain()},ebur128=peak=true:framelog=verbose`;

const EBUR128_FIELDS = {
  inputI: /^\s*I:\s+(\S+) LUFS$/,
  inputThresh: /^\s*Threshold:\s+(\S+) LUFS$/,
  inputLra: /^\s*LRA:\s+(\S+) LU$/,
  inputTp: /^\s*Peak:\s+(\S+) dBFS$/,
} as const;

/**
 * Reads the last ebur128 summary from ffmpeg's stderr (the integrated threshold is the first
 * `Threshold:` after the summary line, the range's comes later). It has no loudnorm
 * `target_offset`, so 0 is given: the value matters only for loudnorm's dynamic mode, for which
 * the worker runs loudnorm's own first pass (needsLoudnormPass). Silence reads as -Infinity.
 */
export function parseEbur128Summary(stderr: string): LoudnessMeasurement | null {
  const at = stderr.lastIndexOf('Summary:');
  if (at === -1) return null;
  const found: Partial<Record<keyof typeof EBUR128_FIELDS, number>> = {};
  for (const line of stderr.slice(at).split('\n')) {
    for (const [key, pattern] of Object.entries(EBUR128_FIELDS) as Array<
      [keyof typeof EBUR128_FIELDS, RegExp]
    >) {
      const value = pattern.exec(line.trimEnd())?.[1];
      if (value === undefined || found[key] !== undefined) continue;
      const n = toLoudnessNumber(value);
      if (n !== null) found[key] = n;
    }
  }
  const { inputI, inputThresh, inputLra, inputTp } = found;
  if (inputI === undefined || inputThresh === undefined || inputLra === undefined) return null;
  if (inputTp === undefined) return null;
  return { inputI, inputTp, inputLra, inputThresh, targetOffset: 0 };
}

/**
 * A measurement that survives JSON (job data): JSON has no infinities, so they become the ends
 * of loudnorm's ranges, which still read as unusable silence.
 */
export function jsonSafeMeasurement(m: LoudnessMeasurement): LoudnessMeasurement {
  const safe = (v: number) => (Number.isNaN(v) ? -99 : clamp(v, -99, 99));
  return {
    inputI: safe(m.inputI),
    inputTp: safe(m.inputTp),
    inputLra: safe(m.inputLra),
    inputThresh: safe(m.inputThresh),
    targetOffset: safe(m.targetOffset),
  };
}

/** A measurement read back from job data, or undefined if it is not one. */
export function measurementFrom(value: unknown): LoudnessMeasurement | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const keys = Object.keys(NUMBER_FIELDS) as Array<keyof LoudnessMeasurement>;
  if (!keys.every((k) => typeof v[k] === 'number')) return undefined;
  return Object.fromEntries(keys.map((k) => [k, v[k]])) as unknown as LoudnessMeasurement;
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
 * The gain, in dB, that brings a track to the target when one linear gain is enough: loudnorm's
 * own rule for its linear mode (the gained true peak stays under the ceiling and the range is
 * within the target). Null when it is not, or when the measurement is not usable. Applied as a
 * plain `volume` this is exactly what loudnorm's linear mode does, without its 192 kHz detour.
 */
export function linearGainDb(m: LoudnessMeasurement): number | null {
  if (!isUsableMeasurement(m)) return null;
  const gain = LOUDNESS_TARGET.integrated - m.inputI;
  const fits = m.inputTp + gain <= LOUDNESS_TARGET.truePeak && m.inputLra <= LOUDNESS_TARGET.range;
  return fits ? gain : null;
}

/**
 * Whether loudnorm's own first pass must run before the track can be rendered: a usable track
 * that one gain cannot bring to the target needs loudnorm's dynamic mode, which uses the
 * `target_offset` only its own measurement gives. Silence needs nothing.
 */
export const needsLoudnormPass = (m: LoudnessMeasurement | undefined): boolean =>
  !m || (isUsableMeasurement(m) && linearGainDb(m) === null);

/**
 * The audio filter chain of a rendition. With a usable measurement either one gain is applied
 * (see linearGainDb) or the second loudnorm pass (values clamped to the ranges loudnorm
 * accepts); loudnorm works at 192 kHz, so its chain ends by resampling back.
 */
export function audioFilterChain(loudness: LoudnessMeasurement | undefined): string {
  if (!loudness || !isUsableMeasurement(loudness)) return audioPrechain();
  const gain = linearGainDb(loudness);
  if (gain !== null) return `${audioPrechain()},volume=${fixed(gain)}dB`;
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
