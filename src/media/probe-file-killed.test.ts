import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { endedBySignal, isMediaToolError, MediaToolError, runFfmpeg } from './ffmpeg-runner';
import { MEDIA_DIR } from './test-fixtures';

/**
 * A probe whose ffmpeg or ffprobe is killed from outside (the out-of-memory killer, an
 * operator) has learnt nothing about the file: it must throw, so the job is tried again, and
 * never refuse the upload as unreadable. The kill comes from a wrapper found first on PATH,
 * so the probe runs in a process of its own (PATH is read when ffmpeg is spawned).
 */

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const CLIP = path.join(MEDIA_DIR, 'welsh-speech.mp4');

/** A wrapper that kills itself with `signal` when called for the integrity read (`-f null`). */
const killingWrapper = (real: string, signal: string, always = false) => `#!/bin/sh
${always ? `kill -${signal} $$` : ''}
for a in "$@"; do
  if [ "$a" = "null" ]; then kill -${signal} $$; fi
done
exec ${real} "$@"
`;

/** Probes CLIP in a child process whose PATH finds the wrappers in `bin` first. */
async function probeWith(bin: string): Promise<Record<string, unknown>> {
  const script = `
    const { probeFile } = require(${JSON.stringify(path.join(ROOT, 'src/media/probe-file.ts'))});
    probeFile(${JSON.stringify(CLIP)}, { maxDurationSeconds: 600, measureLoudness: true }).then(
      (r) => console.log(JSON.stringify({ refusal: r.refusal ?? null, kind: r.kind ?? null })),
      (e) => console.log(JSON.stringify({ thrown: e.name, reason: e.reason, exitSignal: e.exitSignal })),
    );`;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` },
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

let bin: string;
beforeEach(async () => {
  bin = await mkdtemp(path.join(tmpdir(), 'probe-killed-'));
});
afterEach(async () => {
  await rm(bin, { recursive: true, force: true });
});

async function install(name: string, text: string) {
  await writeFile(path.join(bin, name), text);
  await chmod(path.join(bin, name), 0o755);
}

it('throws, not refuses, when the integrity read is killed with SIGKILL', async () => {
  await install('ffmpeg', killingWrapper('/usr/bin/ffmpeg', 'KILL'));
  expect(await probeWith(bin)).toEqual({
    thrown: 'MediaToolError',
    reason: 'exit',
    exitSignal: 'SIGKILL',
  });
}, 60_000);

it('throws, not refuses, when the integrity read is ended with SIGTERM', async () => {
  await install('ffmpeg', killingWrapper('/usr/bin/ffmpeg', 'TERM'));
  expect(await probeWith(bin)).toEqual({
    thrown: 'MediaToolError',
    reason: 'exit',
    exitSignal: 'SIGTERM',
  });
}, 60_000);

it('throws, not refuses, when ffprobe is killed', async () => {
  await install('ffprobe', killingWrapper('/usr/bin/ffprobe', 'KILL', true));
  expect(await probeWith(bin)).toEqual({
    thrown: 'MediaToolError',
    reason: 'exit',
    exitSignal: 'SIGKILL',
  });
}, 60_000);

it('still accepts the clip through the same harness when nothing is killed', async () => {
  expect(await probeWith(bin)).toEqual({ refusal: null, kind: 'video' });
}, 60_000);

it('ffmpeg that catches a SIGTERM from outside exits 255, counted as ended by a signal', async () => {
  const endless = ['-loglevel', 'warning', '-re', '-f', 'lavfi', '-i', 'testsrc=s=64x64:r=25'];
  let pid = 0;
  const error = await runFfmpeg([...endless, '-f', 'null', '-'], {
    timeoutMs: 30_000,
    durationSeconds: 3600,
    onSpawn: (p) => (pid = p),
    // Once it reports progress it is running, as an operator's kill would find it.
    onProgress: () => process.kill(pid, 'SIGTERM'),
  }).then(
    () => new Error('expected the run to fail'),
    (e: unknown) => e,
  );
  if (!isMediaToolError(error)) throw error;
  expect({ reason: error.reason, exitCode: error.exitCode }).toEqual({
    reason: 'exit',
    exitCode: 255,
  });
  expect(endedBySignal(error)).toBe(true);
  expect(error.message).toBe('ffmpeg exited with code 255 (stopped by a signal)');
}, 60_000);

describe('endedBySignal', () => {
  const exit = (tool: 'ffmpeg' | 'ffprobe', exitCode: number | null, exitSignal: string | null) =>
    new MediaToolError(tool, 'exit', 'x', { exitCode, exitSignal });

  it('is true for a process ended by a signal', () => {
    expect(endedBySignal(exit('ffmpeg', null, 'SIGKILL'))).toBe(true);
    expect(endedBySignal(exit('ffprobe', null, 'SIGTERM'))).toBe(true);
  });

  it("is true for ffmpeg's own exit after catching SIGTERM (code 255)", () => {
    expect(endedBySignal(exit('ffmpeg', 255, null))).toBe(true);
  });

  it('is false for an error exit, which is a verdict on the file', () => {
    expect(endedBySignal(exit('ffmpeg', 1, null))).toBe(false);
    expect(endedBySignal(exit('ffprobe', 1, null))).toBe(false);
  });

  it('is false for our own timeout or abort, which end with a signal too', () => {
    const timedOut = new MediaToolError('ffmpeg', 'timeout', 'x', { exitSignal: 'SIGTERM' });
    expect(endedBySignal(timedOut)).toBe(false);
  });
});
