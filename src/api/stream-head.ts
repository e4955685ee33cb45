import { Readable } from 'node:stream';
import { AppError } from '../domain/errors';

/**
 * Reads the first `headBytes` of a stream for type sniffing, then hands back a stream that
 * yields the same bytes from the start, counting them and failing with `too_large` as soon as
 * `maxBytes` is passed. Nothing is buffered beyond the head and the chunk in flight.
 */
export async function peekAndLimit(
  source: Readable,
  headBytes: number,
  maxBytes: number,
): Promise<{ head: Buffer; body: Readable; bytesSeen: () => number }> {
  const it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first: Buffer[] = [];
  let have = 0;
  let done = false;
  while (have < headBytes) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    first.push(next.value);
    have += next.value.length;
  }
  const head = Buffer.concat(first);
  if (head.length > maxBytes) throw tooLarge(maxBytes);
  let count = head.length;
  async function* replay() {
    if (head.length) yield head;
    if (done) return;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      count += next.value.length;
      if (count > maxBytes) throw tooLarge(maxBytes);
      yield next.value;
    }
  }
  // The source is left as it is when we stop early: multer unpipes and drains the request
  // itself, and destroying busboy's file stream would replace our error with an AbortError.
  const body = Readable.from(replay(), { objectMode: false });
  return { head: head.subarray(0, headBytes), body, bytesSeen: () => count };
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError('too_large', `The file is larger than the limit of ${maxBytes} bytes.`, {
    maxBytes,
  });
}
