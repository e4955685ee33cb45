import { errorStatus } from '../domain/errors';
import { cy } from './cy';
import { en } from './en';
import { flattenCatalogue, isLang, placeholdersOf, t, type MessageKey } from './index';

const enFlat = flattenCatalogue(en);
const cyFlat = flattenCatalogue(cy);

describe('message catalogue', () => {
  it('has the same keys in English and Welsh', () => {
    expect([...cyFlat.keys()].sort()).toEqual([...enFlat.keys()].sort());
  });

  it.each([...enFlat.keys()])('%s: same placeholders, no empty value', (key) => {
    const english = enFlat.get(key) ?? '';
    const welsh = cyFlat.get(key) ?? '';
    expect(english.trim()).not.toBe('');
    expect(welsh.trim()).not.toBe('');
    expect(placeholdersOf(welsh)).toEqual(placeholdersOf(english));
  });

  it('has a Welsh line that differs from English, except language names', () => {
    const same = [...enFlat.keys()].filter(
      (k) => !k.startsWith('lang.') && enFlat.get(k) === cyFlat.get(k),
    );
    expect(same).toEqual([]);
  });

  it('has a message for every AppError code', () => {
    for (const code of Object.keys(errorStatus)) {
      expect(enFlat.has(`error.${code}`)).toBe(true);
    }
  });

  it.each([
    'media.refusal.empty',
    'media.refusal.not_media',
    'media.refusal.unreadable',
    'media.refusal.too_long',
    'media.refusal.no_usable_stream',
    'media.refusal.processing_error',
    'status.uploading',
    'status.uploaded',
    'status.processing',
    'status.awaiting_review',
    'status.approved',
    'status.changes_requested',
    'status.rejected',
    'status.failed',
    'status.withdrawn',
  ])('has %s', (key) => {
    expect(enFlat.has(key)).toBe(true);
  });
});

describe('t', () => {
  it('looks up by language and fills placeholders', () => {
    expect(t('en', 'receipt.thanks', { name: 'Sam' })).toBe('Thank you for taking part, Sam.');
    expect(t('cy', 'receipt.thanks', { name: 'Sam' })).toBe('Diolch am gymryd rhan, Sam.');
    expect(t('cy', 'upload.statementVersion', { version: 3 })).toContain('3');
  });

  it('leaves an unknown placeholder as written and an unknown key as the key', () => {
    expect(t('en', 'receipt.thanks')).toBe('Thank you for taking part, {name}.');
    expect(t('en', 'no.such.key' as MessageKey)).toBe('no.such.key');
  });

  it('recognises languages', () => {
    expect(isLang('cy')).toBe(true);
    expect(isLang('en')).toBe(true);
    expect(isLang('fr')).toBe(false);
    expect(isLang(undefined)).toBe(false);
  });
});
