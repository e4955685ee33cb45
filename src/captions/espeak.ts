import { spawn } from 'node:child_process';
import type { CaptionLanguage } from './cue';
import { readWav, type Pcm } from './wav';

/**
 * Speech synthesis with espeak-ng (Debian package; has Welsh), used as the reference signal
 * for forced alignment. Text goes in on stdin and WAV comes out on stdout: no shell, no file,
 * and text beginning with `-` can never be read as an option.
 */

export const ESPEAK_VOICES: Record<CaptionLanguage, string> = { en: 'en-gb', cy: 'cy' };

export interface SynthesisOptions {
  /** Words per minute (espeak-ng default 175). */
  rate?: number;
  /** 0-99 (default 50). */
  pitch?: number;
  /** Override the language's voice, e.g. `en-gb+f3` for a second speaker in tests. */
  voice?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export function espeakArgs(lang: CaptionLanguage, options: SynthesisOptions = {}): string[] {
  return [
    '-v',
    options.voice ?? ESPEAK_VOICES[lang],
    '-s',
    String(Math.round(options.rate ?? 175)),
    '-p',
    String(Math.round(options.pitch ?? 50)),
    '-b',
    '1', // UTF-8 input: Welsh letters (ŵ, ŷ) must survive
    '-z', // no final sentence pause: we add our own gaps
    '--stdin',
    '--stdout',
  ];
}

export function synthesise(
  text: string,
  lang: CaptionLanguage,
  options: SynthesisOptions = {},
): Promise<Pcm> {
  return new Promise((resolve, reject) => {
    const child = spawn('espeak-ng', espeakArgs(lang, options), {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let bytes = 0;
    let stderr = '';
    let failure: Error | null = null;
    const stop = (error: Error) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new Error('espeak-ng timed out')),
      options.timeoutMs ?? 30_000,
    );
    const onAbort = () => stop(new Error('espeak-ng aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes > MAX_OUTPUT_BYTES) stop(new Error('espeak-ng produced too much audio'));
      else chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-2000);
    });
    child.stdin.on('error', () => undefined); // an early exit is reported by 'close'
    child.on('error', (e) => stop(new Error(`espeak-ng could not start: ${e.message}`)));
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) return reject(failure);
      if (code !== 0) return reject(new Error(`espeak-ng exited with ${code}: ${stderr.trim()}`));
      try {
        resolve(readWav(Buffer.concat(chunks)));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    child.stdin.end(text);
  });
}
