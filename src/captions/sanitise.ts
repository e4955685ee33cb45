/**
 * Caption text arrives from contributors and staff and is shown to jurors inside a player, so
 * only plain text and line breaks may survive: no HTML or WebVTT tags (`<b>`, `<c.x>`,
 * `<v Name>`), no SSA/ASS override blocks (`{\an8}`, common in SRT files from editors), no
 * script or style content, no control or bidi-override characters. Entities are decoded so the
 * stored text is what a person reads; the VTT writer escapes `&`, `<` and `>` again.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

/** Elements whose content is code, not words: dropped with their content. */
const CODE_ELEMENTS =
  /<\s*(script|style|iframe|object|embed|svg|math)\b[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi;
const UNCLOSED_CODE_ELEMENT = /<\s*(script|style|iframe|object|embed|svg|math)\b[\s\S]*$/gi;
const TAG = /<\/?[A-Za-z!?/][^<>]*>|<\d[\d:.]*>/g;
const SSA_OVERRIDE = /\{\\[^}]*\}/g;
// C0/C1 controls except newline and tab, and Unicode bidi overrides/isolates that can disguise text.
const UNSAFE_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
      const safe =
        Number.isInteger(code) &&
        code > 0 &&
        code <= 0x10ffff &&
        !(code >= 0xd800 && code <= 0xdfff);
      return safe ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function stripMarkup(text: string): string {
  let out = text;
  // Repeat until stable so nested or split tags (`<scr<b>ipt>`) cannot reassemble.
  for (let i = 0; i < 5; i++) {
    const next = out
      .replace(CODE_ELEMENTS, '')
      .replace(UNCLOSED_CODE_ELEMENT, '')
      .replace(TAG, '')
      .replace(SSA_OVERRIDE, '');
    if (next === out) break;
    out = next;
  }
  return out;
}

/** Returns plain text with `\n` between non-empty, whitespace-collapsed lines. */
export function sanitiseCueText(raw: string): string {
  // Markup is removed both before and after decoding, so `&lt;script&gt;` cannot smuggle a tag.
  const text = stripMarkup(decodeEntities(stripMarkup(raw.replace(/\r\n?/g, '\n'))))
    .replace(/\t/g, ' ')
    .replace(UNSAFE_CHARS, '')
    .replace(/\\N/g, '\n'); // SSA hard line break, seen in converted SRT files
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}
