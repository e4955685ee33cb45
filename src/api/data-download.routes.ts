import cookieParser from 'cookie-parser';
import { Router } from 'express';
import { AppError } from '../domain/errors';
import { loadAssets } from '../web/assets';
import { pageErrorHandler } from '../web/error-pages';
import { langOf, resolveLanguage } from '../web/language';
import { createRenderer, createViewEnvironment } from '../web/render';
import { sendDataDownload } from './data-download';
import type { ApiDeps } from './deps';
import { createRateLimiter, rateLimitDepsFrom } from './rate-limits';
import { submissionForToken } from './submission-service';

/**
 * `GET /r/{token}/data`: the contributor's data download, linked from their receipt page. The
 * token is the only key; an unknown, expired or revoked one is the plain 404 page's job.
 */
export function dataDownloadRouter(deps: ApiDeps): Router {
  const r = Router();
  r.get(
    '/r/:token/data',
    (_req, res, next) => {
      // As on the receipt pages: the token in the address must not leak or be cached.
      res.set('Referrer-Policy', 'no-referrer');
      res.set('X-Robots-Tag', 'noindex, nofollow');
      next();
    },
    cookieParser(),
    resolveLanguage,
    createRateLimiter(rateLimitDepsFrom(deps), 'data-download'),
    async (req, res, next) => {
      let id: string;
      try {
        id = (await submissionForToken(deps, String(req.params.token))).id;
      } catch (err) {
        // Let the pages' 404 answer an unknown link, in the reader's language.
        if (err instanceof AppError && err.code === 'not_found') return next();
        throw err;
      }
      try {
        await sendDataDownload(deps, id, langOf(res), res);
      } catch (err) {
        if (!res.headersSent) throw err;
        // Cut short mid-stream: the connection is already closed; record why.
        req.log?.error({ err }, 'data download cut short');
      }
    },
  );
  // Refusals (429, a dependency down) as pages in the reader's language, not API JSON.
  r.use(
    '/r',
    pageErrorHandler(createRenderer(createViewEnvironment(), loadAssets()), (err, req) =>
      req.log?.error({ err }, 'data download failed'),
    ),
  );
  return r;
}
