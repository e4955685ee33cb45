import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/**
 * The contributor pages' client scripts: our own small files from `static/js/`, and
 * tus-js-client's browser build, bundled once at start-up with esbuild (tsx's own dependency)
 * because the package ships ES modules with bare imports a browser cannot load. All are
 * same-origin files, so the CSP's `script-src 'self'` allows them; no inline script.
 */
export const CLIENT_BASE = '/c-static';
const OWN = [
  'steps.js',
  'upload.js',
  'record.js',
  'receipt.js',
  'watch.js',
  'playlist-order.js',
] as const;
export type ClientScript = (typeof OWN)[number] | 'tus.js';

let cached:
  { files: Map<string, string>; hrefs: Partial<Record<ClientScript, string>> } | undefined;

/**
 * tus-js-client for the browser, or undefined when it cannot be built (say, an install without
 * it): the upload page then stays the plain form, which needs no script.
 */
function bundleTus(): string | undefined {
  try {
    return buildTus();
  } catch {
    return undefined;
  }
}

function buildTus(): string {
  // Loaded lazily: only the process that serves pages pays for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild's sync API is CommonJS
  const esbuild = require('esbuild') as typeof import('esbuild');
  const out = esbuild.buildSync({
    entryPoints: [require.resolve('tus-js-client/lib.esm/browser/index.js')],
    bundle: true,
    format: 'iife',
    globalName: 'tus',
    minify: true,
    platform: 'browser',
    target: ['es2019'],
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

export function loadClientScripts() {
  if (cached) return cached;
  const files = new Map<string, string>();
  for (const name of OWN) {
    files.set(name, readFileSync(path.join(__dirname, 'static/js', name), 'utf8'));
  }
  const tus = bundleTus();
  if (tus) files.set('tus.js', tus);
  const hrefs = Object.fromEntries(
    [...files].map(([name, body]) => [
      name,
      `${CLIENT_BASE}/${name}?v=${createHash('sha256').update(body).digest('hex').slice(0, 12)}`,
    ]),
  ) as Partial<Record<ClientScript, string>>;
  cached = { files, hrefs };
  return cached;
}

export function clientScriptsRouter(): Router {
  const { files } = loadClientScripts();
  const router = express.Router();
  router.get(`${CLIENT_BASE}/:name`, (req, res, next) => {
    const body = files.get(req.params.name);
    if (body === undefined) return next();
    res.set('Cache-Control', 'public, max-age=31536000, immutable').type('text/javascript');
    res.send(body);
  });
  return router;
}
