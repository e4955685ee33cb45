import {
  CARD_COLOURS,
  cardFontFile,
  charsThatFit,
  cleanCardText,
  DEFAULT_FONT_DIR,
  drawTextFilter,
  fontSizeToFit,
} from './title-card-text';

describe('cleanCardText', () => {
  it.each([
    ['  Siân   O’Brien ', 12, 'Siân O’Brien'],
    ['line\nbreak\ttab\r\n', 40, 'line break tab'],
    ['right\u202eto\u2066 left', 40, 'right to left'],
    ['zero\u200bwidth\u00adsoft', 40, 'zero width soft'],
    ['para\u2029graph\u2028line', 40, 'para graph line'],
    ['e\u0301', 5, 'é'],
    ['abcdef', 6, 'abcdef'],
    ['abcdefg', 6, 'abcde…'],
    ['🙂🙂🙂🙂', 3, '🙂🙂…'],
    ['\u0000\u0007 ', 5, ''],
  ])('%p at most %p characters -> %p', (raw, max, shown) => {
    expect(cleanCardText(raw, max)).toBe(shown);
  });
});

describe('card sizing', () => {
  it.each([
    [1000, 50, 0.5, 40],
    [1075.2, 48, 0.62, 36],
    [1075.2, 72, 0.62, 24],
  ])('across %p px at %p px and %p em per character: %p characters', (w, size, em, chars) => {
    expect(charsThatFit(w, size, em)).toBe(chars);
  });

  it.each([
    ['Siân', 52, 52],
    ['x'.repeat(40), 52, 48],
    ['', 40, 40],
    ['x'.repeat(200), 52, 20],
    ['🙂'.repeat(40), 52, 48],
  ])('%p fits 1160 px at most %p px -> %p', (text, largest, size) => {
    expect(fontSizeToFit(text, 1160, { largest, smallest: 20, emPerChar: 0.6 })).toBe(size);
  });
});

describe('drawTextFilter', () => {
  const line = { file: 'card-1-0.txt', fontSize: 48, bold: true, colour: 'white', y: 300 };

  it('reads the text from its file, unexpanded, centred, in DejaVu Sans', () => {
    expect(drawTextFilter(line, DEFAULT_FONT_DIR)).toBe(
      'drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:textfile=card-1-0.txt:expansion=none:fontsize=48:fontcolor=white:x=(w-text_w)/2:y=300',
    );
    expect(cardFontFile('/f', false)).toBe('/f/DejaVuSans.ttf');
    expect(CARD_COLOURS.background).toBe('0x1f3a4d');
  });

  it.each([
    [{ ...line, file: "x':text='boom" }, DEFAULT_FONT_DIR],
    [{ ...line, file: 'a b.txt' }, DEFAULT_FONT_DIR],
    [line, "/fonts/it's:here"],
  ])('refuses a path that would need escaping: %p %p', (bad, fontDir) => {
    expect(() => drawTextFilter(bad, fontDir)).toThrow(/not safe inside a filter graph/);
  });
});
