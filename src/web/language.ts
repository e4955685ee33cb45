import type { RequestHandler, Response } from 'express';
import { DEFAULT_LANG, isLang, type Lang } from '../i18n';

export const LANG_COOKIE = 'lang';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The best of our languages in an Accept-Language header, by q-value; undefined if none. */
export function langFromAcceptLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.split(';').map((s) => s.trim());
    const primary = tag.toLowerCase().split('-')[0];
    if (!isLang(primary)) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang;
}

/**
 * Picks the page language: `?lang=` (then remembered in a cookie), else the cookie, else the
 * browser's Accept-Language, else English. Needs cookie-parser before it.
 */
export const resolveLanguage: RequestHandler = (req, res, next) => {
  const asked = req.query.lang;
  let lang: Lang;
  if (isLang(asked)) {
    lang = asked;
    res.cookie(LANG_COOKIE, lang, {
      maxAge: ONE_YEAR_MS,
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
    });
  } else {
    const remembered = (req.cookies as Record<string, unknown> | undefined)?.[LANG_COOKIE];
    lang = isLang(remembered)
      ? remembered
      : (langFromAcceptLanguage(req.get('accept-language')) ?? DEFAULT_LANG);
  }
  res.locals.lang = lang;
  res.vary('Accept-Language');
  res.vary('Cookie');
  next();
};

export const langOf = (res: Response): Lang =>
  isLang(res.locals.lang) ? res.locals.lang : DEFAULT_LANG;

export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'cy' : 'en');

/**
 * This page's own address with `lang` set, so switching language keeps the person's place.
 * Only the path and query are kept, and leading slashes are collapsed, so a crafted address
 * can never turn the switch link into a link to another site.
 */
export function switchHref(originalUrl: string, target: Lang): string {
  const url = new URL(originalUrl, 'http://localhost');
  url.searchParams.set('lang', target);
  return url.pathname.replace(/^\/+/, '/') + url.search;
}
