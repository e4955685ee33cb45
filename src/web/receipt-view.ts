import { hasMessage, isLang, t, type Lang } from '../i18n';
import { formatDateTime, localised, type LocalisedText } from './format';
import type { ReceiptView } from './router';

export const MEDIA_REFUSALS = [
  'empty',
  'not_media',
  'unreadable',
  'too_long',
  'no_usable_stream',
  'processing_error',
] as const;

/**
 * When a contributor may send a new version from the receipt: after a change request, a
 * failure, or while it waits for review (replacing it before anyone looks), in an open campaign.
 * The state machine also allows it after approval, but that is a staff replacement's path.
 */
export const CONTRIBUTOR_VERSION_STATES: ReadonlySet<ReceiptView['status']> = new Set([
  'changes_requested',
  'failed',
  'awaiting_review',
]);

export const maySendNewVersion = (r: Pick<ReceiptView, 'status' | 'campaign'>): boolean =>
  r.campaign.isOpen && CONTRIBUTOR_VERSION_STATES.has(r.status);

// Still on its way to being watchable: offer a "refresh" link rather than a timed reload.
const PENDING = new Set(['uploading', 'uploaded', 'processing']);

const tagClass: Record<ReceiptView['status'], string> = {
  uploading: 'govuk-tag--grey',
  uploaded: 'govuk-tag--teal',
  processing: 'govuk-tag--teal',
  awaiting_review: 'govuk-tag--purple',
  approved: 'govuk-tag--green',
  changes_requested: 'govuk-tag--yellow',
  rejected: 'govuk-tag--red',
  failed: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};

export interface ReceiptPage {
  campaignName: LocalisedText;
  campaignHref: string;
  /** Offer "send a new video" (failed or changes asked for, and the campaign still open). */
  offerNewVideo: boolean;
  /** Offer a new version of this video (maySendNewVersion). */
  offerNewVersion: boolean;
  /** Offer adding or correcting captions (until a moderator claims the clip). */
  offerCaptions: boolean;
  displayName: string;
  sentAt: string;
  status: { text: string; detail: string; tagClass: string };
  failureText?: string;
  pending: boolean;
  canWithdraw: boolean;
  /** The moderators' latest change request: the reason in the reader's language, their note. */
  changeRequest?: { reason?: string; note: string };
  /** What was agreed, one line per answer. */
  consentLines: string[];
  video?: {
    src: string;
    poster?: string;
    tracks: Array<{ src: string; srclang: Lang | string; label: string; default: boolean }>;
  };
}

/** A failure code in words a carer understands; unknown codes read as our own fault. */
export function refusalText(code: string | undefined, lang: Lang): string {
  const known = (MEDIA_REFUSALS as readonly string[]).includes(code ?? '');
  return t(lang, `media.refusal.${known ? code : 'processing_error'}`);
}

/** Everything the receipt page shows, worked out here so the template only lays it out. */
export function receiptPage(
  receipt: ReceiptView,
  lang: Lang,
  paths: { receipt: string; campaign: string },
): ReceiptPage {
  const names = new Set(receipt.media.map((m) => m.name));
  const mediaHref = (name: string) => `${paths.receipt}/media/${encodeURIComponent(name)}`;
  const watchable = receipt.status !== 'withdrawn' && names.has('720p.mp4');
  const page: ReceiptPage = {
    campaignName: localised(receipt.campaign.name, lang),
    campaignHref: paths.campaign,
    offerNewVideo:
      receipt.campaign.isOpen &&
      (receipt.status === 'failed' || receipt.status === 'changes_requested'),
    offerNewVersion: maySendNewVersion(receipt),
    offerCaptions: receipt.captionsOpen === true,
    displayName: receipt.displayName,
    sentAt: formatDateTime(receipt.createdAt, lang),
    status: {
      text: t(lang, `status.${receipt.status}`),
      detail: t(lang, `statusDetail.${receipt.status}`),
      tagClass: tagClass[receipt.status],
    },
    pending: PENDING.has(receipt.status),
    canWithdraw: receipt.status !== 'withdrawn',
    consentLines: consentLines(receipt, lang),
  };
  if (receipt.status === 'changes_requested' && receipt.changeRequest) {
    const code = receipt.changeRequest.reasonCode;
    page.changeRequest = {
      ...(code && hasMessage(`staff.review.reason.${code}`)
        ? { reason: t(lang, `staff.review.reason.${code}`) }
        : {}),
      note: receipt.changeRequest.note.trim(),
    };
  }
  if (receipt.status === 'failed') page.failureText = refusalText(receipt.failureReason, lang);
  if (watchable) {
    const tracks = [...names]
      .map((name) => ({ name, match: /^captions\.([a-z]{2,3})\.vtt$/.exec(name) }))
      .filter((c) => c.match)
      .map(({ name, match }) => {
        const code = match?.[1] ?? '';
        return {
          src: mediaHref(name),
          srclang: code,
          // Each language named in itself, as a person looking for their language expects.
          label: isLang(code) ? t(code, `lang.${code}`) : code,
          default: code === lang,
        };
      })
      .sort((a, b) => Number(b.default) - Number(a.default) || a.srclang.localeCompare(b.srclang));
    page.video = {
      src: mediaHref('720p.mp4'),
      ...(names.has('poster.jpg') ? { poster: mediaHref('poster.jpg') } : {}),
      tracks,
    };
  }
  return page;
}

/** The recorded consent in words, as the check-your-answers page put it. */
export function consentLines(receipt: ReceiptView, lang: Lang): string[] {
  const c = receipt.consent;
  if (!c) return [];
  const lines = (c.scopes ?? []).map((s) => t(lang, `field.scope.${s}`));
  if (c.onBehalf) {
    lines.push(
      t(lang, 'check.forOther', {
        relationship: c.onBehalf.relationship,
        basis: t(lang, `steps.forWhom.basis.${c.onBehalf.basis}`),
      }),
    );
  }
  if (c.over18 !== undefined) lines.push(t(lang, c.over18 ? 'check.over18' : 'check.under18'));
  if (c.othersAppear !== undefined) {
    lines.push(
      !c.othersAppear
        ? t(lang, 'check.othersNone')
        : t(lang, c.othersConsented ? 'check.othersAgreed' : 'check.othersNotAgreed'),
    );
  }
  if (c.healthDetailsAgreed !== undefined) {
    lines.push(
      `${t(lang, 'check.health')}: ${t(lang, c.healthDetailsAgreed ? 'check.healthYes' : 'check.healthNo')}`,
    );
  }
  return lines;
}
