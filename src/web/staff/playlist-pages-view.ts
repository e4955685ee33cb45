import { MAX_SHARE_DAYS, playlistUses } from '../../domain/playlist-rules';
import { t, type Lang } from '../../i18n';
import { formatDateTime, localised } from '../format';
import type {
  ExportPageView,
  PickerClipView,
  PlaylistListItem,
  PlaylistPageView,
  ShareView,
} from './playlist-pages-deps';

/** View models for the playlist pages: catalogue words, form fields and links. Pure. */

export type FieldError = { text: string; href: string };

/** A running time as people read it: "45 s", "3 min 05 s", "1 h 02 min"; rounded up. */
export function formatDuration(seconds: number | null, lang: Lang): string {
  const total = Math.max(0, Math.ceil(seconds ?? 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return t(lang, 'staff.playlists.timeHours', { hours: h, minutes: two(m) });
  if (m > 0) return t(lang, 'staff.playlists.timeMinutes', { minutes: m, seconds: two(s) });
  return t(lang, 'staff.playlists.timeSeconds', { seconds: s });
}

const dateFormat: Record<Lang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
  cy: new Intl.DateTimeFormat('cy-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** A session day (YYYY-MM-DD) in words, or "No date". */
export const sessionDay = (date: string | null, lang: Lang) =>
  date ? dateFormat[lang].format(new Date(`${date}T00:00:00Z`)) : t(lang, 'staff.playlists.noDate');

const useText = (lang: Lang, use: string) => t(lang, `playlist.use.${use}`);
const nameOf = (lang: Lang, name: string | null) =>
  name && name.trim() !== '' ? name : t(lang, 'staff.playlists.untitled');

/**
 * Which form field a refusal from the services is about: the API's field names (`title.en`,
 * `intro.cy`, ...) become the page's field ids, in the page's words.
 */
export function fieldErrorFor(lang: Lang, field: string, code: string): FieldError {
  const key =
    code === 'campaign_not_found'
      ? 'campaign'
      : (
          {
            campaign: 'campaign',
            'title.en': 'titleEn',
            'title.cy': 'titleCy',
            use: 'use',
            date: 'date',
            notes: 'notes',
            'intro.en': 'intro',
            'intro.cy': 'intro',
            days: 'days',
          } as Record<string, string>
        )[field];
  if (!key) return { text: t(lang, `error.${code}`), href: '#main-content' };
  const href = {
    campaign: '#campaign',
    titleEn: '#titleEn',
    titleCy: '#titleCy',
    use: '#use',
    date: '#date',
    notes: '#notes',
    intro: field === 'intro.cy' ? '#introCy' : '#introEn',
    days: '#days',
  }[key];
  return {
    text: t(lang, `staff.playlists.errors.${key}`, { max: MAX_SHARE_DAYS }),
    href: href ?? '#main-content',
  };
}

export function listPage(
  lang: Lang,
  rows: PlaylistListItem[],
  campaigns: Array<{ slug: string; name: { en: string; cy: string } }>,
  form: Record<string, string>,
) {
  return {
    rows: rows.map((r) => ({
      title: localised(r.title, lang),
      href: `/staff/playlists/${r.id}?lang=${lang}`,
      campaign: r.campaign,
      use: useText(lang, r.use),
      date: sessionDay(r.date, lang),
      clips: String(r.itemCount),
      runningTime: formatDuration(r.runningTimeSeconds, lang),
    })),
    campaignItems: campaigns.map((c) => ({
      value: c.slug,
      text: localised(c.name, lang).text,
      selected: c.slug === (form.campaign ?? campaigns[0]?.slug),
    })),
    useItems: playlistUses.map((u) => ({
      value: u,
      text: useText(lang, u),
      checked: u === (form.use || 'jury'),
    })),
  };
}

export function playlistPage(lang: Lang, p: PlaylistPageView, canManage: boolean) {
  const base = `/staff/playlists/${p.id}`;
  const total = p.items.length;
  return {
    title: localised(p.title, lang),
    campaign: p.campaign,
    use: useText(lang, p.use),
    date: sessionDay(p.date, lang),
    notes: p.notes,
    runningTime: formatDuration(p.runningTimeSeconds, lang),
    pickerHref: `${base}/clips?lang=${lang}`,
    editAction: `${base}?lang=${lang}`,
    items: p.items.map((item, i) => {
      const number = i + 1;
      const name = nameOf(lang, item.name);
      const action = `${base}/items/${item.id}`;
      return {
        id: item.id,
        number,
        name,
        duration: formatDuration(item.durationSeconds, lang),
        intro: { en: item.intro.en ?? '', cy: item.intro.cy ?? '' },
        notPlaying: !item.playable,
        problem: item.needsRecheck
          ? t(lang, 'staff.playlists.needsRecheck')
          : item.ineligibleReason
            ? t(lang, `playlist.ineligible.${item.ineligibleReason}`)
            : '',
        moveAction: `${action}/move?lang=${lang}`,
        introAction: `${action}/intro?lang=${lang}`,
        removeAction: `${action}/remove?lang=${lang}`,
        canUp: canManage && i > 0,
        canDown: canManage && i < total - 1,
        upLabel: t(lang, 'staff.playlists.moveFor', {
          action: t(lang, 'staff.playlists.moveUp'),
          number,
          name,
        }),
        downLabel: t(lang, 'staff.playlists.moveFor', {
          action: t(lang, 'staff.playlists.moveDown'),
          number,
          name,
        }),
        removeLabel: t(lang, 'staff.playlists.removeFor', { number, name }),
        introLegend: t(lang, 'staff.playlists.introFor', { number }),
        dragLabel: t(lang, 'staff.playlists.dragHandle', { number, name }),
      };
    }),
    changes: p.changes.map((c) => ({
      text: c.message,
      at: formatDateTime(new Date(c.at), lang),
    })),
  };
}

export function pickerPage(lang: Lang, p: PlaylistPageView, clips: PickerClipView[]) {
  return {
    title: localised(p.title, lang),
    intro: t(lang, 'staff.playlists.pickerIntro', { use: useText(lang, p.use) }),
    backHref: `/staff/playlists/${p.id}?lang=${lang}`,
    addAction: `/staff/playlists/${p.id}/items?lang=${lang}`,
    rows: clips.map((c) => ({
      submissionId: c.submissionId,
      name: nameOf(lang, c.name),
      language:
        c.language === 'cy' || c.language === 'en'
          ? t(lang, `staff.playlists.langName.${c.language}`)
          : '',
      duration: formatDuration(c.durationSeconds, lang),
      addable: c.eligible && !c.inPlaylist,
      status: c.inPlaylist
        ? t(lang, 'staff.playlists.inPlaylist')
        : c.eligible
          ? t(lang, 'staff.playlists.eligible')
          : t(lang, `playlist.ineligible.${c.reason ?? 'not_approved'}`),
      addLabel: t(lang, 'staff.playlists.addFor', { name: nameOf(lang, c.name) }),
    })),
  };
}

export function sharesView(lang: Lang, playlistId: string, shares: ShareView[], now: Date) {
  return shares.map((s) => {
    const created = formatDateTime(new Date(s.createdAt), lang);
    return {
      created,
      expires: formatDateTime(new Date(s.expiresAt), lang),
      lastUsed: s.lastUsedAt
        ? formatDateTime(new Date(s.lastUsedAt), lang)
        : t(lang, 'staff.playlists.shareNeverUsed'),
      state: s.revokedAt
        ? t(lang, 'staff.playlists.shareRevoked')
        : s.live && new Date(s.expiresAt) > now
          ? t(lang, 'staff.playlists.shareLive')
          : t(lang, 'staff.playlists.shareExpired'),
      revokeAction: s.live
        ? `/staff/playlists/${playlistId}/shares/${s.id}/revoke?lang=${lang}`
        : undefined,
      revokeLabel: t(lang, 'staff.playlists.revokeFor', { date: created }),
    };
  });
}

export function exportsView(lang: Lang, playlistId: string, rows: ExportPageView[]) {
  return rows.map((e) => {
    const requested = formatDateTime(new Date(e.createdAt), lang);
    const state = t(lang, `staff.playlists.exportStatus.${e.status}`);
    return {
      requested,
      settings: t(lang, 'staff.playlists.exportSettingsValue', {
        lang: t(lang, `staff.playlists.langName.${e.lang}`),
        height: e.height,
      }),
      state:
        e.status === 'queued' || e.status === 'rendering'
          ? t(lang, 'staff.playlists.exportProgress', { state, progress: e.progress })
          : state,
      note:
        e.status === 'deleted'
          ? t(lang, 'staff.playlists.exportDeleted')
          : e.status === 'failed'
            ? t(lang, 'staff.playlists.exportFailed')
            : '',
      deleted: e.status === 'deleted',
      downloadHref:
        e.status === 'ready'
          ? `/staff/playlists/${playlistId}/exports/${e.id}/download`
          : undefined,
      downloadLabel: t(lang, 'staff.playlists.downloadFor', { date: requested }),
      inProgress: e.status === 'queued' || e.status === 'rendering',
    };
  });
}
