import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's headers, worked out once at start and then set on every answer. Our policy has no
 * per-request part (no nonces, no functions in the directives), so helmet's answer is the same
 * for every request; asking it once spares every request its chain of eleven middleware, which
 * showed in the busiest read (bench/review-queue.bench.ts). helmet stays the one author of the
 * policy: change the options, not the headers.
 */
export function securityHeaders(options: HelmetOptions): RequestHandler {
  const csp = options.contentSecurityPolicy;
  const directives = typeof csp === 'object' ? Object.values(csp.directives ?? {}) : [];
  if (
    directives.some(
      (d) =>
        typeof d === 'function' || (Array.isArray(d) && d.some((v) => typeof v === 'function')),
    )
  ) {
    throw new Error('a CSP directive computed per request (a nonce) cannot be fixed at start');
  }
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name, String(value));
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name);
    },
    getHeader: (name: string) => headers.get(name),
  };
  let called = false;
  helmet(options)(
    {} as IncomingMessage,
    // helmet uses only setHeader/removeHeader/getHeader on the response.
    recorder as unknown as ServerResponse,
    () => {
      called = true;
    },
  );
  if (!called) throw new Error('helmet did not answer synchronously: its headers vary by request');
  const fixed = [...headers];
  return (_req, res, next) => {
    for (const [name, value] of fixed) res.setHeader(name, value);
    next();
  };
}
