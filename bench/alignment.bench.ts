import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { alignTranscript } from '../src/captions/align-transcript';
import { extractSpeechWav } from '../src/captions/audio';
import type { CaptionLanguage } from '../src/captions/cue';
import { buildSpokenClip, CY_SENTENCES, EN_SENTENCES } from '../src/captions/test-clips';
import { writeWav } from '../src/captions/wav';
import { runFfmpeg } from '../src/media/ffmpeg-runner';

/**
 * Forced-alignment accuracy and speed: English and Welsh clips of 11 sentences spoken by
 * espeak-ng in a different voice from the aligner's reference, joined by known silences
 * (0.3-3 s) with a little noise and an AAC round trip. Reports the absolute error of sentence
 * starts and ends (ms) and processing time per minute of audio.
 * Targets: median < 150 ms, max < 500 ms.
 */

const SILENCES = [0.8, 1.2, 0.5, 2.5, 0.7, 1.0, 3.0, 0.4, 1.5, 0.9, 0.3, 1.0];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function benchLanguage(lang: CaptionLanguage, sentences: string[], dir: string) {
  const clip = await buildSpokenClip(sentences, lang, SILENCES);
  const wav = path.join(dir, `${lang}.wav`);
  const m4a = path.join(dir, `${lang}.m4a`);
  await writeFile(wav, writeWav(clip.pcm));
  await runFfmpeg(
    ['-loglevel', 'error', '-i', `file:${wav}`, '-c:a', 'aac', '-b:a', '96k', `file:${m4a}`],
    {
      timeoutMs: 120_000,
    },
  );
  const started = performance.now();
  const recording = await extractSpeechWav(m4a, path.join(dir, `${lang}-16k.wav`));
  const spans = await alignTranscript(recording, sentences.join(' '), lang);
  const ms = performance.now() - started;
  const seconds = recording.samples.length / recording.sampleRate;
  const startErrors = spans.map((s, i) => Math.abs(s.start - clip.truth[i]!.start) * 1000);
  const endErrors = spans.map((s, i) => Math.abs(s.end - clip.truth[i]!.end) * 1000);
  const all = [...startErrors, ...endErrors];
  return {
    sentences: sentences.length,
    audioSeconds: Math.round(seconds * 10) / 10,
    startErrorMs: {
      median: Math.round(median(startErrors)),
      max: Math.round(Math.max(...startErrors)),
    },
    endErrorMs: { median: Math.round(median(endErrors)), max: Math.round(Math.max(...endErrors)) },
    medianErrorMs: Math.round(median(all)),
    maxErrorMs: Math.round(Math.max(...all)),
    processingSecondsPerAudioMinute: Math.round((ms / 1000 / (seconds / 60)) * 100) / 100,
  };
}

export async function benchAlignment(): Promise<object> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-align-'));
  try {
    const en = await benchLanguage('en', EN_SENTENCES, dir);
    const cy = await benchLanguage('cy', CY_SENTENCES, dir);
    return {
      name: 'alignment',
      targets: { medianErrorMs: 150, maxErrorMs: 500 },
      en,
      cy,
      pass: [en, cy].every((r) => r.medianErrorMs < 150 && r.maxErrorMs < 500),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchAlignment().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
