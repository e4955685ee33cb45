import { readFile } from 'node:fs/promises';
import { fileUrl } from '../media/ffmpeg-common';
import { runFfmpeg, timeoutForDuration } from '../media/ffmpeg-runner';
import { readWav, type Pcm } from './wav';

export const SPEECH_SAMPLE_RATE = 16000;

/**
 * Arguments to turn any upload's first audio stream into 16 kHz mono 16-bit WAV, the input
 * whisper.cpp expects and what the aligner reads. Pure: an argument array, no shell.
 */
export function speechWavArgs(inputPath: string, outputPath: string, threads = 1): string[] {
  return [
    '-loglevel',
    'error',
    '-threads',
    String(threads),
    '-i',
    fileUrl(inputPath),
    '-map',
    '0:a:0',
    '-vn',
    '-ac',
    '1',
    '-ar',
    String(SPEECH_SAMPLE_RATE),
    '-c:a',
    'pcm_s16le',
    '-f',
    'wav',
    fileUrl(outputPath),
  ];
}

export async function extractSpeechWav(
  inputPath: string,
  outputPath: string,
  options: { durationSeconds?: number | null; signal?: AbortSignal; threads?: number } = {},
): Promise<Pcm> {
  await runFfmpeg(speechWavArgs(inputPath, outputPath, options.threads ?? 1), {
    timeoutMs: timeoutForDuration(options.durationSeconds ?? null, {
      perSecondMs: 2000,
      floorMs: 60_000,
    }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return readWav(await readFile(outputPath));
}
