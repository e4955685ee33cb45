import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { AppError } from '../domain/errors';
import type { ObjectStore } from './object-store';
import { parseRangeHeader } from './range-header';
import { toAppError } from './s3-errors';

export interface SendObjectOptions {
  /** What to call the bytes; defaults to the type stored with the object. */
  contentType?: string;
  disposition?: 'inline' | 'attachment';
  filename?: string;
}

/** `attachment; filename="a.mp4"; filename*=UTF-8''a.mp4`, safe for any filename. */
export function contentDisposition(kind: 'inline' | 'attachment', filename?: string): string {
  if (!filename) return kind;
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Streams one object to an HTTP response through the API (an authorised proxy), honouring a
 * single Range: 200 with the whole object or 206 with the range. Throws AppError not_found or
 * range_not_satisfiable before anything is sent (with Content-Range `bytes * /total` set for the
 * 416). If the client goes away the S3 stream is destroyed and this resolves. If S3 fails after
 * the headers went out the response is destroyed and the error rethrown, so the error handler
 * must check res.headersSent.
 */
export async function sendObject(
  res: Response,
  store: Pick<ObjectStore, 'head' | 'getStream'>,
  key: string,
  rangeHeader: string | undefined,
  options: SendObjectOptions = {},
): Promise<void> {
  const head = await store.head(key);
  if (!head) throw new AppError('not_found', 'No such object');
  let range;
  try {
    range = parseRangeHeader(rangeHeader, head.bytes);
  } catch (e) {
    res.setHeader('Content-Range', `bytes */${head.bytes}`);
    throw e;
  }

  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', options.contentType ?? head.contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Private: only the authorised viewer's browser may keep it, and must check back first,
  // so a withdrawal takes effect at once.
  res.setHeader('Cache-Control', 'private, no-cache');
  if (head.etag) res.setHeader('ETag', head.etag);
  if (options.disposition) {
    res.setHeader('Content-Disposition', contentDisposition(options.disposition, options.filename));
  }

  if (res.req.method === 'HEAD') {
    res.status(range ? 206 : 200);
    res.setHeader('Content-Length', String(range ? range.end - range.start + 1 : head.bytes));
    if (range) res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${head.bytes}`);
    res.end();
    return;
  }

  const object = await store.getStream(key, range);
  // Only a 206 if S3 really answered the range; otherwise the body is the whole object.
  const partial = range !== undefined && object.contentRange !== undefined;
  res.status(partial ? 206 : 200);
  res.setHeader('Content-Length', String(object.contentLength));
  if (partial && object.contentRange) res.setHeader('Content-Range', object.contentRange);
  if (res.destroyed) {
    object.body.destroy(); // the client left while we were asking S3
    return;
  }
  // Whichever side failed first decides: a client leaving is normal, S3 failing is not.
  let first: 'client' | 's3' | undefined;
  res.once('close', () => {
    if (!res.writableFinished) first ??= 'client';
  });
  object.body.once('error', () => (first ??= 's3'));
  try {
    // pipeline destroys the S3 body when the response closes early, freeing the connection.
    await pipeline(object.body, res);
  } catch (e) {
    object.body.destroy();
    if (first === 'client') return;
    throw toAppError(e);
  }
}
