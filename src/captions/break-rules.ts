import type { CaptionLanguage } from './cue';

/**
 * Where a caption line or cue may break, after the BBC Subtitle Guidelines ("Line breaks",
 * https://www.bbc.co.uk/accessibility/forproducts/guides/subtitles/#Line-breaks): break at
 * punctuation where possible, and never between an article and its noun, a preposition and the
 * rest of its phrase, or a pronoun and its verb. The lists hold the words after which a break
 * would strand its partner on the next line.
 */

const EN_NO_BREAK_AFTER = new Set(
  [
    // articles and determiners
    'a an the this that these those my your his her its our their some any every each no',
    // prepositions
    'about above across after against along among around as at before behind below beneath',
    'beside between beyond by down during for from in inside into near of off on onto out',
    'outside over past through to towards toward under until up upon via with within without',
    // subject pronouns (their verb follows)
    'i you he she it we they',
  ]
    .join(' ')
    .split(' '),
);

const CY_NO_BREAK_AFTER = new Set(
  [
    // the article and possessives (fy nhad, ei mam)
    'y yr fy dy ei ein eich eu',
    // prepositions, including common mutated forms
    'am ar at gan heb i o dan tan dros drwy trwy wrth hyd gyda efo rhwng yn mewn ger tua',
    'â ag nghyda ngyda',
    // preverbal particles and aspect markers that bind to the verb (mi es i, wedi mynd)
    'mi fe wedi newydd',
    // pronouns that lead their verb in speech (fi sy, chi yn)
    'fi ti hi ni chi nhw',
  ]
    .join(' ')
    .split(' '),
);

/** Weaker: a line may end here but should rather not (before the following clause). */
const SOFT_NO_BREAK_AFTER: Record<CaptionLanguage, Set<string>> = {
  en: new Set(['and', 'but', 'or', 'so', 'because', 'if', 'when', 'than', 'not', 'very']),
  cy: new Set(['a', 'ac', 'ond', 'neu', 'achos', 'oherwydd', 'os', 'pan', 'na', 'nag', 'iawn']),
};

const STRONG_PUNCTUATION = /[.!?…]["'’”)\]]*$/;
const WEAK_PUNCTUATION = /[,;:–—-]["'’”)\]]*$/;

function bare(word: string): string {
  return word
    .toLowerCase()
    .replace(/^["'‘’“”([]+/, '')
    .replace(/["'’”)\]]+$/, '');
}

/** True when breaking after `word` would split a phrase the guidelines keep together. */
export function bindsToNext(word: string, lang: CaptionLanguage): boolean {
  if (STRONG_PUNCTUATION.test(word) || WEAK_PUNCTUATION.test(word)) return false;
  const w = bare(word);
  if (lang === 'cy') {
    // Elided article, possessive or particle: i'r, o'r, Rwy'n, a'm, i'th, dw i'n.
    if (/['’](r|n|m|th)$/.test(word.toLowerCase())) return true;
    return CY_NO_BREAK_AFTER.has(w);
  }
  return EN_NO_BREAK_AFTER.has(w);
}

export const BREAK_COST = {
  sentenceEnd: 0,
  clause: 1,
  plain: 4,
  soft: 8,
  forbidden: 1000,
} as const;

/** The cost of ending a line (or a cue) after `word`. */
export function breakCostAfter(word: string, lang: CaptionLanguage): number {
  if (STRONG_PUNCTUATION.test(word)) return BREAK_COST.sentenceEnd;
  if (WEAK_PUNCTUATION.test(word)) return BREAK_COST.clause;
  if (bindsToNext(word, lang)) return BREAK_COST.forbidden;
  if (SOFT_NO_BREAK_AFTER[lang].has(bare(word))) return BREAK_COST.soft;
  return BREAK_COST.plain;
}
