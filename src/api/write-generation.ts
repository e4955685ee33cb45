import type { RequestHandler } from 'express';
import { onResponseEnd } from './response-end';

/**
 * A count of this process's write requests (anything but GET, HEAD and OPTIONS), for read caches
 * that must show a writer its own change at once (see read-cache.ts). It moves when a write starts
 * and again when its response is sent: a read that ran while the write was in flight may have seen
 * the old rows, and is not served after the writer has its answer.
 */
let writes = 0;

export const writeGeneration = (): number => writes;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function countWrites(): RequestHandler {
  return (req, res, next) => {
    if (!SAFE_METHODS.has(req.method)) {
      writes++;
      // 'finish' comes before the client can act on the answer; 'close' covers a dropped request.
      onResponseEnd(res, () => {
        writes++;
      });
    }
    next();
  };
}
