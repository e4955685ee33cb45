import { readFile } from 'node:fs/promises';
import { alignTranscript } from './align-transcript';
import type { CaptionFormat, CaptionLanguage, CaptionSource, Cue } from './cue';
import { parseCaptions } from './parse-captions';
import { cuesFromSpans, layoutForFrame } from './segment-cues';
import { readWav } from './wav';
import { transcribeWithWhisper } from './whisper-engine';

/**
 * The three ways to captions behind one interface: speech recognition (whisper.cpp), a caption
 * file someone brings (SRT/WebVTT), and a plain transcript timed by forced alignment. Each turns
 * one clip's audio (16 kHz mono WAV, see audio.ts) into cues laid out for its frame.
 */
export interface CaptionInput {
  /** 16 kHz mono WAV of the clip's speech. */
  wavPath: string;
  language: CaptionLanguage;
  durationSeconds: number | null;
  /** Displayed frame, to size lines; null for audio stories (shown 16:9). */
  frame: { width: number; height: number } | null;
  signal?: AbortSignal;
}

export interface CaptionEngine {
  readonly source: CaptionSource;
  captions(input: CaptionInput): Promise<Cue[]>;
}

export function whisperEngine(options: {
  modelPath: string;
  threads: number;
  /** Milliseconds of timeout per second of audio (floor two minutes). */
  timeoutPerSecondMs?: number;
}): CaptionEngine {
  return {
    source: 'asr',
    async captions(input) {
      const seconds = input.durationSeconds ?? 600;
      const spans = await transcribeWithWhisper(input.wavPath, {
        modelPath: options.modelPath,
        language: input.language,
        threads: options.threads,
        timeoutMs: Math.max(120_000, seconds * (options.timeoutPerSecondMs ?? 10_000)),
        ...(input.signal ? { signal: input.signal } : {}),
      });
      return cuesFromSpans(spans, input.language, layoutForFrame(input.frame));
    },
  };
}

export function transcriptEngine(transcript: string): CaptionEngine {
  return {
    source: 'transcript',
    async captions(input) {
      const recording = readWav(await readFile(input.wavPath));
      const spans = await alignTranscript(recording, transcript, input.language, {
        ...(input.signal ? { synthesis: { signal: input.signal } } : {}),
      });
      return cuesFromSpans(spans, input.language, layoutForFrame(input.frame));
    },
  };
}

/** A file's own timing and line breaks are kept: its author chose them. */
export function uploadedFileEngine(text: string, format: CaptionFormat): CaptionEngine {
  return {
    source: 'upload',
    async captions(input) {
      return parseCaptions(text, format, input.durationSeconds).map(({ start, end, text: t }) => ({
        start,
        end,
        text: t,
      }));
    },
  };
}
