import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extractSpeechWav } from './audio';
import {
  checkWhisperModel,
  transcribeWithWhisper,
  WhisperModelError,
  whisperThreads,
} from './whisper-engine';

const MODEL =
  process.env.WHISPER_TEST_MODEL ??
  path.join(__dirname, '../../../shared/models/whisper-for-tests-tiny.en.bin');
const MEDIA = process.env.SHARED_MEDIA_DIR ?? path.join(__dirname, '../../../shared/media');

describe('whisper engine (child process, test model)', () => {
  let dir: string;
  let wav: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'whisper-test-'));
    wav = path.join(dir, 'speech.wav');
    await extractSpeechWav(path.join(MEDIA, 'welsh-speech.mp4'), wav);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the test model and reports it English-only', async () => {
    const info = await checkWhisperModel(MODEL);
    expect(info).toMatchObject({ path: MODEL, multilingual: false });
    expect(info.bytes).toBeGreaterThan(0);
  });

  it('says clearly when the model file is missing', async () => {
    const missing = path.join(dir, 'nope.bin');
    await expect(checkWhisperModel(missing)).rejects.toThrow(WhisperModelError);
    await expect(checkWhisperModel(missing)).rejects.toThrow(
      `WHISPER_MODEL=${missing}: no model file there`,
    );
  });

  it('says clearly when the file is not a model', async () => {
    const garbage = path.join(dir, 'garbage.bin');
    await writeFile(garbage, 'this is not a ggml model, it is a text file');
    await expect(checkWhisperModel(garbage)).rejects.toThrow(/is not a whisper\.cpp ggml model/);
    await expect(checkWhisperModel(dir)).rejects.toThrow(/is not a file/);
  });

  it('transcribes welsh-speech.mp4 audio without error (the test model hears nothing)', async () => {
    const spans = await transcribeWithWhisper(wav, {
      modelPath: MODEL,
      language: 'cy',
      threads: 2,
      timeoutMs: 60_000,
    });
    expect(spans).toEqual([]);
  });

  it('kills the child on timeout', async () => {
    await expect(
      transcribeWithWhisper(wav, { modelPath: MODEL, language: 'en', threads: 1, timeoutMs: 50 }),
    ).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('caps threads', () => {
    expect(whisperThreads(64)).toBe(8);
    expect(whisperThreads(2)).toBe(2);
    expect(whisperThreads(0)).toBeGreaterThanOrEqual(1);
  });
});
