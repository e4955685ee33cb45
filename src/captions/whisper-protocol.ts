import type { CaptionLanguage, TimedSpan } from './cue';

/** Messages between whisper-engine.ts and the whisper-child.ts process. */
export type WhisperRequest =
  | { op: 'check'; modelPath: string }
  | {
      op: 'transcribe';
      modelPath: string;
      wavPath: string;
      language: CaptionLanguage;
      threads: number;
    };

export type WhisperReply =
  | { ok: true; op: 'check'; multilingual: boolean }
  | { ok: true; op: 'transcribe'; segments: TimedSpan[] }
  | { ok: false; message: string };
