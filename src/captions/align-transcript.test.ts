import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runFfmpeg } from '../media/ffmpeg-runner';
import { alignTranscript } from './align-transcript';
import { extractSpeechWav } from './audio';
import { splitSentences } from './sentences';
import { buildSpokenClip, CY_SENTENCES, EN_SENTENCES } from './test-clips';
import { writeWav } from './wav';

describe('splitSentences', () => {
  it('splits at sentence ends and line breaks, and long sentences at clauses', () => {
    expect(splitSentences("Bore da. Rwy'n gofalu am fy nhad!\nDiolch")).toEqual([
      'Bore da.',
      "Rwy'n gofalu am fy nhad!",
      'Diolch',
    ]);
    const long =
      'On Tuesdays, when the weather is fine and the bus is on time, we go into town to see friends and have tea.';
    expect(splitSentences(long).length).toBeGreaterThan(1);
    expect(splitSentences(' ... \n ')).toEqual([]);
  });
});

describe('alignTranscript (espeak-ng speech, real ffmpeg)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'align-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['en', EN_SENTENCES.slice(0, 4)],
    ['cy', CY_SENTENCES.slice(0, 4)],
  ] as const)('times each %s sentence start within 500 ms', async (lang, sentences) => {
    // Known silences between sentences, a different voice from the aligner's reference, and a
    // round trip through AAC so the recording is not sample-identical to what was spoken.
    const clip = await buildSpokenClip([...sentences], lang, [0.7, 1.3, 0.4, 2.2, 0.9]);
    const wav = path.join(dir, `${lang}.wav`);
    const m4a = path.join(dir, `${lang}.m4a`);
    await writeFile(wav, writeWav(clip.pcm));
    await runFfmpeg(
      ['-loglevel', 'error', '-i', `file:${wav}`, '-c:a', 'aac', '-b:a', '96k', `file:${m4a}`],
      {
        timeoutMs: 60_000,
      },
    );
    const recording = await extractSpeechWav(m4a, path.join(dir, `${lang}-16k.wav`));
    const spans = await alignTranscript(recording, sentences.join(' '), lang);
    expect(spans.map((s) => s.text)).toEqual(sentences);
    spans.forEach((s, i) => {
      expect(Math.abs(s.start - clip.truth[i]!.start)).toBeLessThan(0.5);
      expect(Math.abs(s.end - clip.truth[i]!.end)).toBeLessThan(0.5);
    });
  });

  it('returns nothing for an empty transcript', async () => {
    expect(
      await alignTranscript({ sampleRate: 16000, samples: new Float32Array(16000) }, '  ', 'en'),
    ).toEqual([]);
  });
});
