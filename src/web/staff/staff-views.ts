import { submissionStatuses } from '../../domain/submission-states';
import { abuseKinds, contentChecklistItems, walesCategories } from '../../domain/review-checklist';
import { reviewReasonCodes } from '../../domain/review-rules';
import { t, type Lang } from '../../i18n';
import { formatDateTime, localised } from '../format';
import type { QueueFilters, QueueItemView, ReviewView } from './staff-deps';

/** View models for the staff pages: catalogue words and GOV.UK component arguments. */

const timeFormat: Record<Lang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Europe/London' }),
  cy: new Intl.DateTimeFormat('cy-GB', { timeStyle: 'short', timeZone: 'Europe/London' }),
};

const statusText = (lang: Lang, s: string) =>
  s === 'escalated' ? t(lang, 'staff.statusFilter.escalated') : t(lang, `status.${s}`);

export function queuePage(
  lang: Lang,
  data: { items: QueueItemView[]; counts: Record<string, number>; next?: string },
  filters: QueueFilters,
  campaigns: Array<{ slug: string; name: { en: string; cy: string } }>,
) {
  const selected = (value: string | undefined, current: string | undefined) => value === current;
  const status = filters.status ?? 'awaiting_review';
  return {
    campaignItems: [
      { value: '', text: t(lang, 'staff.queue.allCampaigns'), selected: !filters.campaign },
      ...campaigns.map((c) => ({
        value: c.slug,
        text: localised(c.name, lang).text,
        selected: selected(c.slug, filters.campaign),
      })),
    ],
    statusItems: [...submissionStatuses, 'escalated'].map((s) => ({
      value: s,
      text: statusText(lang, s),
      selected: s === status,
    })),
    languageItems: [
      { value: '', text: t(lang, 'staff.queue.anyLanguage'), selected: !filters.language },
      ...(['en', 'cy'] as const).map((l) => ({
        value: l,
        text: t(lang, `staff.formLanguage.${l}`),
        selected: l === filters.language,
      })),
    ],
    captionsMissing: filters.captionsMissing === true,
    flagged: filters.flagged === true,
    ...(data.next ? { nextHref: queueHref(lang, filters, data.next) } : {}),
    ...(filters.after ? { firstHref: queueHref(lang, filters) } : {}),
    counts: Object.entries(data.counts)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => ({ key: { text: statusText(lang, s) }, value: { text: String(n) } })),
    rows: data.items.map((item, i) => ({
      href: `/staff/submissions/${item.id}`,
      label: t(lang, 'staff.queue.open', { number: i + 1 }),
      received: formatDateTime(new Date(item.createdAt), lang),
      campaign: item.campaign,
      language: t(lang, `staff.formLanguage.${item.language}`),
      status: statusText(lang, item.escalated ? 'escalated' : item.status),
      reviewer: item.claimedBy ?? t(lang, 'staff.queue.unclaimed'),
      captionsMissing: item.captionsMissing,
    })),
  };
}

export function reviewPage(lang: Lang, r: ReviewView) {
  const names = new Set(r.media.map((m) => m.name));
  const mediaHref = (name: string) => `/staff/submissions/${r.id}/media/${name}`;
  const tracks = [...names]
    .map((n) => /^captions\.([a-z]{2,3})\.vtt$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m, i) => ({
      src: mediaHref(m[0]),
      srclang: m[1] ?? 'en',
      label: m[1] === 'cy' || m[1] === 'en' ? t(lang, `lang.${m[1]}`) : (m[1] ?? ''),
      default: i === 0,
    }));
  const yesNo = (b: boolean) => t(lang, b ? 'staff.review.yes' : 'staff.review.no');
  const c = r.consent;
  return {
    campaignName: localised(r.campaign.name, lang),
    status: statusText(lang, r.escalated ? 'escalated' : r.status),
    video: names.has('720p.mp4')
      ? {
          src: mediaHref('720p.mp4'),
          ...(names.has('poster.jpg') ? { poster: mediaHref('poster.jpg') } : {}),
          tracks,
        }
      : undefined,
    consentRows: c
      ? [
          [t(lang, 'staff.review.name'), c.displayName ?? ''],
          [
            t(lang, 'staff.review.scopes'),
            c.scopes.map((s) => t(lang, `staff.scope.${s}`)).join(', '),
          ],
          [t(lang, 'staff.review.othersAppear'), yesNo(c.othersAppear)],
          [t(lang, 'staff.review.othersConsented'), yesNo(c.othersConsented)],
          [t(lang, 'staff.review.formLanguage'), t(lang, `staff.formLanguage.${c.language}`)],
          [t(lang, 'staff.review.givenAt'), formatDateTime(c.givenAt, lang)],
          [
            t(lang, 'staff.review.statement'),
            t(lang, 'staff.review.statementVersion', { version: c.statementVersion }),
          ],
          ...consentExtraRows(lang, c),
        ].map(([k, v]) => ({ key: { text: k }, value: { text: v } }))
      : [],
    checklist: checklistView(lang),
    statement: c ? localised(c.statement, lang) : undefined,
    claimText: r.claim
      ? r.claim.byMe
        ? t(lang, 'staff.review.claimedByYou', {
            time: timeFormat[lang].format(r.claim.expiresAt),
          })
        : t(lang, 'staff.review.claimedByOther', {
            email: r.claim.email,
            time: timeFormat[lang].format(r.claim.expiresAt),
          })
      : t(lang, 'staff.review.notClaimed'),
    canClaim: r.status === 'awaiting_review' && !(r.claim && !r.claim.byMe),
    claimedByMe: r.claim?.byMe === true,
    canDecide: r.status === 'awaiting_review' && r.claim?.byMe === true,
    reasonItems: [
      { value: '', text: t(lang, 'staff.review.noReason') },
      ...reviewReasonCodes.map((code) => ({ value: code, text: t(lang, `staff.reason.${code}`) })),
    ],
    history: r.reviews.map((h) => ({
      text: t(lang, 'staff.review.historyItem', {
        decision: t(lang, `staff.decision.${h.decision}`),
        email: h.email,
        time: formatDateTime(h.at, lang),
      }),
      reason: h.reasonCode ? t(lang, `staff.reason.${h.reasonCode}`) : '',
      note: h.note,
      checklist: checklistHistory(lang, h.checklist),
    })),
  };
}

// Issue 6 review extras: queue paging, the consent panel's other answers, the content checklist.

function queueHref(lang: Lang, f: QueueFilters, after?: string): string {
  const q = new URLSearchParams();
  if (f.campaign) q.set('campaign', f.campaign);
  if (f.status) q.set('status', f.status);
  if (f.language) q.set('language', f.language);
  if (f.captionsMissing) q.set('captionsMissing', 'true');
  if (f.flagged) q.set('flagged', 'true');
  if (after) q.set('after', after);
  q.set('lang', lang);
  return `/staff/?${q.toString()}`;
}

type ConsentView = NonNullable<ReviewView['consent']>;

/** The consent answers beyond the basic ones: shown only when recorded. */
function consentExtraRows(lang: Lang, c: ConsentView): Array<[string, string]> {
  const yesNo = (b: boolean | null) =>
    b === null
      ? t(lang, 'staffReview.notAsked')
      : t(lang, b ? 'staff.review.yes' : 'staff.review.no');
  const rows: Array<[string, string]> = [];
  const methods = ['online', 'paper', 'phone', 'in_person'];
  rows.push([
    t(lang, 'staffReview.method'),
    methods.includes(c.method) ? t(lang, `staffReview.methods.${c.method}`) : c.method,
  ]);
  if (c.witnessedBy) rows.push([t(lang, 'staffReview.witness'), c.witnessedBy]);
  if (c.over18 !== null) rows.push([t(lang, 'staffReview.over18'), yesNo(c.over18)]);
  if (c.guardianAgreed !== null) {
    rows.push([t(lang, 'staffReview.guardianAgreed'), yesNo(c.guardianAgreed)]);
  }
  if (c.healthDetailsAgreed !== null) {
    rows.push([t(lang, 'staffReview.healthDetailsAgreed'), yesNo(c.healthDetailsAgreed)]);
  }
  if (c.onBehalfRelationship) rows.push([t(lang, 'staffReview.onBehalf'), c.onBehalfRelationship]);
  if (c.onBehalfBasis) {
    rows.push([
      t(lang, 'staffReview.onBehalfBasis'),
      t(lang, `staffReview.basis.${c.onBehalfBasis}`),
    ]);
  }
  return rows;
}

function checklistView(lang: Lang) {
  return {
    items: contentChecklistItems.map((i) => ({ value: i, text: t(lang, `staffReview.item.${i}`) })),
    concerns: abuseKinds.map((k) => ({
      value: k,
      text: t(lang, `staffReview.abuse.${k}`),
      ...(walesCategories.includes(k)
        ? { hint: { text: t(lang, 'staffReview.walesCategory') } }
        : {}),
    })),
  };
}

function checklistHistory(lang: Lang, c: ReviewView['reviews'][number]['checklist']): string[] {
  const lines: string[] = [];
  const checked = contentChecklistItems.filter((i) => c.checked?.includes(i));
  if (checked.length) {
    const items = checked.map((i) => t(lang, `staffReview.item.${i}`)).join('; ');
    lines.push(t(lang, 'staffReview.historyChecked', { items }));
  }
  const concerns = abuseKinds.filter((k) => c.concerns?.includes(k));
  if (concerns.length) {
    const kinds = concerns.map((k) => t(lang, `staffReview.abuse.${k}`)).join(', ');
    lines.push(t(lang, 'staffReview.historyConcerns', { kinds }));
  }
  if (c.adultAtRisk) lines.push(t(lang, 'staffReview.historyAdultAtRisk'));
  return lines;
}
