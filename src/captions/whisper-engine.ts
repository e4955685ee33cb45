import { fork } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CaptionLanguage, TimedSpan } from './cue';
import type { WhisperReply, WhisperRequest } from './whisper-protocol';

/**
 * Speech recognition with whisper.cpp, always in a child process (see whisper-child.ts): a
 * native crash or hang must not take the worker down, and a timeout must really stop the work
 * (SIGKILL), which no in-process native call allows.
 */

export class WhisperModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WhisperModelError';
  }
}

export class WhisperRunError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'aborted' | 'crash' | 'failed',
  ) {
    super(message);
    this.name = 'WhisperRunError';
  }
}

/** ggml model files start with the magic 0x67676d6c, stored little-endian ("lmgg"). */
const GGML_MAGIC = 0x67676d6c;
const MAX_THREADS = 8;

const CHILD = path.join(__dirname, `whisper-child${path.extname(__filename) || '.js'}`);

function runChild(
  request: WhisperRequest,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<WhisperReply> {
  // From TypeScript sources (tsx, jest) the child needs tsx's loader; a built .js does not.
  const execArgv = CHILD.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let answer: WhisperReply | null = null;
    let stopped: WhisperRunError | null = null;
    let stderr = '';
    const stop = (error: WhisperRunError) => {
      stopped ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new WhisperRunError(`whisper timed out after ${options.timeoutMs} ms`, 'timeout')),
      options.timeoutMs,
    );
    const onAbort = () => stop(new WhisperRunError('whisper aborted', 'aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-2000);
    });
    child.on('message', (m: WhisperReply) => {
      answer = m;
    });
    child.on('error', (e) =>
      stop(new WhisperRunError(`whisper runner failed: ${e.message}`, 'crash')),
    );
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (stopped) return reject(stopped);
      if (answer) return resolve(answer);
      const how = signal ? `signal ${signal}` : `code ${code}`;
      reject(
        new WhisperRunError(
          `whisper runner exited with ${how}: ${stderr.trim().slice(-500)}`,
          'crash',
        ),
      );
    });
    if (options.signal?.aborted) onAbort();
    else child.send(request);
  });
}

export interface WhisperModelInfo {
  path: string;
  bytes: number;
  /** English-only models (`*.en.bin`) cannot transcribe Welsh. */
  multilingual: boolean;
}

/**
 * Checks WHISPER_MODEL at start-up, so a missing or wrong file is reported at once with its
 * path, not as a failed job hours later: the file exists, starts with the ggml magic, and
 * whisper.cpp loads it (in a child process).
 */
export async function checkWhisperModel(
  modelPath: string,
  timeoutMs = 120_000,
): Promise<WhisperModelInfo> {
  const where = `WHISPER_MODEL=${modelPath}`;
  let bytes: number;
  try {
    const s = await stat(modelPath);
    if (!s.isFile()) throw new WhisperModelError(`${where} is not a file`);
    bytes = s.size;
  } catch (e) {
    if (e instanceof WhisperModelError) throw e;
    throw new WhisperModelError(
      `${where}: no model file there (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
  const head = Buffer.alloc(4);
  const fh = await open(modelPath, 'r');
  try {
    await fh.read(head, 0, 4, 0);
  } finally {
    await fh.close();
  }
  if (bytes < 4 || head.readUInt32LE(0) !== GGML_MAGIC) {
    throw new WhisperModelError(
      `${where} is not a whisper.cpp ggml model (wrong file header); download one with ` +
        '`npx download-whisper-model base` or see https://huggingface.co/ggerganov/whisper.cpp',
    );
  }
  const reply = await runChild({ op: 'check', modelPath }, { timeoutMs }).catch((e: Error) => {
    throw new WhisperModelError(`${where} could not be loaded: ${e.message}`);
  });
  if (!reply.ok || reply.op !== 'check') {
    throw new WhisperModelError(
      `${where} could not be loaded: ${reply.ok ? 'no answer' : reply.message}`,
    );
  }
  return { path: modelPath, bytes, multilingual: reply.multilingual };
}

export const whisperThreads = (configured: number): number =>
  Math.max(1, Math.min(MAX_THREADS, configured > 0 ? configured : os.availableParallelism()));

export interface TranscribeOptions {
  modelPath: string;
  language: CaptionLanguage;
  threads: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Transcribes a 16 kHz mono WAV file into timed segments. */
export async function transcribeWithWhisper(
  wavPath: string,
  options: TranscribeOptions,
): Promise<TimedSpan[]> {
  const reply = await runChild(
    {
      op: 'transcribe',
      modelPath: options.modelPath,
      wavPath,
      language: options.language,
      threads: whisperThreads(options.threads),
    },
    { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) },
  );
  if (!reply.ok) throw new WhisperRunError(`whisper failed: ${reply.message}`, 'failed');
  if (reply.op !== 'transcribe')
    throw new WhisperRunError('whisper answered the wrong request', 'failed');
  return reply.segments;
}
