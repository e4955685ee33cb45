import { submissionStatuses } from '../../domain/submission-states';
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
  data: { items: QueueItemView[]; counts: Record<string, number> },
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
        ].map(([k, v]) => ({ key: { text: k }, value: { text: v } }))
      : [],
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
    })),
  };
}
