import QRCode from 'qrcode';
import express, { type Request, type Response, type Router } from 'express';
import { isAppError } from '../domain/errors';
import { t, type MessageKey } from '../i18n';
import { localised } from './format';
import { langOf } from './language';
import { loadClientScripts } from './contributor-steps-assets';
import { clearDraft } from './consent-steps-draft';
import { receiptEditRoutes } from './receipt-edit-routes';
import { receiptPage } from './receipt-view';
import type { Render } from './render';
import type { ReceiptView, WebDeps } from './router';

// Names the pipeline writes (720p.mp4, poster.jpg, captions.cy.vtt): anything else is refused
// here, before it reaches storage.
const MEDIA_NAME = /^[a-z0-9][a-z0-9_-]{0,40}(\.[a-z0-9_-]{1,20}){1,3}$/i;

/** The link as a QR code: SVG, as a data URL an <img> shows (the CSP allows data: images). */
async function qrDataUrl(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export function receiptRoutes(
  deps: WebDeps,
  render: Render,
  notFound: (req: Request, res: Response) => void,
): Router {
  const router = express.Router();

  // The token is the secret in the address: keep it out of Referer headers, caches and indexes.
  router.use('/r', (_req, res, next) => {
    res.set('Referrer-Policy', 'no-referrer');
    res.set('X-Robots-Tag', 'noindex, nofollow');
    next();
  });

  const paths = (req: Request, token: string) => {
    const receipt = `${req.baseUrl}/r/${encodeURIComponent(token)}`;
    return { receipt, withdraw: `${receipt}/withdraw` };
  };

  const absolute = (req: Request, path: string) =>
    (deps.publicBaseUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host')}`) + path;

  const campaignHref = (req: Request, receipt: ReceiptView) =>
    `${req.baseUrl}/c/${encodeURIComponent(receipt.campaign.slug)}`;

  // What every receipt page shows around its content: the campaign as the service, no caching.
  const common = (req: Request, res: Response, receipt: ReceiptView) => {
    const href = campaignHref(req, receipt);
    res.set('Cache-Control', 'no-store');
    return {
      serviceName: localised(receipt.campaign.name, langOf(res)).text,
      serviceUrl: href,
      homeHref: href,
      noIndex: true,
    };
  };

  // Where a form sent the person back here, and what to tell them.
  const notices: Record<string, MessageKey> = {
    version: 'receiptEdit.versionSent',
    ready: 'receiptEdit.captionsReady',
    pending: 'receiptEdit.captionsPending',
  };

  router.get('/r/:token', async (req, res) => {
    const { token } = req.params;
    const receipt = await deps.getReceipt(token);
    if (!receipt) return notFound(req, res);
    const p = paths(req, token);
    const lang = langOf(res);
    // upload.js comes here when a resumable upload has finished (`sent=upload`): the consent
    // answers kept for the steps are done with, as after the plain form (a cookie's Path need
    // not match this address to be cleared). Then the plain address, the one to bookmark.
    if (req.query.sent === 'upload') {
      clearDraft(req, res, campaignHref(req, receipt));
      return res.redirect(303, p.receipt);
    }
    const sent = typeof req.query.sent === 'string' ? notices[req.query.sent] : undefined;
    const captions =
      typeof req.query.captions === 'string' ? notices[req.query.captions] : undefined;
    const noticeKey = sent ?? captions;
    render(req, res, 'receipt/receipt.njk', {
      ...common(req, res, receipt),
      pageTitle: t(lang, 'receipt.title'),
      page: receiptPage(receipt, lang, {
        receipt: p.receipt,
        campaign: campaignHref(req, receipt),
      }),
      receiptUrl: absolute(req, p.receipt),
      qrSrc: await qrDataUrl(absolute(req, p.receipt)),
      receiptScript: `${req.baseUrl}${loadClientScripts().hrefs['receipt.js']}`,
      refreshHref: p.receipt,
      withdrawHref: p.withdraw,
      newVersionHref: `${p.receipt}/new-version`,
      captionsHref: `${p.receipt}/captions`,
      ...(noticeKey ? { notice: t(lang, noticeKey) } : {}),
      // The notice is for this visit only: switching language shows the plain receipt.
      switchPath: p.receipt,
    });
  });

  router.get('/r/:token/withdraw', async (req, res) => {
    const { token } = req.params;
    const receipt = await deps.getReceipt(token);
    if (!receipt) return notFound(req, res);
    const p = paths(req, token);
    if (receipt.status === 'withdrawn') return res.redirect(303, p.receipt);
    const lang = langOf(res);
    render(req, res, 'receipt/withdraw-confirm.njk', {
      ...common(req, res, receipt),
      pageTitle: t(lang, 'withdraw.confirmTitle'),
      receiptHref: p.receipt,
      formAction: `${p.withdraw}?lang=${lang}`,
    });
  });

  router.post('/r/:token/withdraw', async (req, res) => {
    const { token } = req.params;
    // No CSRF token needed: only someone who already holds the secret link can post here.
    const receipt = await deps.getReceipt(token);
    if (!receipt) return notFound(req, res);
    if (receipt.status !== 'withdrawn') await deps.withdraw(token);
    const p = paths(req, token);
    const lang = langOf(res);
    render(req, res, 'receipt/withdraw-done.njk', {
      ...common(req, res, receipt),
      pageTitle: t(lang, 'withdraw.doneTitle'),
      // Switching language here shows the receipt, which now says "withdrawn".
      switchPath: p.receipt,
    });
  });

  router.use(
    receiptEditRoutes(deps, render, notFound, {
      common,
      receiptPath: (req, token) => paths(req, token).receipt,
      campaignHref,
    }),
  );

  router.get('/r/:token/media/:name', async (req, res) => {
    const { token, name } = req.params;
    if (!MEDIA_NAME.test(name) || name.includes('..')) return notFound(req, res);
    try {
      await deps.sendMedia(token, name, req, res);
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // A media request is not a page: answer with the status and a short line.
      if (isAppError(err) && err.status !== 404) {
        res
          .status(err.status)
          .type('text/plain')
          .send(t(langOf(res), `error.${err.code}`));
        return;
      }
      throw err;
    }
  });

  return router;
}
