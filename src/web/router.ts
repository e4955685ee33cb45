import cookieParser from 'cookie-parser';
import express from 'express';
import type { Consent } from '../domain/consent';
import type { SubmissionStatus } from '../domain/submission-states';
import { assetsRouter, loadAssets } from './assets';
import { contributorRoutes } from './contributor-routes';
import { notFoundPage, pageErrorHandler } from './error-pages';
import { resolveLanguage } from './language';
import { receiptRoutes } from './receipt-routes';
import { createRenderer, createViewEnvironment } from './render';

export type { SubmissionStatus } from '../domain/submission-states';
export { govukTemplateScriptCspSource } from './assets';

export interface CampaignView {
  slug: string;
  name: { en: string; cy: string };
  description: { en: string; cy: string };
  isOpen: boolean;
  statement: { version: number; text: { en: string; cy: string } };
  /** Issue 7: the last day videos are kept, when the campaign has one. */
  retentionUntil?: Date;
  /** Issue 7: the limits the upload page checks before sending (the server checks again). */
  limits?: { maxBytes: number; maxDurationSeconds: number };
}

export interface ReceiptView {
  id: string;
  status: SubmissionStatus;
  /** A media refusal code (`media.refusal.<code>` in the catalogue) when status is failed. */
  failureReason?: string;
  displayName: string;
  campaign: CampaignView;
  createdAt: Date;
  media: Array<{ name: string; contentType: string; bytes: number }>;
  /** Issue 7: the moderators' latest change request, when the status is changes_requested. */
  changeRequest?: { reasonCode: string | null; note: string };
  /** Issue 7: what was agreed, in the consent schema's terms (absent once withdrawn). */
  consent?: Partial<Consent>;
  /** Issue 7: the contributor may change captions now (editable state, not claimed). */
  captionsOpen?: boolean;
}

/** Issue 7: captions from the receipt page: a WebVTT or SRT file, or a typed transcript. */
export type ReceiptCaptions = { format: 'vtt' | 'srt' | 'transcript'; text: string };

export interface WebDeps {
  getCampaign(slug: string): Promise<CampaignView | undefined>;
  /**
   * Parses the multipart request itself (`campaign`, the consent as a `consent` JSON field or
   * the form's own fields, then the file `video`) and streams the file to storage. Throws
   * AppError on bad input, naming the field in `details.field` where there is one, and leaves
   * the parsed text fields on `req.body` so the page can show them again.
   */
  submitUpload(
    req: express.Request,
    res: express.Response,
  ): Promise<{ id: string; status: string; token: string }>;
  getReceipt(token: string): Promise<ReceiptView | undefined>;
  withdraw(token: string): Promise<void>;
  /**
   * Issue 7: a new version of the video from the receipt: parses the multipart request (file
   * `video`) and streams it to storage as addMediaVersion does. Throws AppError as submitUpload.
   */
  sendNewVersion(token: string, req: express.Request, res: express.Response): Promise<void>;
  /** Issue 7: the contributor's captions in `lang`; `pending` while a transcript is timed. */
  changeCaptions(
    token: string,
    lang: 'en' | 'cy',
    input: ReceiptCaptions,
  ): Promise<{ status: 'ready' | 'pending' }>;
  /** Streams one media file with Range support. */
  sendMedia(
    token: string,
    name: string,
    req: express.Request,
    res: express.Response,
  ): Promise<void>;
  /** Base of the receipt link shown to keep (e.g. https://example.org); else from the request. */
  publicBaseUrl?: string;
  /** Told about unexpected errors (the pages show a plain "problem" page instead). */
  logError?(err: unknown, req: express.Request): void;
}

// Page areas: language and the pages' own 404 apply here only, so the router can sit at the
// root beside the API without touching its requests. Staff and juror pages join this list.
const PAGE_PATHS = ['/c', '/r'];

/**
 * The contributor's pages (`/c/:campaign`, `/r/:token...`) and their assets (`/assets/...`).
 * Compiles the stylesheet on first creation, so call it at start-up.
 */
export function createWebRouter(deps: WebDeps): express.Router {
  const assets = loadAssets();
  const render = createRenderer(createViewEnvironment(), assets);
  const notFound = notFoundPage(render);

  const router = express.Router();
  router.use('/assets', assetsRouter(assets));
  router.use(PAGE_PATHS, cookieParser(), resolveLanguage);
  router.use(contributorRoutes(deps, render, notFound));
  router.use(receiptRoutes(deps, render, notFound));
  router.use(PAGE_PATHS, notFound);
  router.use(pageErrorHandler(render, deps.logError));
  return router;
}
