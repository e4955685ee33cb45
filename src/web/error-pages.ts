import type { ErrorRequestHandler, Request, Response } from 'express';
import { isAppError } from '../domain/errors';
import { t } from '../i18n';
import { langOf } from './language';
import type { Render } from './render';

/** The one "not found" page, the same whether or not a token or campaign ever existed. */
export const notFoundPage =
  (render: Render) =>
  (req: Request, res: Response): void => {
    res.set('Cache-Control', 'no-store');
    render(req, res, 'errors/not-found.njk', { pageTitle: t(langOf(res), 'notFound.title') }, 404);
  };

// Last resort when even the error page fails to render: both languages, no template.
const BARE_PROBLEM_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sorry</title></head><body>' +
  '<p>Sorry, there is a problem with the service. Try again later.</p>' +
  '<p lang="cy">Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth. Rhowch gynnig arall arni yn nes ymlaen.</p>' +
  '</body></html>';

/**
 * Pages' error handler: an AppError becomes its status with the catalogue's words, anything
 * else a 500 page. Never a stack trace; unexpected errors go to `logError`.
 */
export function pageErrorHandler(
  render: Render,
  logError?: (err: unknown, req: Request) => void,
): ErrorRequestHandler {
  const notFound = notFoundPage(render);
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    try {
      const lang = langOf(res);
      if (isAppError(err) && err.status === 404) return notFound(req, res);
      if (isAppError(err) && err.status < 500) {
        render(
          req,
          res,
          'errors/problem.njk',
          { pageTitle: t(lang, 'errorPage.title'), message: t(lang, `error.${err.code}`) },
          err.status === 499 ? 400 : err.status,
        );
        return;
      }
      logError?.(err, req);
      const dependencyDown = isAppError(err) && err.code === 'dependency_down';
      render(
        req,
        res,
        'errors/problem.njk',
        {
          pageTitle: t(lang, 'problem.title'),
          message: t(lang, dependencyDown ? 'error.dependency_down' : 'problem.body'),
        },
        dependencyDown ? 503 : 500,
      );
    } catch (renderErr) {
      logError?.(renderErr, req);
      res.status(500).type('html').send(BARE_PROBLEM_PAGE);
    }
  };
}
