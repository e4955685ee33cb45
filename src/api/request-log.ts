import { randomUUID } from 'node:crypto';
import type { Express, RequestHandler } from 'express';
import { redactUrl, type Logger } from '../logger';
import { onResponseEnd } from './response-end';

declare module 'http' {
  interface IncomingMessage {
    /** This request's id, also sent to the client as X-Request-Id. */
    id: string;
    /** A logger whose every line carries this request's id, method and URL (tokens redacted). */
    log: Logger;
  }
}

const CHILD = Symbol('request logger');
type WithChild = { [CHILD]?: Logger };

/**
 * One line per request when it ends (debug for successes, info for refusals, error for failures),
 * and `req.log` for route code. Written here rather than with pino-http, which builds a child
 * logger and serialises the request on every request, even when no line is written: at 50 busy
 * clients that was a tenth of the API's CPU (bench/review-queue.bench.ts). Here the child is
 * made only when something logs.
 */
export function requestLogging(app: Express, logger: Logger): RequestHandler {
  // On this app's request prototype, so no request pays for defining it.
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: Express['request'] & WithChild): Logger {
      return (this[CHILD] ??= logger.child({
        req: { id: this.id, method: this.method, url: redactUrl(this.originalUrl) },
      }));
    },
  });
  return (req, res, next) => {
    const started = Date.now();
    req.id = randomUUID();
    res.setHeader('X-Request-Id', req.id);
    onResponseEnd(res, () => {
      const finished = res.writableFinished;
      const level =
        res.statusCode >= 500 ? 'error' : res.statusCode >= 400 || !finished ? 'info' : 'debug';
      if (!logger.isLevelEnabled(level)) return;
      req.log[level](
        {
          res: { statusCode: res.statusCode },
          responseTime: Date.now() - started,
          ...(finished ? {} : { aborted: true }),
        },
        finished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
