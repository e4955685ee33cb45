import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildIntegrityCheckArgs, buildProbeArgs } from './ffmpeg-args';
import {
  endedBySignal,
  isMediaToolError,
  runFfmpeg,
  runFfprobe,
  type MediaToolError,
  type RunFfmpegResult,
} from './ffmpeg-runner';
import { SIGNATURE_BYTES } from './file-signature';
import {
  assessMedia,
  classifyProbeFailure,
  findIncompleteSignal,
  type MediaKind,
  type MediaRefusal,
} from './media-rules';
import { parseProbe, withMeasuredDuration } from './parse-probe';
import { parseEbur128Summary, type LoudnessMeasurement } from './loudness';
import { selectedAudio, type ProbeResult } from './probe-result';

/** The probe step: ffprobe, a packet read for integrity and duration, then the rules. */

export interface ProbeFileOptions {
  signal?: AbortSignal;
  /** Limit for each ffprobe/ffmpeg run of the probe. */
  timeoutMs?: number;
  /** When given, the campaign's limit is applied too (assessMedia) and `kind` is returned. */
  maxDurationSeconds?: number;
  threads?: number;
  /**
   * Also measure the chosen audio track's loudness in the same read (see
   * buildIntegrityCheckArgs), so the transcode need not. Skipped for a clip already too long.
   */
  measureLoudness?: boolean;
}

export interface ProbeFileResult {
  probe: ProbeResult | null;
  refusal?: MediaRefusal;
  kind?: MediaKind;
  /** With measureLoudness, for an accepted clip with audio, when the summary was read. */
  loudness?: LoudnessMeasurement;
}

export const PROBE_TIMEOUT_MS = 120_000;
/** The demux pass can log many warnings on a damaged file; keep enough to find the cause. */
const DEMUX_LOG_BYTES = 64 * 1024;

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SIGNATURE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SIGNATURE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * A tool that exited on its own with an error has judged the file; one killed from outside
 * (or timed out, or aborted) has not, and the failure is thrown so the job is tried again.
 */
const isFileVerdict = (error: unknown): error is MediaToolError =>
  isMediaToolError(error) && error.reason === 'exit' && !endedBySignal(error);

/**
 * Probes an upload. A file that is empty, not media, or cut short gives a refusal code, not an
 * error: retrying would not change it. Errors (timeouts, a missing file, a tool killed from
 * outside) are thrown.
 */
export async function probeFile(
  inputPath: string,
  options: ProbeFileOptions = {},
): Promise<ProbeFileResult> {
  const file = path.resolve(inputPath);
  const { size } = await stat(file);
  if (size === 0) return { probe: null, refusal: 'empty' };
  const run = { signal: options.signal, timeoutMs: options.timeoutMs ?? PROBE_TIMEOUT_MS };
  let json: unknown;
  try {
    json = await runFfprobe(file, buildProbeArgs(), run);
  } catch (error) {
    if (!isFileVerdict(error)) throw error;
    const refusal = classifyProbeFailure({ stderr: error.stderrTail, head: await readHead(file) });
    return { probe: null, refusal };
  }
  let probe: ProbeResult;
  try {
    probe = parseProbe(json);
  } catch {
    return { probe: null, refusal: 'unreadable' };
  }
  let loudness: LoudnessMeasurement | undefined;
  if (probe.video || probe.audio.length) {
    const measure = options.measureLoudness ? measurableAudio(probe, options) : undefined;
    let demux: RunFfmpegResult;
    try {
      demux = await runFfmpeg(buildIntegrityCheckArgs(file, options.threads ?? 1, measure), {
        ...run,
        stderrTailBytes: DEMUX_LOG_BYTES,
      });
    } catch (error) {
      if (isFileVerdict(error)) return { probe, refusal: 'unreadable' };
      throw error;
    }
    if (findIncompleteSignal(demux.stderrTail)) return { probe, refusal: 'unreadable' };
    if (probe.durationSeconds === null && demux.outTimeSeconds) {
      probe = withMeasuredDuration(probe, demux.outTimeSeconds);
    }
    if (measure) loudness = parseEbur128Summary(demux.stderrTail) ?? undefined;
  }
  const measured = loudness ? { loudness } : {};
  if (options.maxDurationSeconds === undefined) return { probe, ...measured };
  const verdict = assessMedia(probe, {
    maxDurationSeconds: options.maxDurationSeconds,
    sizeBytes: size,
  });
  return verdict.accepted
    ? { probe, kind: verdict.kind, ...measured }
    : { probe, refusal: verdict.reason };
}

/** The track worth measuring: none when the container already says the clip is too long. */
function measurableAudio(probe: ProbeResult, options: ProbeFileOptions) {
  const tooLong =
    options.maxDurationSeconds !== undefined &&
    probe.durationSeconds !== null &&
    probe.durationSeconds > options.maxDurationSeconds;
  return tooLong ? undefined : (selectedAudio(probe) ?? undefined);
}
