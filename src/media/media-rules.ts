import { AppError } from '../domain/errors';
import { sniffHead } from './file-signature';
import { isImageFormat } from './parse-probe';
import { selectedAudio, type ProbeResult } from './probe-result';

/**
 * Pure rules: is an upload something we can turn into a story, and if not, why not. Only codes
 * are returned; the plain-language texts live in the message catalogue under
 * `media.refusal.<code>`.
 */

export const MEDIA_REFUSALS = [
  'empty',
  'not_media',
  'unreadable',
  'too_long',
  'no_usable_stream',
] as const;
export type MediaRefusal = (typeof MEDIA_REFUSALS)[number];

export type MediaKind = 'video' | 'audio';

export type MediaAssessment =
  { accepted: true; kind: MediaKind } | { accepted: false; reason: MediaRefusal };

export interface AssessOptions {
  maxDurationSeconds: number;
  sizeBytes: number;
}

/**
 * Phones stop "10 minute" recordings a few frames late and containers round up; a clip is
 * refused as too long only when it is clearly over.
 */
export const DURATION_TOLERANCE_SECONDS = 1;

const refuse = (reason: MediaRefusal): MediaAssessment => ({ accepted: false, reason });

/**
 * Any size or shape of picture is accepted (8K, odd sizes, portrait): renditions are scaled to
 * fit. A file with audio and no picture becomes an audio story.
 */
export function assessMedia(probe: ProbeResult | null, options: AssessOptions): MediaAssessment {
  if (options.sizeBytes === 0) return refuse('empty');
  if (!probe) return refuse('unreadable');
  if (isImageFormat(probe.formatName)) return refuse('not_media');
  const hasAudio = selectedAudio(probe) !== null;
  if (!probe.video && !hasAudio) return refuse('no_usable_stream');
  const duration = probe.durationSeconds;
  if (duration === null || !(duration > 0)) return refuse('unreadable');
  if (duration > options.maxDurationSeconds + DURATION_TOLERANCE_SECONDS) return refuse('too_long');
  return { accepted: true, kind: probe.video ? 'video' : 'audio' };
}

export interface ProbeFailure {
  /** ffprobe's stderr. */
  stderr: string;
  /** The file's first bytes (SIGNATURE_BYTES of them), when they could be read. */
  head?: Uint8Array;
}

/** Demuxer messages that mean the data stops before the container says it should. */
const INCOMPLETE =
  /moov atom not found|partial file|File ended prematurely|Truncat|Unexpected end|end of file|EBML header parsing failed/i;

/**
 * ffprobe could not open the file: was it ever a recording? The file's signature decides;
 * ffprobe's message is only a fallback because for a `.mp4` name it reports "moov atom not
 * found" for a web page and a cut-off MP4 alike.
 */
export function classifyProbeFailure(failure: ProbeFailure): 'not_media' | 'unreadable' {
  const signature = failure.head ? sniffHead(failure.head) : 'unknown';
  if (signature === 'media') return 'unreadable';
  if (signature !== 'unknown') return 'not_media';
  if (INCOMPLETE.test(failure.stderr)) return 'unreadable';
  if (/not on whitelist|Invalid data found when processing input/i.test(failure.stderr)) {
    return 'not_media';
  }
  return 'unreadable';
}

/**
 * ffprobe succeeded but a full read of the packets (buildIntegrityCheckArgs) found the data
 * ends early: an MP4 with its index first but its media cut off, or a WebM upload that
 * stopped. Returns the evidence line, or null when the file is whole.
 */
export function findIncompleteSignal(demuxLog: string): string | null {
  const line = demuxLog.split('\n').find((l) => /partial file|File ended prematurely/i.test(l));
  return line === undefined ? null : line.trim();
}

/** Key of the plain-language explanation in the message catalogue. */
export const refusalMessageKey = (reason: MediaRefusal): string => `media.refusal.${reason}`;

/**
 * An AppError for a refusal, for callers that answer synchronously; carries only the code and
 * catalogue key, never anything from the file.
 */
export function refusalError(reason: MediaRefusal): AppError {
  const code = reason === 'not_media' ? 'unsupported_type' : 'unreadable_media';
  return new AppError(code, `media refused: ${reason}`, {
    reason,
    messageKey: refusalMessageKey(reason),
  });
}
