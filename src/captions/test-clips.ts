import type { CaptionLanguage, TimedSpan } from './cue';
import { synthesise, type SynthesisOptions } from './espeak';
import { speechBounds, type Pcm } from './wav';

/**
 * Builds a spoken clip with known sentence times, for alignment tests and the benchmark:
 * espeak-ng speaks each sentence in a different voice, speed and pitch from the aligner's
 * reference, and the sentences are joined with silences of known length plus a little noise.
 */

export const EN_SENTENCES = [
  'Every morning I help my mum get out of bed.',
  'The carer is meant to arrive at nine, but some days nobody comes.',
  'Then I have to phone the office and wait on hold.',
  'My mum likes to sit by the window and watch the birds.',
  'On Tuesdays we go to the day centre in town.',
  'She sees her friends there and they play bingo together.',
  'I worry about what happens when I am at work.',
  'The house needs a ramp so she can use her wheelchair.',
  'We asked the council last year and we are still waiting.',
  'I would like the jury to know how long the days can be.',
  'Thank you for listening to our story.',
];

export const CY_SENTENCES = [
  'Bore da.',
  "Rwy'n gofalu am fy nhad bob dydd.",
  "Mae'r gofalwr i fod i gyrraedd am naw o'r gloch.",
  'Weithiau does neb yn dod o gwbl.',
  "Wedyn rhaid i mi ffonio'r swyddfa ac aros.",
  'Mae fy nhad yn hoffi eistedd wrth y ffenest.',
  'Ar ddydd Mawrth rydyn ni yn mynd i’r ganolfan ddydd.',
  'Mae e’n gweld ei ffrindiau yno bob wythnos.',
  "Rwy'n poeni am beth sy'n digwydd pan fydda i yn y gwaith.",
  'Diolch am wrando ar ein stori ni.',
  'Hwyl fawr am y tro.',
];

export const SPEAKER_VOICES: Record<CaptionLanguage, SynthesisOptions> = {
  en: { voice: 'en-gb+m3', rate: 150, pitch: 38 },
  cy: { voice: 'cy+f2', rate: 155, pitch: 60 },
};

/** A deterministic pseudo-random sequence, so the noise (and the test) is the same every run. */
function noise(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

export interface SpokenClip {
  pcm: Pcm;
  truth: TimedSpan[];
}

export async function buildSpokenClip(
  sentences: string[],
  lang: CaptionLanguage,
  silences: number[],
  options: { speaker?: SynthesisOptions; noiseLevel?: number } = {},
): Promise<SpokenClip> {
  const speaker = options.speaker ?? SPEAKER_VOICES[lang];
  const parts: Float32Array[] = [];
  const truth: TimedSpan[] = [];
  let rate = 0;
  let at = 0;
  for (let i = 0; i < sentences.length; i++) {
    const pcm = await synthesise(sentences[i]!, lang, speaker);
    rate ||= pcm.sampleRate;
    const pause = new Float32Array(Math.round((silences[i] ?? 1) * rate));
    const { start, end } = speechBounds(pcm.samples);
    const speech = pcm.samples.subarray(start, end);
    parts.push(pause, speech);
    at += pause.length;
    truth.push({ text: sentences[i]!, start: at / rate, end: (at + speech.length) / rate });
    at += speech.length;
  }
  const tail = new Float32Array(Math.round((silences[sentences.length] ?? 1) * rate));
  parts.push(tail);
  const samples = new Float32Array(at + tail.length);
  let offset = 0;
  for (const p of parts) {
    samples.set(p, offset);
    offset += p.length;
  }
  const rnd = noise(42);
  const level = options.noiseLevel ?? 0.003;
  for (let i = 0; i < samples.length; i++) samples[i] = samples[i]! + level * rnd();
  return { pcm: { sampleRate: rate, samples }, truth };
}
