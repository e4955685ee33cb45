import path from 'node:path';
import type { Request, Response } from 'express';
import nunjucks from 'nunjucks';
import { LANGS, t, type MessageKeyLike, type MessageParams } from '../i18n';
import { BRAND_COLOUR, govukFrontendRoot, type Assets } from './assets';
import { langOf, switchHref } from './language';

/** Page data; `switchPath` overrides where the language switch leads (default: this page). */
export type PageData = Record<string, unknown> & { pageTitle: string; switchPath?: string };

export type Render = (
  req: Request,
  res: Response,
  view: string,
  data: PageData,
  status?: number,
) => void;

/** Splits stored plain text into paragraphs at blank lines; the template escapes each one. */
export const paragraphs = (text: unknown): string[] =>
  typeof text === 'string'
    ? text
        .split(/\r?\n\s*\r?\n/)
        .map((p) => p.trim())
        .filter((p) => p !== '')
    : [];

export function createViewEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([
      path.join(__dirname, 'views'),
      // `govuk/template.njk`, `govuk/components/*/macro.njk`
      path.join(govukFrontendRoot, 'dist'),
    ]),
    { autoescape: true, throwOnUndefined: false },
  );
  env.addFilter('paragraphs', paragraphs);
  return env;
}

/** Renders a page with what every page needs: language, switch link, assets, catalogue. */
export function createRenderer(env: nunjucks.Environment, assets: Assets): Render {
  return (req, res, view, data, status = 200) => {
    const lang = langOf(res);
    const assetPath = `${req.baseUrl}/assets`;
    const switchFrom = data.switchPath ?? req.originalUrl;
    const html = env.render(view, {
      ...data,
      lang,
      htmlLang: lang,
      baseUrl: req.baseUrl,
      t: (key: MessageKeyLike, params?: MessageParams) => t(lang, key, params),
      assetPath,
      cssHref: assetPath + assets.hrefs.css,
      initJsHref: assetPath + assets.hrefs.initJs,
      faviconHref: assetPath + assets.hrefs.favicon,
      themeColor: BRAND_COLOUR,
      // Honoured when the app issues CSP nonces; the template's one inline script uses it.
      cspNonce: typeof res.locals.cspNonce === 'string' ? res.locals.cspNonce : undefined,
      languageItems: LANGS.map((l) => ({
        text: t(l, `lang.${l}`),
        lang: l,
        current: l === lang,
        ...(l === lang ? {} : { href: switchHref(switchFrom, l) }),
      })),
    });
    res.status(status).type('html').send(html);
  };
}
