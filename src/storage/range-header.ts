import { AppError } from '../domain/errors';

/** An inclusive byte range, as in `Content-Range: bytes start-end/total`. */
export interface ByteRange {
  start: number;
  end: number;
}

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

function toInt(digits: string): number | undefined {
  const n = Number(digits);
  return digits !== '' && Number.isSafeInteger(n) ? n : undefined;
}

function unsatisfiable(totalBytes: number): AppError {
  return new AppError('range_not_satisfiable', 'The requested range is not satisfiable', {
    totalBytes,
  });
}

/**
 * Parses one `Range` header against an object of `totalBytes` (RFC 9110 section 14).
 * Returns undefined when there is no header or one we choose to ignore (another unit,
 * several ranges, malformed): ignoring a Range and sending the whole object is allowed.
 * Throws range_not_satisfiable when the range lies wholly outside the object.
 */
export function parseRangeHeader(
  header: string | undefined,
  totalBytes: number,
): ByteRange | undefined {
  if (!header) return undefined;
  const match = SINGLE_RANGE.exec(header.trim().replace(/\s+/g, ''));
  if (!match) return undefined;
  const [, first = '', last = ''] = match;

  if (first === '') {
    // Suffix range: the last n bytes.
    const n = toInt(last);
    if (n === undefined) return undefined;
    if (n === 0 || totalBytes === 0) throw unsatisfiable(totalBytes);
    return { start: Math.max(0, totalBytes - n), end: totalBytes - 1 };
  }

  const start = toInt(first);
  if (start === undefined) return undefined;
  const end = last === '' ? totalBytes - 1 : toInt(last);
  if (end === undefined) return undefined;
  // last < first makes the header invalid, which is ignored rather than refused.
  if (last !== '' && end < start) return undefined;
  if (start >= totalBytes) throw unsatisfiable(totalBytes);
  return { start, end: Math.min(end, totalBytes - 1) };
}

/** `bytes a-b/total`, the value of Content-Range for a 206. */
export function contentRange(range: ByteRange, totalBytes: number): string {
  return `bytes ${range.start}-${range.end}/${totalBytes}`;
}
