import type { CaptionLanguage, TimedSpan } from './cue';
import { dtw, spansOfB } from './dtw';
import { synthesise, type SynthesisOptions } from './espeak';
import { mfcc, normaliseFeatures, type Features } from './mfcc';
import { splitSentences } from './sentences';
import { speechBounds, type Pcm } from './wav';

/**
 * Forced alignment that works offline for English and Welsh: speak the transcript with
 * espeak-ng one sentence at a time (so we know where each starts in the synthetic audio),
 * take MFCCs of both signals, warp one onto the other with banded DTW, and read each
 * sentence's start and end off the warping path.
 */

/** Silence put around and between synthetic sentences, so real pauses have a partner. */
const GAP_SECONDS = 0.3;
/** DTW cost grows with frames × band; beyond this many frames, frames are averaged in groups. */
const MAX_DTW_FRAMES = 15_000;

export interface Reference {
  pcm: Pcm;
  /** Where each sentence's speech lies in the synthetic audio, in seconds. */
  spans: TimedSpan[];
}

export async function synthesiseReference(
  sentences: string[],
  lang: CaptionLanguage,
  options: SynthesisOptions = {},
): Promise<Reference> {
  const pieces: Float32Array[] = [];
  const spans: TimedSpan[] = [];
  let sampleRate = 0;
  let at = 0;
  for (const text of sentences) {
    const pcm = await synthesise(text, lang, options);
    sampleRate ||= pcm.sampleRate;
    const gap = new Float32Array(Math.round(GAP_SECONDS * sampleRate));
    if (pieces.length === 0) {
      pieces.push(gap);
      at += gap.length;
    }
    const { start, end } = speechBounds(pcm.samples);
    const speech = pcm.samples.subarray(start, Math.max(start + 1, end));
    spans.push({ text, start: at / sampleRate, end: (at + speech.length) / sampleRate });
    pieces.push(speech, gap);
    at += speech.length + gap.length;
  }
  const samples = new Float32Array(at);
  let offset = 0;
  for (const p of pieces) {
    samples.set(p, offset);
    offset += p.length;
  }
  return { pcm: { sampleRate: sampleRate || 16000, samples }, spans };
}

/** Averages consecutive frames in groups of `factor` (a coarser time grid for long media). */
export function decimate(f: Features, factor: number): Features {
  if (factor <= 1) return f;
  const frames = Math.ceil(f.frames / factor);
  const data = new Float32Array(frames * f.dims);
  for (let t = 0; t < frames; t++) {
    const from = t * factor;
    const to = Math.min(f.frames, from + factor);
    for (let d = 0; d < f.dims; d++) {
      let sum = 0;
      for (let k = from; k < to; k++) sum += f.data[k * f.dims + d]!;
      data[t * f.dims + d] = sum / (to - from);
    }
  }
  return { data, frames, dims: f.dims, hopSeconds: f.hopSeconds * factor };
}

/**
 * Maps reference spans onto the recording through DTW of the two feature sequences. Pure.
 * A sentence starts at the first recording frame paired with its first reference frame and
 * ends after the last recording frame paired with its last reference frame.
 */
export function mapSpansByDtw(
  recording: Features,
  reference: Features,
  referenceSpans: TimedSpan[],
  bandFraction = 0.2,
): TimedSpan[] {
  const factor = Math.ceil(Math.max(recording.frames, reference.frames) / MAX_DTW_FRAMES);
  const a = decimate(recording, factor);
  const b = decimate(reference, factor);
  const band = Math.min(
    2500,
    Math.max(100, Math.round(bandFraction * Math.max(a.frames, b.frames))),
  );
  const { first, last } = spansOfB(dtw(a, b, band), b.frames);
  const frameOf = (seconds: number) =>
    Math.min(b.frames - 1, Math.max(0, Math.round(seconds / b.hopSeconds)));
  return referenceSpans.map((s) => {
    const start = first[frameOf(s.start)]! * a.hopSeconds;
    const end = (last[Math.max(frameOf(s.start), frameOf(s.end) - 1)]! + 1) * a.hopSeconds;
    return { text: s.text, start, end: Math.max(end, start + a.hopSeconds) };
  });
}

export const features = (pcm: Pcm): Features =>
  normaliseFeatures(mfcc(pcm.samples, pcm.sampleRate));

export interface AlignOptions {
  synthesis?: SynthesisOptions;
  bandFraction?: number;
}

/** Times each sentence (or long-sentence phrase) of `transcript` against the recording. */
export async function alignTranscript(
  recording: Pcm,
  transcript: string,
  lang: CaptionLanguage,
  options: AlignOptions = {},
): Promise<TimedSpan[]> {
  const sentences = splitSentences(transcript);
  if (sentences.length === 0) return [];
  const reference = await synthesiseReference(sentences, lang, options.synthesis);
  const rec = features(recording);
  if (rec.frames === 0) return [];
  const spans = mapSpansByDtw(rec, features(reference.pcm), reference.spans, options.bandFraction);
  const duration = recording.samples.length / recording.sampleRate;
  return spans.map((s) => ({
    ...s,
    start: Math.min(s.start, duration),
    end: Math.min(s.end, duration),
  }));
}
