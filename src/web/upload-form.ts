import type { Request } from 'express';
import type { Consent } from '../domain/consent';
import type { AppError } from '../domain/errors';
import { t, type Lang, type MessageKey } from '../i18n';
import type { CampaignView } from './router';

/**
 * The upload step's form: hidden consent fields (from the steps), the optional `transcript`,
 * then the file `video` last, so the multipart stream carries every text field before the file.
 */
export type UploadField = 'transcript' | 'video' | 'consent';

export interface FormError {
  field?: UploadField;
  text: string;
}

const fileErrorCodes = new Set([
  'too_large',
  'unsupported_type',
  'unreadable_media',
  'upload_aborted',
]);

/** Which field an upload error belongs to, and what to say, in the person's language. */
export function formErrorFor(err: AppError, lang: Lang): FormError {
  if (fileErrorCodes.has(err.code)) return { field: 'video', text: t(lang, `error.${err.code}`) };
  const named = err.details?.field;
  if (named === 'video' || named === 'file') {
    return { field: 'video', text: t(lang, 'field.video.error') };
  }
  if (named === 'transcript')
    return { field: 'transcript', text: t(lang, 'field.transcript.error') };
  if (err.code === 'invalid_consent')
    return { field: 'consent', text: t(lang, 'error.invalid_consent') };
  return { text: t(lang, `error.${err.code}`) };
}

/** A byte count in words people read ("2 GB", "500 MB"). */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let n = bytes;
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i += 1;
  }
  const shown = new Intl.NumberFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
    maximumFractionDigits: n < 10 && i > 0 ? 1 : 0,
  }).format(n);
  return `${shown} ${units[i]}`;
}

// The client script's words, looked up here so the page carries them in its own language.
export const CLIENT_MESSAGES = [
  'uploadJs.tooBig',
  'uploadJs.wrongType',
  'uploadJs.noFile',
  'uploadJs.sending',
  'uploadJs.percent',
  'uploadJs.timeLeft',
  'uploadJs.minutes',
  'uploadJs.seconds',
  'uploadJs.pause',
  'uploadJs.resume',
  'uploadJs.paused',
  'uploadJs.retrying',
  'uploadJs.offline',
  'uploadJs.failed',
  'uploadJs.done',
  'uploadJs.resumeHeading',
  'uploadJs.resumeBody',
  'uploadJs.startOver',
  'record.start',
  'record.stop',
  'record.retake',
  'record.use',
  'record.timer',
  'record.recording',
  'record.stopped',
  'record.limitReached',
  'record.unsupported',
  'record.denied',
  'error.too_large',
  'error.unsupported_type',
  'error.rate_limited',
  'error.invalid_consent',
  'error.campaign_closed',
  'error.internal',
] as const satisfies readonly MessageKey[];

/**
 * What the upload page's script needs, as JSON for a `type="application/json"` block (data,
 * not script, so the CSP stays strict): limits checked before a byte is sent, where to send,
 * the consent for the draft, and its words. `<` is escaped so the block cannot be closed early.
 */
export function uploadClientConfig(o: {
  lang: Lang;
  req: Request;
  campaign: CampaignView;
  consent: Consent;
}): string {
  const maxBytes = o.campaign.limits?.maxBytes ?? 2 * 1024 ** 3;
  const config = {
    campaign: o.campaign.slug,
    consent: o.consent,
    maxBytes,
    maxBytesText: formatBytes(maxBytes, o.lang),
    maxSeconds: o.campaign.limits?.maxDurationSeconds ?? 600,
    draftUrl: `${o.req.baseUrl}/api/v1/submissions`,
    tusUrl: `${o.req.baseUrl}/api/v1/uploads`,
    receiptBase: `${o.req.baseUrl}/r/`,
    messages: Object.fromEntries(CLIENT_MESSAGES.map((k) => [k, t(o.lang, k)])),
  };
  return JSON.stringify(config).replace(/</g, '\\u003c');
}
