import cookieParser from 'cookie-parser';
import express, { type Request, type Response, type Router } from 'express';
import { isAppError } from '../domain/errors';
import { isWellFormedToken } from '../domain/link-token';
import { t, type Lang } from '../i18n';
import { loadAssets } from './assets';
import { loadClientScripts } from './contributor-steps-assets';
import { pageErrorHandler } from './error-pages';
import { langOf, resolveLanguage } from './language';
import { createRenderer, createViewEnvironment } from './render';
import { transcriptFromVtt } from './watch-transcript';
import { itemIndex, startAt, watchPage, type WatchData } from './watch-view';

/** What the juror page needs from the API side (src/web knows nothing of the database). */
export interface WatchPageDeps {
  /** The shared playlist, or undefined when the link is unknown, expired or revoked. */
  getPlaylist(token: string): Promise<WatchData | undefined>;
  /** One clip's captions (WebVTT text), or undefined when the link or clip is gone. */
  getCaptionText(token: string, itemId: string, lang: Lang): Promise<string | undefined>;
  logError?(err: unknown, req: Request): void;
}

/**
 * The juror's page, `/watch/{token}`: the playlist's clips in order with a player, captions in
 * the chosen language and a transcript. Works without JavaScript (`?item=N` puts a clip in the
 * player); watch.js swaps clips in place, follows the captions and seeks from the transcript.
 */
export function watchPagesRouter(deps: WatchPageDeps): Router {
  const render = createRenderer(createViewEnvironment(), loadAssets());
  const router = express.Router();

  // The token is the secret in the address: keep it out of Referer headers, caches and indexes.
  router.use('/watch', cookieParser(), resolveLanguage, (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
    res.set('X-Robots-Tag', 'noindex, nofollow');
    next();
  });

  const common = (res: Response) => ({
    serviceName: t(langOf(res), 'watch.serviceName'),
    noIndex: true,
  });

  // Unknown, expired and revoked links look the same, as the API answers them (404).
  const gone = (req: Request, res: Response) =>
    render(
      req,
      res,
      'watch/gone.njk',
      { ...common(res), pageTitle: t(langOf(res), 'watch.goneTitle') },
      404,
    );

  const caughtGone = async <T>(p: Promise<T>): Promise<T | undefined> => {
    try {
      return await p;
    } catch (err) {
      if (isAppError(err) && err.status === 404) return undefined;
      throw err;
    }
  };

  router.get('/watch/:token', async (req, res) => {
    const token = req.params.token;
    if (!isWellFormedToken(token)) return gone(req, res);
    const data = await caughtGone(deps.getPlaylist(token));
    if (!data) return gone(req, res);
    const lang = langOf(res);
    const index = itemIndex(req.query.item, Math.max(data.items.length, 1));
    if (index === undefined) return gone(req, res);
    const pageHref = `${req.baseUrl}/watch/${encodeURIComponent(token)}`;
    const first = watchPage(data, lang, { pageHref, index });
    const current = data.items[index];
    const captionLang = first.current?.captionLang;
    const vtt =
      current && captionLang
        ? await caughtGone(deps.getCaptionText(token, current.id, captionLang))
        : undefined;
    const page = watchPage(data, lang, {
      pageHref,
      index,
      transcript: vtt ? transcriptFromVtt(vtt) : [],
      at: startAt(req.query.at),
    });
    render(req, res, 'watch/watch.njk', {
      ...common(res),
      pageTitle: page.title.text,
      page,
      watchScript: `${req.baseUrl}${loadClientScripts().hrefs['watch.js']}`,
    });
  });

  router.use('/watch', pageErrorHandler(render, deps.logError));
  return router;
}
