import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import * as sass from 'sass';

/** Where govuk-frontend is installed; its `dist/` holds the Nunjucks templates and the JS. */
export const govukFrontendRoot = path.dirname(require.resolve('govuk-frontend/package.json'));
const nodeModules = path.dirname(govukFrontendRoot);

export const BRAND_COLOUR = '#0b5e55';

// Versioned addresses change when the content does, so browsers may keep each for a year.
const LONG_CACHE = 'public, max-age=31536000, immutable';

export interface Assets {
  css: string;
  govukJs: Buffer;
  initJs: string;
  favicon: Buffer;
  /** Addresses relative to the assets mount, each with a content version. */
  hrefs: { css: string; initJs: string; favicon: string };
}

const shortHash = (data: string | Buffer) =>
  createHash('sha256').update(data).digest('hex').slice(0, 12);

/**
 * The CSP source (`'sha256-…'`) for the one inline script in GOV.UK Frontend's page template,
 * which marks the page as having JavaScript. Add it to `script-src` (or give pages a nonce in
 * `res.locals.cspNonce`); without either the browser blocks that line and logs a CSP error,
 * though our init.js does the same job, so nothing breaks.
 */
export function govukTemplateScriptCspSource(): string {
  const template = readFileSync(path.join(govukFrontendRoot, 'dist/govuk/template.njk'), 'utf8');
  const body = /<script[^>]*>([^<]*)<\/script>/.exec(template)?.[1] ?? '';
  return `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
}

let cached: Assets | undefined;

/**
 * Compiles our Sass and reads the static files once per process (about a second), so start-up
 * pays for it and requests never do.
 */
export function loadAssets(): Assets {
  if (cached) return cached;
  const css = sass.compile(path.join(__dirname, 'styles', 'app.scss'), {
    loadPaths: [nodeModules],
    style: 'compressed',
    quietDeps: true,
  }).css;
  const govukJs = readFileSync(path.join(govukFrontendRoot, 'dist/govuk/govuk-frontend.min.js'));
  // A module script of our own instead of an inline one, so a strict CSP (script-src 'self')
  // still lets the components start. Module support implies what GOV.UK Frontend needs.
  const initJs = [
    `import { initAll } from './govuk-frontend.min.js?v=${shortHash(govukJs)}';`,
    "document.body.classList.add('js-enabled', 'govuk-frontend-supported');",
    'initAll();',
    '',
  ].join('\n');
  const favicon = readFileSync(path.join(__dirname, 'static/images/favicon.svg'));
  cached = {
    css,
    govukJs,
    initJs,
    favicon,
    hrefs: {
      css: `/app.css?v=${shortHash(css)}`,
      initJs: `/init.js?v=${shortHash(initJs)}`,
      favicon: `/images/favicon.svg?v=${shortHash(favicon)}`,
    },
  };
  return cached;
}

/** Serves the compiled CSS, GOV.UK Frontend's JS, our start-up script and our icon. */
export function assetsRouter(assets: Assets): Router {
  const router = express.Router();
  const serve = (route: string, type: string, body: string | Buffer) =>
    router.get(route, (_req, res) => {
      res.set('Cache-Control', LONG_CACHE).type(type).send(body);
    });
  serve('/app.css', 'text/css', assets.css);
  serve('/govuk-frontend.min.js', 'text/javascript', assets.govukJs);
  serve('/init.js', 'text/javascript', assets.initJs);
  serve('/images/favicon.svg', 'image/svg+xml', assets.favicon);
  router.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  return router;
}
