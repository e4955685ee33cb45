import express, { type Request, type Response, type Router } from 'express';
import multer, { MulterError } from 'multer';
import { AppError, isAppError } from '../domain/errors';
import { t, type Lang } from '../i18n';
import { langOf } from './language';
import {
  CAPTIONS_FILE_MAX_BYTES,
  captionsErrorFor,
  readCaptionsForm,
  type CaptionsFormError,
  type CaptionsFormValues,
} from './receipt-captions-form';
import { maySendNewVersion, receiptPage } from './receipt-view';
import type { Render } from './render';
import type { ReceiptView, WebDeps } from './router';
import { loadClientScripts } from './contributor-steps-assets';
import { CLIENT_MESSAGES, formatBytes, formErrorFor } from './upload-form';

/** What the receipt's routes share with these: the page frame and the receipt's addresses. */
export interface ReceiptFrame {
  common(req: Request, res: Response, receipt: ReceiptView): Record<string, unknown>;
  receiptPath(req: Request, token: string): string;
  campaignHref(req: Request, receipt: ReceiptView): string;
}

/**
 * What upload.js needs to send a new version over tus: the submission (no draft to create),
 * the limits it checks first, and its words. As uploadClientConfig, `<` is escaped.
 */
function versionClientConfig(req: Request, lang: Lang, token: string, receipt: ReceiptView) {
  const maxBytes = receipt.campaign.limits?.maxBytes ?? 2 * 1024 ** 3;
  const config = {
    storeKey: `lev-version:${receipt.id}`,
    submission: { id: receipt.id, token },
    maxBytes,
    maxBytesText: formatBytes(maxBytes, lang),
    tusUrl: `${req.baseUrl}/api/v1/uploads`,
    receiptBase: `${req.baseUrl}/r/`,
    sentAs: 'version',
    messages: Object.fromEntries(CLIENT_MESSAGES.map((k) => [k, t(lang, k)])),
  };
  return JSON.stringify(config).replace(/</g, '\\u003c');
}

/** Stop reading a refused upload: the browser gets its answer without sending the rest. */
function drain(req: Request): void {
  if (!req.complete) {
    req.unpipe();
    req.resume();
  }
}

// The captions form: one small file (held in memory, at most 1 MB) and short text fields.
const captionsForm = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: CAPTIONS_FILE_MAX_BYTES, files: 1, fields: 5, fieldSize: 256 * 1024 },
}).single('captionsFile');

type FieldError = { field?: string; text: string };

/** The GOV.UK error summary and per-field messages for a list of problems. */
function errorView(lang: Lang, errors: FieldError[], firstField: string) {
  const errorMessages: Record<string, { text: string; visuallyHiddenText: string }> = {};
  for (const e of errors) {
    if (e.field && !errorMessages[e.field]) {
      errorMessages[e.field] = { text: e.text, visuallyHiddenText: t(lang, 'common.errorPrefix') };
    }
  }
  return {
    errorList: errors.map((e) => ({ text: e.text, href: `#${e.field ?? firstField}` })),
    errorMessages,
  };
}

/**
 * The receipt's forms (issue 7): a new version of the video (the plain multipart form through
 * the streaming intake; upload.js makes it resumable where it can), and captions (a file or a
 * typed transcript). Each works without JavaScript and says what went wrong next to the field.
 */
export function receiptEditRoutes(
  deps: WebDeps,
  render: Render,
  notFound: (req: Request, res: Response) => void,
  frame: ReceiptFrame,
): Router {
  const router = express.Router();

  const renderNewVersion = (
    req: Request,
    res: Response,
    token: string,
    receipt: ReceiptView,
    errors: FieldError[],
    status = 200,
  ) => {
    const lang = langOf(res);
    const receiptHref = frame.receiptPath(req, token);
    const page = receiptPage(receipt, lang, {
      receipt: receiptHref,
      campaign: frame.campaignHref(req, receipt),
    });
    render(
      req,
      res,
      'receipt/new-version.njk',
      {
        ...frame.common(req, res, receipt),
        pageTitle: t(lang, 'receiptEdit.versionTitle'),
        receiptHref,
        formAction: `${receiptHref}/new-version?lang=${lang}`,
        changeRequest: page.changeRequest,
        failureText: page.failureText,
        limitsText: formatBytes(receipt.campaign.limits?.maxBytes ?? 2 * 1024 ** 3, lang),
        reselectFile: errors.length > 0,
        client: versionClientConfig(req, lang, token, receipt),
        scripts: loadClientScripts().hrefs,
        ...errorView(lang, errors, 'video'),
      },
      status,
    );
  };

  router.get('/r/:token/new-version', async (req, res) => {
    const { token } = req.params;
    const receipt = await deps.getReceipt(token);
    if (!receipt) return notFound(req, res);
    if (!maySendNewVersion(receipt)) return res.redirect(303, frame.receiptPath(req, token));
    renderNewVersion(req, res, token, receipt, []);
  });

  router.post('/r/:token/new-version', async (req, res) => {
    const { token } = req.params;
    const receipt = await deps.getReceipt(token);
    if (!receipt) {
      drain(req);
      return notFound(req, res);
    }
    const lang = langOf(res);
    if (!maySendNewVersion(receipt)) {
      drain(req);
      const text = t(lang, 'receiptEdit.versionClosed');
      return renderNewVersion(req, res, token, receipt, [{ text }], 409);
    }
    try {
      await deps.sendNewVersion(token, req, res);
    } catch (err) {
      drain(req);
      if (!isAppError(err)) deps.logError?.(err, req);
      const e = isAppError(err) ? err : new AppError('internal', 'new version failed');
      if (e.code === 'not_found') return notFound(req, res);
      const problem =
        e.code === 'wrong_state'
          ? { text: t(lang, 'receiptEdit.versionClosed') }
          : formErrorFor(e, lang);
      // 499 is not a status a browser knows; the person still needs the form back.
      const status = e.status === 499 ? 400 : e.status;
      return renderNewVersion(req, res, token, receipt, [problem], status);
    }
    res.redirect(303, `${frame.receiptPath(req, token)}?sent=version&lang=${lang}`);
  });

  const renderCaptions = (
    req: Request,
    res: Response,
    token: string,
    receipt: ReceiptView,
    form: { values: CaptionsFormValues; errors: CaptionsFormError[] },
    status = 200,
  ) => {
    const lang = langOf(res);
    const receiptHref = frame.receiptPath(req, token);
    const errors = form.errors.map((e) => ({ field: e.field, text: t(lang, e.key) }));
    render(
      req,
      res,
      'receipt/captions.njk',
      {
        ...frame.common(req, res, receipt),
        pageTitle: t(lang, 'receiptEdit.captionsTitle'),
        receiptHref,
        formAction: `${receiptHref}/captions?lang=${lang}`,
        values: form.values,
        reselectFile: form.errors.length > 0,
        ...errorView(lang, errors, 'captionsFile'),
      },
      status,
    );
  };

  router.get('/r/:token/captions', async (req, res) => {
    const { token } = req.params;
    const receipt = await deps.getReceipt(token);
    if (!receipt) return notFound(req, res);
    if (!receipt.captionsOpen) return res.redirect(303, frame.receiptPath(req, token));
    const lang = langOf(res);
    renderCaptions(req, res, token, receipt, { values: { lang, transcript: '' }, errors: [] });
  });

  router.post('/r/:token/captions', async (req, res) => {
    const { token } = req.params;
    const receipt = await deps.getReceipt(token);
    if (!receipt) {
      drain(req);
      return notFound(req, res);
    }
    const lang = langOf(res);
    const empty = { lang, transcript: '' };
    try {
      await new Promise<void>((resolve, reject) =>
        captionsForm(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
      );
    } catch (err) {
      drain(req);
      const tooBig = err instanceof MulterError && err.code === 'LIMIT_FILE_SIZE';
      const key = tooBig ? 'receiptEdit.captionsFileTooBig' : 'error.bad_request';
      return renderCaptions(
        req,
        res,
        token,
        receipt,
        { values: empty, errors: [{ field: 'captionsFile', key }] },
        tooBig ? 413 : 400,
      );
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const file = req.file ? { name: req.file.originalname, bytes: req.file.buffer } : undefined;
    const form = readCaptionsForm(body, file, lang);
    if (!receipt.captionsOpen) {
      const errors: CaptionsFormError[] = [{ key: 'receiptEdit.captionsClosed' }];
      return renderCaptions(req, res, token, receipt, { values: form.values, errors }, 409);
    }
    if (!form.ok) return renderCaptions(req, res, token, receipt, form, 400);
    let outcome: { status: 'ready' | 'pending' };
    try {
      outcome = await deps.changeCaptions(token, form.lang, form.input);
    } catch (err) {
      if (!isAppError(err)) throw err;
      if (err.code === 'not_found') return notFound(req, res);
      const errors = [captionsErrorFor(err, form.input)];
      const status = err.status === 499 ? 400 : err.status;
      return renderCaptions(req, res, token, receipt, { values: form.values, errors }, status);
    }
    res.redirect(303, `${frame.receiptPath(req, token)}?captions=${outcome.status}&lang=${lang}`);
  });

  return router;
}
