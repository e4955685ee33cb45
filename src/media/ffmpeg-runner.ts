import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { AppError } from '../domain/errors';
import { fileUrl } from './ffmpeg-common';

/**
 * The one module that executes ffmpeg and ffprobe. Arguments arrive as arrays from the pure
 * builders and go straight to spawn: no shell, so nothing in a path or a name is interpreted.
 * fluent-ffmpeg is deliberately not used: it is archived upstream and its value (argument
 * building) is what our builders already do as data; spawn keeps kill and progress exact.
 *
 * A timeout or an abort kills the process (SIGTERM, then SIGKILL after a short grace) and the
 * promise settles only once it has exited, so the caller may remove the work directory.
 */

export type MediaTool = 'ffmpeg' | 'ffprobe';
export type MediaToolFailure = 'timeout' | 'aborted' | 'exit' | 'spawn' | 'output';

/** ffmpeg's stderr tail, kept for the failure record (never sent to a client). */
export class MediaToolError extends AppError {
  readonly tool: MediaTool;
  readonly reason: MediaToolFailure;
  readonly exitCode: number | null;
  /** The signal that ended the process, e.g. SIGKILL after a timeout's grace ran out. */
  readonly exitSignal: string | null;
  readonly stderrTail: string;

  constructor(
    tool: MediaTool,
    reason: MediaToolFailure,
    message: string,
    facts: {
      exitCode?: number | null;
      exitSignal?: string | null;
      stderrTail?: string;
      cause?: unknown;
    } = {},
  ) {
    super('internal', message, { tool, reason, exitCode: facts.exitCode ?? null });
    this.name = 'MediaToolError';
    this.tool = tool;
    this.reason = reason;
    this.exitCode = facts.exitCode ?? null;
    this.exitSignal = facts.exitSignal ?? null;
    this.stderrTail = facts.stderrTail ?? '';
    if (facts.cause !== undefined) this.cause = facts.cause;
  }
}

export const isMediaToolError = (e: unknown): e is MediaToolError => e instanceof MediaToolError;

/**
 * Whether the tool was ended from outside (the kernel's out-of-memory killer, an operator's
 * SIGTERM), not by our own timeout or abort and not because of its input: another try may
 * well succeed, so it is never a verdict on the file. ffmpeg catches SIGTERM and SIGINT and
 * exits with 255, a code it uses for nothing else (errors exit with 1).
 */
export function endedBySignal(error: MediaToolError): boolean {
  if (error.reason !== 'exit') return false;
  return error.exitSignal !== null || (error.tool === 'ffmpeg' && error.exitCode === 255);
}

export const DEFAULT_STDERR_TAIL_BYTES = 4096;
export const DEFAULT_KILL_GRACE_MS = 2000;
/** ffprobe's JSON for any real upload is a few kilobytes; a crafted file must not fill memory. */
const MAX_STDOUT_CHARS = 16 * 1024 * 1024;

/** Found on PATH (the Debian package in the worker image). */
const MEDIA_BINARIES: Record<MediaTool, string> = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };

/** The first executable called `name` on PATH, or null. */
export function findOnPath(name: string, pathVar = process.env.PATH ?? ''): string | null {
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

let setprivPath: string | null | undefined;

/**
 * The command that starts a tool. Through util-linux's setpriv where the machine has it (Debian,
 * our image): the tool gets a parent-death signal, so a worker killed outright (the out-of-memory
 * killer, `docker kill`) takes its ffmpeg with it, instead of leaving it to run on for minutes
 * with nobody to read its output. setpriv execs the tool, so the pid is the tool's own. Without
 * setpriv (macOS), the tool starts directly.
 */
export function launchCommand(
  tool: MediaTool,
  args: string[],
  setpriv: string | null,
): { command: string; args: string[] } {
  return setpriv
    ? { command: setpriv, args: ['--pdeathsig', 'KILL', '--', MEDIA_BINARIES[tool], ...args] }
    : { command: MEDIA_BINARIES[tool], args };
}

/**
 * A generous limit that grows with the clip: slow 4K HEVC decodes on two threads run below
 * real time, so allow ten times the duration, and never less than the floor.
 */
export function timeoutForDuration(
  seconds: number | null | undefined,
  options: { perSecondMs?: number; floorMs?: number } = {},
): number {
  const floor = options.floorMs ?? 120_000;
  const perSecond = options.perSecondMs ?? 10_000;
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) {
    return floor;
  }
  return Math.max(floor, Math.ceil(seconds * perSecond));
}

/** A line of ebur128's summary (`    I:         -21.8 LUFS`): a label and a number, nothing else. */
const LOUDNESS_SUMMARY_LINE = /^\s+[A-Za-z][A-Za-z ]*:\s+-?(?:\d+(?:\.\d+)?|inf) (?:LUFS|LU|dBFS)$/;

/**
 * Lines of ffmpeg's input dump (`    location        : +51.48-003.17/`) can carry location and
 * device tags; they are removed before a tail is kept anywhere.
 */
export function redactMetadataLines(text: string): string {
  return (
    text
      .split('\n')
      // Quoted keys are loudnorm's JSON report and a bare number with a loudness unit is
      // ebur128's summary, which the caller still needs; neither can hold a tag's text.
      .filter(
        (line) =>
          !/^\s{2,}[^\s:"][^:]*?\s*:\s/.test(line) ||
          /^\s*Stream #/.test(line) ||
          LOUDNESS_SUMMARY_LINE.test(line),
      )
      .join('\n')
  );
}

export interface RunOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  cwd?: string;
  stderrTailBytes?: number;
  killGraceMs?: number;
  /** Told the process id once started, for logs (and for tests that check the kill). */
  onSpawn?: (pid: number) => void;
}

export interface RunFfmpegOptions extends RunOptions {
  /** Expected output duration, to turn ffmpeg's `out_time` into a percentage. */
  durationSeconds?: number | null;
  onProgress?: (percent: number) => void;
}

export interface RunFfmpegResult {
  stderrTail: string;
  /** The last output timestamp ffmpeg reported, in seconds (null if it reported none). */
  outTimeSeconds: number | null;
}

interface Captured {
  stdout: string;
  stderrTail: string;
}

/** Spawns, enforces timeout and abort, and settles once the process has exited. */
function execute(
  tool: MediaTool,
  args: string[],
  options: RunOptions,
  onStdout?: (chunk: string) => void,
): Promise<Captured> {
  const tailBytes = options.stderrTailBytes ?? DEFAULT_STDERR_TAIL_BYTES;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new MediaToolError(tool, 'aborted', `${tool} not started: aborted`));
      return;
    }
    if (setprivPath === undefined) setprivPath = findOnPath('setpriv');
    const launch = launchCommand(tool, args, setprivPath);
    const child = spawn(launch.command, launch.args, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let stopped: { reason: MediaToolFailure; message: string; cause?: unknown } | null = null;
    let killTimer: NodeJS.Timeout | undefined;

    const stop = (reason: MediaToolFailure, message: string, cause?: unknown) => {
      if (stopped) return;
      stopped = { reason, message, cause };
      child.kill('SIGTERM');
      killTimer = setTimeout(
        () => child.kill('SIGKILL'),
        options.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
      );
    };
    const timer = setTimeout(
      () => stop('timeout', `${tool} timed out after ${options.timeoutMs} ms`),
      options.timeoutMs,
    );
    const onAbort = () => stop('aborted', `${tool} aborted`, options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (onStdout) {
        try {
          onStdout(chunk);
        } catch (error) {
          stop('output', `${tool} progress handler failed`, error);
        }
      } else {
        stdout += chunk;
        if (stdout.length > MAX_STDOUT_CHARS) stop('output', `${tool} printed too much output`);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      // Keep a bounded buffer: twice the tail, so a line cut at the edge is still whole.
      if (stderr.length > tailBytes * 2) stderr = stderr.slice(-tailBytes * 2);
    });

    const finish = () => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const tailOf = () => redactMetadataLines(stderr).slice(-tailBytes);
    child.on('error', (error) => {
      finish();
      reject(
        new MediaToolError(tool, 'spawn', `${tool} could not start: ${error.message}`, {
          cause: error,
        }),
      );
    });
    child.on('close', (code, signal) => {
      finish();
      const stderrTail = tailOf();
      if (stopped) {
        reject(
          new MediaToolError(tool, stopped.reason, stopped.message, {
            exitCode: code,
            exitSignal: signal,
            stderrTail,
            cause: stopped.cause,
          }),
        );
      } else if (launch.command !== MEDIA_BINARIES[tool] && (code === 126 || code === 127)) {
        // setpriv could not exec the tool (missing or not executable): as spawn's own ENOENT.
        reject(
          new MediaToolError(tool, 'spawn', `${tool} could not start: ${stderrTail.trim()}`, {
            exitCode: code,
            stderrTail,
          }),
        );
      } else if (code !== 0) {
        const how = code === null ? `signal ${signal ?? 'unknown'}` : `code ${code}`;
        const error = new MediaToolError(tool, 'exit', `${tool} exited with ${how}`, {
          exitCode: code,
          exitSignal: signal,
          stderrTail,
        });
        // Staff reading the failure should see it was not the file (see endedBySignal).
        if (code !== null && endedBySignal(error)) error.message += ' (stopped by a signal)';
        reject(error);
      } else resolve({ stdout, stderrTail });
    });
    if (child.pid !== undefined && options.onSpawn) {
      try {
        options.onSpawn(child.pid);
      } catch (error) {
        stop('output', `${tool} spawn handler failed`, error);
      }
    }
  });
}

/** Options the runner adds to every ffmpeg call: quiet, machine-readable progress on stdout. */
const FFMPEG_PREFIX = ['-hide_banner', '-nostdin', '-nostats', '-y', '-progress', 'pipe:1'];

/** Runs ffmpeg with builder arguments, reporting 0-100 progress from `-progress pipe:1`. */
export async function runFfmpeg(
  args: string[],
  options: RunFfmpegOptions,
): Promise<RunFfmpegResult> {
  let pending = '';
  let outTimeSeconds: number | null = null;
  let lastPercent = -1;
  const report = (percent: number) => {
    const rounded = Math.floor(percent);
    if (!options.onProgress || rounded <= lastPercent) return;
    lastPercent = rounded;
    options.onProgress(rounded);
  };
  const onStdout = (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [key, value] = line.trim().split('=', 2);
      if (key === 'out_time_us' && value && /^-?\d+$/.test(value)) {
        outTimeSeconds = Math.max(0, Number(value) / 1e6);
      } else if (key === 'progress' && value === 'end') report(100);
      else if (key === 'progress' && outTimeSeconds !== null && options.durationSeconds) {
        report(Math.min(99, (outTimeSeconds / options.durationSeconds) * 100));
      }
    }
  };
  const { stderrTail } = await execute('ffmpeg', [...FFMPEG_PREFIX, ...args], options, onStdout);
  return { stderrTail, outTimeSeconds };
}

/** Default ffprobe options when the caller gives none. */
export const DEFAULT_PROBE_ARGS = [
  '-v',
  'error',
  '-print_format',
  'json',
  '-show_format',
  '-show_streams',
];

/** Runs ffprobe on a local file and returns its parsed JSON output. */
export async function runFfprobe(
  path: string,
  args: string[] = DEFAULT_PROBE_ARGS,
  options: RunOptions,
): Promise<unknown> {
  const { stdout, stderrTail } = await execute(
    'ffprobe',
    ['-hide_banner', ...args, '-i', fileUrl(path)],
    options,
  );
  try {
    return JSON.parse(stdout) as unknown;
  } catch (error) {
    throw new MediaToolError('ffprobe', 'output', 'ffprobe printed no JSON', {
      stderrTail,
      cause: error,
    });
  }
}
