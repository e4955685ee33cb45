import type { Lang } from '../i18n';

export interface LocalisedText {
  text: string;
  /** Set only when the text is in another language than the page (a missing translation). */
  lang?: Lang;
}

/** Staff-written text in the page's language, falling back to the other language if empty. */
export function localised(pair: { en: string; cy: string }, lang: Lang): LocalisedText {
  if (pair[lang].trim() !== '') return { text: pair[lang] };
  const other: Lang = lang === 'en' ? 'cy' : 'en';
  return { text: pair[other], lang: other };
}

const dateTimeFormats: Record<Lang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/London',
  }),
  cy: new Intl.DateTimeFormat('cy-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/London',
  }),
};

/** A date and time as people in Wales read it, e.g. "26 November 2026 at 10:04". */
export const formatDateTime = (date: Date, lang: Lang): string =>
  dateTimeFormats[lang].format(date);
