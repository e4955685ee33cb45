/**
 * Splits a plain transcript into the units the aligner times: sentences, with long sentences
 * cut again at clause punctuation, so that anchors are never far apart. Pure.
 */

const MAX_WORDS_PER_PHRASE = 14;

function splitLong(sentence: string): string[] {
  const words = sentence.split(/\s+/).filter(Boolean);
  if (words.length <= MAX_WORDS_PER_PHRASE) return [sentence];
  const phrases: string[] = [];
  let current: string[] = [];
  for (const w of words) {
    current.push(w);
    if (/[,;:–—]$/.test(w) && current.length >= 4) {
      phrases.push(current.join(' '));
      current = [];
    }
  }
  if (current.length) phrases.push(current.join(' '));
  return phrases;
}

export function splitSentences(transcript: string): string[] {
  const text = transcript
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .trim();
  if (!text) return [];
  // A sentence ends at . ! ? … (with any closing quotes) before a space, or at a line break.
  const sentences = text
    .split(/\n+|(?<=[.!?…]["'’”)]*)\s+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  return sentences.flatMap(splitLong);
}
