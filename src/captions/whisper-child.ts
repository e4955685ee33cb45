/**
 * Runs whisper.cpp (through @napi-rs/whisper) in its own process, started by whisper-engine.ts
 * with fork(). Native code that crashes, hangs or eats memory takes only this process with it;
 * the parent kills it on timeout. One request per process: it answers once and exits.
 */
import { readFile } from 'node:fs/promises';
import {
  Whisper,
  WhisperFullParams,
  WhisperSamplingStrategy,
  type Segment,
} from '@napi-rs/whisper';
import { readWav } from './wav';
import type { WhisperReply, WhisperRequest } from './whisper-protocol';

function reply(message: WhisperReply, code: number): void {
  // Exit explicitly: the binding's segment callback keeps the event loop alive after full().
  if (process.send) process.send(message, () => process.exit(code));
  else process.exit(code);
}

async function settle(segments: Segment[], text: string): Promise<void> {
  // Segments arrive through a thread-safe callback queued while full() ran; wait until they
  // account for the returned text (or a short while), since they hold the timings.
  const squash = (s: string) => s.replace(/\s+/g, '');
  const deadline = Date.now() + 2000;
  while (
    squash(segments.map((s) => s.text).join('')).length < squash(text).length &&
    Date.now() < deadline
  ) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function handle(req: WhisperRequest): Promise<WhisperReply> {
  const model = new Whisper(await readFile(req.modelPath));
  if (req.op === 'check') {
    // A short run on one second of silence with a small encoder context (fast) proves the
    // weights are usable, not just that the header parses.
    const probe = new WhisperFullParams(WhisperSamplingStrategy.Greedy);
    probe.nThreads = 1;
    probe.audioCtx = 64;
    probe.singleSegment = true;
    probe.maxTokens = 1;
    probe.printProgress = false;
    model.full(probe, new Float32Array(16000));
    return { ok: true, op: 'check', multilingual: model.isMultilingual !== 0 };
  }
  const { samples, sampleRate } = readWav(await readFile(req.wavPath));
  if (sampleRate !== 16000) throw new Error(`whisper needs 16 kHz audio, got ${sampleRate} Hz`);
  const params = new WhisperFullParams(WhisperSamplingStrategy.Greedy);
  params.language = req.language;
  params.nThreads = req.threads;
  params.translate = false;
  params.printProgress = false;
  params.printRealtime = false;
  params.printTimestamps = false;
  params.noContext = true;
  params.suppressBlank = true;
  const segments: Segment[] = [];
  params.onNewSegment = (s) => segments.push(s);
  const text = model.full(params, samples);
  await settle(segments, text);
  return {
    ok: true,
    op: 'transcribe',
    // whisper.cpp times segments in centiseconds.
    segments: segments
      .filter((s) => s.text.trim().length > 0)
      .map((s) => ({ text: s.text.trim(), start: s.start / 100, end: s.end / 100 })),
  };
}

process.once('message', (req: WhisperRequest) => {
  handle(req).then(
    (r) => reply(r, 0),
    (e: unknown) => reply({ ok: false, message: e instanceof Error ? e.message : String(e) }, 1),
  );
});
