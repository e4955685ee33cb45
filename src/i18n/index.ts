import { cy } from './cy';
import { en, type Catalogue } from './en';

export type { Catalogue } from './en';

export type Lang = 'en' | 'cy';
export const LANGS: readonly Lang[] = ['en', 'cy'];
export const DEFAULT_LANG: Lang = 'en';

export const isLang = (value: unknown): value is Lang => value === 'en' || value === 'cy';

/** Every dotted path to a string in the catalogue, e.g. `'status.approved'`. */
type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];
export type MessageKey = Leaves<Catalogue>;

/**
 * A known key, or any string for keys built at run time (`media.refusal.${code}`): the editor
 * still suggests known keys, and an unknown one comes back as itself.
 */
export type MessageKeyLike = MessageKey | (string & Record<never, never>);

export type MessageParams = Record<string, string | number>;

interface Tree {
  [key: string]: string | Tree;
}

/** Flattens a nested catalogue into dotted keys; exported for the completeness test. */
export function flattenCatalogue(tree: Tree, prefix = '', out = new Map<string, string>()) {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else flattenCatalogue(value, path, out);
  }
  return out;
}

export const catalogues: Readonly<Record<Lang, Catalogue>> = { en, cy };

const flat: Record<Lang, Map<string, string>> = {
  en: flattenCatalogue(en),
  cy: flattenCatalogue(cy),
};

export const hasMessage = (key: string): boolean => flat.en.has(key);

/**
 * The message for `key` in `lang`, with `{name}` placeholders filled from `params`.
 * An unknown key comes back as the key itself: visible in review, never a crash mid-page.
 */
export function t(lang: Lang, key: MessageKeyLike, params?: MessageParams): string {
  const message = flat[lang].get(key) ?? flat.en.get(key) ?? key;
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The `{placeholder}` names a message uses, sorted; exported for the completeness test. */
export const placeholdersOf = (message: string): string[] =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
