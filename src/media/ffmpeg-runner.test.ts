import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '../../test/support/wait-for';
import {
  findOnPath,
  isMediaToolError,
  launchCommand,
  MediaToolError,
  redactMetadataLines,
  runFfmpeg,
  runFfprobe,
  timeoutForDuration,
} from './ffmpeg-runner';
import { FIXTURE_DIR, MEDIA_DIR } from './test-fixtures';

/** A synthetic source ffmpeg can read for ever, so only a kill ends it. */
const ENDLESS = ['-loglevel', 'warning', '-re', '-f', 'lavfi', '-i', 'testsrc=s=64x64:r=25'];
const NULL_OUT = ['-f', 'null', '-'];

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function failureOf(run: Promise<unknown>): Promise<MediaToolError> {
  const error = await run.then(
    () => new Error('expected the run to fail'),
    (e: unknown) => e,
  );
  if (!isMediaToolError(error)) throw error;
  return error;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'media-runner-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runFfmpeg', () => {
  it('reports rising progress ending at 100 and the output time reached', async () => {
    const seen: number[] = [];
    const result = await runFfmpeg(
      ['-loglevel', 'warning', '-f', 'lavfi', '-i', 'testsrc=s=64x64:r=25:d=4', ...NULL_OUT],
      { timeoutMs: 30_000, durationSeconds: 4, onProgress: (p) => seen.push(p) },
    );
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
    expect(result.outTimeSeconds).toBeCloseTo(4, 0);
  });

  it('rejects with the exit code and the tail of stderr', async () => {
    const error = await failureOf(
      runFfmpeg(['-loglevel', 'error', '-i', path.join(dir, 'missing.mp4'), ...NULL_OUT], {
        timeoutMs: 30_000,
      }),
    );
    expect(error).toBeInstanceOf(MediaToolError);
    expect([error.reason, error.exitCode, error.code]).toEqual(['exit', 1, 'internal']);
    expect(error.stderrTail).toMatch(/No such file or directory/);
    // The tail is kept out of the client-facing details.
    expect(JSON.stringify(error.details)).not.toContain('missing.mp4');
  });

  it('keeps at most the requested tail of a long stderr', async () => {
    const error = await failureOf(
      runFfmpeg(
        [
          '-loglevel',
          'debug',
          '-f',
          'lavfi',
          '-i',
          'testsrc=d=1',
          '-c:v',
          'no-such-codec',
          ...NULL_OUT,
        ],
        { timeoutMs: 30_000, stderrTailBytes: 512 },
      ),
    );
    expect(error.stderrTail.length).toBeLessThanOrEqual(512);
    expect(error.stderrTail).toMatch(/Unknown encoder 'no-such-codec'/);
  });

  it('kills the process on timeout and settles only once it has exited', async () => {
    let pid = 0;
    const error = await failureOf(
      runFfmpeg([...ENDLESS, ...NULL_OUT], {
        timeoutMs: 300,
        onSpawn: (p) => (pid = p),
      }),
    );
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(/timed out after 300 ms/);
    expect(isAlive(pid)).toBe(false);
  });

  it('escalates to SIGKILL when ffmpeg does not stop on SIGTERM', async () => {
    // ffmpeg blocked reading a pipe only notes SIGTERM (the read restarts), like a stuck mount.
    const fifo = path.join(dir, 'stalled.fifo');
    execFileSync('mkfifo', [fifo]);
    let pid = 0;
    const run = failureOf(
      runFfmpeg(
        ['-loglevel', 'warning', '-f', 's16le', '-ar', '8000', '-ac', '1', '-i', fifo, ...NULL_OUT],
        {
          // Room for ffmpeg to start on a busy machine before the timeout is what it meets.
          timeoutMs: 3000,
          killGraceMs: 300,
          onSpawn: (p) => (pid = p),
        },
      ),
    );
    // Read-write, so opening never waits for a reader (an ffmpeg slow to start would hang it).
    const writer = await open(fifo, 'r+');
    await writer.write(Buffer.alloc(16_000));
    const error = await run;
    await writer.close();
    expect([error.reason, error.exitSignal]).toEqual(['timeout', 'SIGKILL']);
    expect(isAlive(pid)).toBe(false);
  });

  it('kills the process when the caller aborts', async () => {
    const controller = new AbortController();
    let pid = 0;
    const error = await failureOf(
      runFfmpeg([...ENDLESS, ...NULL_OUT], {
        timeoutMs: 60_000,
        signal: controller.signal,
        onSpawn: (p) => (pid = p),
        durationSeconds: 100,
        onProgress: () => controller.abort(new Error('job cancelled')),
      }),
    );
    expect(error.reason).toBe('aborted');
    expect((error.cause as Error).message).toBe('job cancelled');
    expect(isAlive(pid)).toBe(false);
  });

  it('does not start when already aborted', async () => {
    let started = false;
    const error = await failureOf(
      runFfmpeg([...ENDLESS, ...NULL_OUT], {
        timeoutMs: 60_000,
        signal: AbortSignal.abort(),
        onSpawn: () => (started = true),
      }),
    );
    expect([error.reason, started]).toEqual(['aborted', false]);
  });

  it('stops ffmpeg when the progress handler throws', async () => {
    const error = await failureOf(
      runFfmpeg([...ENDLESS, ...NULL_OUT], {
        timeoutMs: 60_000,
        durationSeconds: 100,
        onProgress: () => {
          throw new Error('progress store down');
        },
      }),
    );
    expect(error.reason).toBe('output');
    expect((error.cause as Error).message).toBe('progress store down');
  });
});

describe('the launch command', () => {
  it('goes through setpriv with a parent-death signal when the machine has it', () => {
    expect(launchCommand('ffmpeg', ['-i', 'in.mov'], '/usr/bin/setpriv')).toEqual({
      command: '/usr/bin/setpriv',
      args: ['--pdeathsig', 'KILL', '--', 'ffmpeg', '-i', 'in.mov'],
    });
  });

  it('starts the tool directly without it', () => {
    expect(launchCommand('ffprobe', ['-i', 'in.mov'], null)).toEqual({
      command: 'ffprobe',
      args: ['-i', 'in.mov'],
    });
  });

  it('finds executables on PATH, skipping empty entries and non-executables', () => {
    const bin = path.join(dir, 'bin');
    execFileSync('mkdir', ['-p', bin]);
    writeFileSync(path.join(bin, 'plain-file'), 'not a program', { mode: 0o644 });
    writeFileSync(path.join(bin, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findOnPath('tool', `::${bin}`)).toBe(path.join(bin, 'tool'));
    expect(findOnPath('plain-file', bin)).toBeNull();
    expect(findOnPath('tool', '/nonexistent')).toBeNull();
  });
});

describe('a worker killed outright', () => {
  it('takes its ffmpeg with it instead of leaving it running', async () => {
    // A stand-in worker: runs an endless ffmpeg through the runner and prints its pid.
    const script = path.join(dir, 'endless-worker.mts');
    writeFileSync(
      script,
      `import { runFfmpeg } from ${JSON.stringify(path.resolve(__dirname, 'ffmpeg-runner.ts'))};
       void runFfmpeg(${JSON.stringify([...ENDLESS, ...NULL_OUT])}, {
         timeoutMs: 600_000,
         onSpawn: (pid) => console.log(pid),
       });`,
    );
    const worker = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    worker.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const ffmpegPid = await waitFor(() => Number(out.trim()) || undefined, {
      what: 'the stand-in worker to start ffmpeg',
      timeoutMs: 30_000,
    });
    // setpriv execs ffmpeg under the same pid.
    await waitFor(() => readFileSync(`/proc/${ffmpegPid}/comm`, 'utf8').trim() === 'ffmpeg', {
      what: 'setpriv to become ffmpeg',
    });
    worker.kill('SIGKILL');
    await waitFor(() => !isAlive(ffmpegPid), {
      what: `ffmpeg ${ffmpegPid} to die with its worker`,
      timeoutMs: 10_000,
    });
    expect(isAlive(ffmpegPid)).toBe(false);
  });

  it('reports a tool missing from PATH as unable to start, through setpriv too', () => {
    // A PATH holding only setpriv (when the machine has it): setpriv starts, ffprobe cannot.
    const only = path.join(dir, 'only-setpriv');
    execFileSync('mkdir', ['-p', only]);
    const setpriv = findOnPath('setpriv');
    if (setpriv) execFileSync('ln', ['-sf', setpriv, path.join(only, 'setpriv')]);
    const script = path.join(dir, 'missing-tool.mts');
    writeFileSync(
      script,
      `import { runFfprobe } from ${JSON.stringify(path.resolve(__dirname, 'ffmpeg-runner.ts'))};
       await runFfprobe('any.mp4', undefined, { timeoutMs: 10_000 }).then(
         () => console.log('started'),
         (e) => console.log(JSON.stringify({ reason: e.reason, message: e.message })),
       );`,
    );
    // spawn reads the real environment, not jest's copy: the PATH goes to a process of its own.
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, PATH: only },
      encoding: 'utf8',
    });
    const { reason, message } = JSON.parse(out.trim()) as { reason: string; message: string };
    expect(reason).toBe('spawn');
    expect(message).toMatch(/^ffprobe could not start/);
  });
});

describe('runFfprobe', () => {
  it('returns the parsed JSON', async () => {
    const json = (await runFfprobe(path.join(MEDIA_DIR, 'welsh-speech.mp4'), undefined, {
      timeoutMs: 30_000,
    })) as { format: { format_name: string } };
    expect(json.format.format_name).toBe('mov,mp4,m4a,3gp,3g2,mj2');
  });

  it('rejects with the stderr the failure classifier reads', async () => {
    const error = await failureOf(
      runFfprobe(path.join(MEDIA_DIR, 'truncated.mp4'), undefined, { timeoutMs: 30_000 }),
    );
    expect([error.tool, error.reason, error.exitCode]).toEqual(['ffprobe', 'exit', 1]);
    expect(error.stderrTail).toMatch(/moov atom not found/);
  });
});

describe('timeoutForDuration', () => {
  it.each([
    [null, 120_000],
    [0, 120_000],
    [5, 120_000],
    [60, 600_000],
    [600, 6_000_000],
    [Number.NaN, 120_000],
  ])('%p s -> %p ms', (seconds, ms) => {
    expect(timeoutForDuration(seconds)).toBe(ms);
  });

  it('takes a different floor and rate', () => {
    expect(timeoutForDuration(10, { floorMs: 1000, perSecondMs: 500 })).toBe(5000);
  });
});

describe('redactMetadataLines', () => {
  it('drops tag lines of the input dump and keeps errors and the loudnorm report', () => {
    const recorded = JSON.parse(
      readFileSync(path.join(FIXTURE_DIR, 'loudnorm-stderr.json'), 'utf8'),
    ) as Array<{ stderr: string }>;
    const stderr =
      '  Metadata:\n    com.apple.quicktime.location.ISO6709: +51.4816-003.1791+012.000/\n' +
      '    location        : +51.4816-003.1791/\n  Stream #0:0(und): Video: hevc\n' +
      '[h264 @ 0x1] Invalid NAL unit size\n' +
      (recorded[0]?.stderr ?? '');
    const redacted = redactMetadataLines(stderr);
    expect(redacted).not.toMatch(/51\.4816|handler_name|vendor_id/);
    expect(redacted).toContain('Stream #0:0(und): Video: hevc');
    expect(redacted).toContain('[h264 @ 0x1] Invalid NAL unit size');
    expect(redacted).toContain('"input_i" : "-19.43"');
  });

  it("keeps ebur128's summary numbers but not a tag written to look like one", () => {
    const summary =
      '[Parsed_ebur128_2 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         -21.8 LUFS\n' +
      '    Threshold: -31.8 LUFS\n\n  True peak:\n    Peak:      -inf dBFS';
    const tags = '    location        : +51.4816-003.1791/ LUFS\n    title           : 1.0 LU dBFS';
    const redacted = redactMetadataLines(`${tags}\n${summary}`);
    expect(redacted).toContain('    I:         -21.8 LUFS');
    expect(redacted).toContain('    Peak:      -inf dBFS');
    expect(redacted).not.toMatch(/51\.4816|title/);
  });
});
