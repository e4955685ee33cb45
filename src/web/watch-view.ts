import { t, type Lang } from '../i18n';
import { localised, type LocalisedText } from './format';
import { otherLang } from './language';
import { clockOf, type TranscriptRow } from './watch-transcript';

/** What the juror page needs of a shared playlist: the `GET /api/v1/watch/{token}` JSON. */
export interface WatchData {
  title: { en: string; cy: string };
  items: Array<{
    id: string;
    intro: { en: string | null; cy: string | null };
    name: string | null;
    durationSeconds: number | null;
    captions: readonly Lang[];
    /** Proxy paths under /api/v1/watch/{token}/items/: never a storage URL. */
    video: string;
    poster: string | null;
    captionUrls: Partial<Record<Lang, string>>;
  }>;
}

/** Which captions show first: the page's language, else the other one (and the page says so). */
export function pickCaptionTrack(
  available: readonly Lang[],
  lang: Lang,
): { lang: Lang; fallback: boolean } | undefined {
  if (available.includes(lang)) return { lang, fallback: false };
  const other = otherLang(lang);
  return available.includes(other) ? { lang: other, fallback: true } : undefined;
}

/** `?item=` as a 0-based index: 1 is the first clip; absent means the first; else undefined. */
export function itemIndex(param: unknown, count: number): number | undefined {
  if (param === undefined) return 0;
  if (typeof param !== 'string' || !/^[1-9]\d{0,3}$/.test(param)) return undefined;
  const n = Number(param) - 1;
  return n < count ? n : undefined;
}

/** `?at=` (seconds into the clip, from a transcript link without JavaScript), else 0. */
export function startAt(param: unknown): number {
  if (typeof param !== 'string' || !/^\d{1,5}(\.\d{1,3})?$/.test(param)) return 0;
  return Number(param);
}

const optionalText = (pair: { en: string | null; cy: string | null }, lang: Lang) => {
  const text = localised({ en: pair.en ?? '', cy: pair.cy ?? '' }, lang);
  return text.text.trim() === '' ? undefined : text;
};

export interface ClipTrack {
  src: string;
  srclang: Lang;
  label: string;
  default: boolean;
}

export interface ClipView {
  number: number;
  href: string;
  heading: string;
  intro?: LocalisedText;
  /** "Shared by {name}": the contributor's chosen name, when the API gives one. */
  byline?: string;
  duration?: { text: string; iso: string };
  current: boolean;
  video: string;
  poster: string | null;
  tracks: ClipTrack[];
  /** Shown when the captions are not in the page's language, or there are none. */
  captionNote?: string;
  /** The captions shown first, for the transcript. */
  captionLang?: Lang;
}

export interface WatchPage {
  title: LocalisedText;
  clips: ClipView[];
  current?: ClipView;
  previousHref?: string;
  nextHref?: string;
  transcript: TranscriptRow[];
  /** Set when the transcript is in another language than the page. */
  transcriptLang?: Lang;
  /** The player's source with a media fragment when a transcript link asked for a time. */
  videoSrc?: string;
}

const isoDuration = (seconds: number) => `PT${Math.round(seconds)}S`;

function clipView(
  item: WatchData['items'][number],
  index: number,
  count: number,
  lang: Lang,
  pageHref: string,
  currentIndex: number,
): ClipView {
  const number = index + 1;
  const pick = pickCaptionTrack(item.captions, lang);
  const tracks: ClipTrack[] = item.captions.flatMap((l) => {
    const src = item.captionUrls[l];
    return src ? [{ src, srclang: l, label: t(l, `lang.${l}`), default: pick?.lang === l }] : [];
  });
  const captionNote = !pick
    ? t(lang, 'watch.noCaptions')
    : pick.fallback
      ? t(lang, `watch.captionsOnly.${pick.lang}`)
      : undefined;
  const intro = optionalText(item.intro, lang);
  return {
    number,
    href: `${pageHref}?item=${number}`,
    heading: t(lang, 'watch.clipOf', { number, count }),
    ...(intro ? { intro } : {}),
    ...(item.name ? { byline: t(lang, 'watch.byline', { name: item.name }) } : {}),
    ...(item.durationSeconds !== null
      ? {
          duration: {
            text: clockOf(Math.round(item.durationSeconds)),
            iso: isoDuration(item.durationSeconds),
          },
        }
      : {}),
    current: index === currentIndex,
    video: item.video,
    poster: item.poster,
    tracks,
    ...(captionNote ? { captionNote } : {}),
    ...(pick ? { captionLang: pick.lang } : {}),
  };
}

/**
 * The juror page as data: the clips in order, the one in the player, its neighbours and its
 * transcript. `pageHref` is the page's own path (`/watch/{token}`).
 */
export function watchPage(
  data: WatchData,
  lang: Lang,
  opts: { pageHref: string; index: number; transcript?: TranscriptRow[]; at?: number },
): WatchPage {
  const count = data.items.length;
  const clips = data.items.map((item, i) =>
    clipView(item, i, count, lang, opts.pageHref, opts.index),
  );
  const current = clips[opts.index];
  const previous = clips[opts.index - 1];
  const next = clips[opts.index + 1];
  return {
    title: localised(data.title, lang),
    clips,
    ...(current ? { current } : {}),
    ...(previous ? { previousHref: previous.href } : {}),
    ...(next ? { nextHref: next.href } : {}),
    transcript: opts.transcript ?? [],
    ...(current?.captionLang && current.captionLang !== lang
      ? { transcriptLang: current.captionLang }
      : {}),
    ...(current ? { videoSrc: opts.at ? `${current.video}#t=${opts.at}` : current.video } : {}),
  };
}
