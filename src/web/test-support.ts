import express from 'express';
import multer from 'multer';
import { AppError } from '../domain/errors';
import { createWebRouter, type CampaignView, type ReceiptView, type WebDeps } from './router';

/** Shared by the page tests: in-memory stand-ins for our own WebDeps interface. */

export const campaign: CampaignView = {
  slug: 'demo',
  name: { en: 'Caring in Gwynedd', cy: 'Gofalu yng Ngwynedd' },
  description: {
    en: 'Tell the jury about a day in your life.\n\nEvery story helps.',
    cy: 'Dywedwch wrth y rheithgor am ddiwrnod yn eich bywyd.\n\nMae pob stori yn helpu.',
  },
  isOpen: true,
  statement: {
    version: 3,
    text: {
      en: 'I agree that my video may be used.',
      cy: "Rwy'n cytuno y caiff fy fideo ei ddefnyddio.",
    },
  },
};

export const receipt = (over: Partial<ReceiptView> = {}): ReceiptView => ({
  id: 'sub-1',
  status: 'processing',
  displayName: 'Sam',
  campaign,
  createdAt: new Date('2026-11-26T10:04:00Z'),
  media: [],
  ...over,
});

export const processedMedia: ReceiptView['media'] = [
  { name: '720p.mp4', contentType: 'video/mp4', bytes: 1000 },
  { name: 'poster.jpg', contentType: 'image/jpeg', bytes: 100 },
  { name: 'captions.en.vtt', contentType: 'text/vtt', bytes: 10 },
  { name: 'captions.cy.vtt', contentType: 'text/vtt', bytes: 10 },
];

export interface Fakes {
  deps: WebDeps;
  receipts: Map<string, ReceiptView>;
  withdrawn: string[];
  /** What the next upload does: succeed with a token, or throw this error. */
  uploadOutcome: { token: string } | AppError;
  /** Issue 7: captions sent from receipts, and what the next one does. */
  captions: Array<{ token: string; lang: string; format: string; text: string }>;
  captionsOutcome: { status: 'ready' | 'pending' } | AppError;
}

// Parses the form as the real handler does (multer), so `req.body` holds the typed fields.
const parseForm = multer({ storage: multer.memoryStorage() }).single('video');

export function fakeDeps(): Fakes {
  const fakes: Fakes = {
    receipts: new Map(),
    withdrawn: [],
    uploadOutcome: { token: 'tok-new' },
    captions: [],
    captionsOutcome: { status: 'ready' },
    deps: {
      getCampaign: async (slug) =>
        slug === campaign.slug
          ? campaign
          : slug === 'closed'
            ? { ...campaign, slug, isOpen: false }
            : undefined,
      submitUpload: async (req, res) => {
        await new Promise<void>((resolve, reject) =>
          parseForm(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
        );
        const outcome = fakes.uploadOutcome;
        if (outcome instanceof AppError) throw outcome;
        return { id: 'sub-new', status: 'uploaded', token: outcome.token };
      },
      getReceipt: async (token) => fakes.receipts.get(token),
      sendNewVersion: async (_token, req, res) => {
        await new Promise<void>((resolve, reject) =>
          parseForm(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
        );
        if (fakes.uploadOutcome instanceof AppError) throw fakes.uploadOutcome;
      },
      changeCaptions: async (token, lang, input) => {
        if (fakes.captionsOutcome instanceof AppError) throw fakes.captionsOutcome;
        fakes.captions.push({ token, lang, ...input });
        return fakes.captionsOutcome;
      },
      withdraw: async (token) => {
        fakes.withdrawn.push(token);
        const r = fakes.receipts.get(token);
        if (r) fakes.receipts.set(token, { ...r, status: 'withdrawn', media: [] });
      },
      sendMedia: async (token, name, _req, res) => {
        if (!fakes.receipts.has(token)) throw new AppError('not_found', 'no such media');
        res.type('text/plain').send(`media ${name}`);
      },
    },
  };
  return fakes;
}

export function appWith(deps: WebDeps): express.Express {
  const app = express();
  app.use(createWebRouter(deps));
  return app;
}

/**
 * Every visible form control has a label: a `<label for>` matching its id, or an aria-label.
 * Returns the ids (or markup) of the controls that have none.
 */
export function unlabelledControls(html: string): string[] {
  const controls = html.match(/<(input|select|textarea)\b[^>]*>/g) ?? [];
  const missing: string[] = [];
  for (const tag of controls) {
    const type = /\btype="([^"]*)"/.exec(tag)?.[1];
    if (type === 'hidden' || type === 'submit' || type === 'button') continue;
    if (/\baria-label="[^"]+"/.test(tag)) continue;
    const id = /\bid="([^"]+)"/.exec(tag)?.[1];
    if (!id || !new RegExp(`<label\\b[^>]*\\bfor="${id}"`).test(html)) missing.push(id ?? tag);
  }
  return missing;
}

/** The error summary's links: each must point at an element that exists on the page. */
export function brokenSummaryLinks(html: string): string[] {
  const summary = /<div class="govuk-error-summary[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  const targets = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1] ?? '');
  return targets.filter((id) => !html.includes(`id="${id}"`));
}
