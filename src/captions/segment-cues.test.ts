import { bindsToNext, breakCostAfter } from './break-rules';
import { cuesFromSpans, layOutText, layoutForFrame, minimumDuration, TIMING } from './segment-cues';

const landscape = layoutForFrame({ width: 1920, height: 1080 });
const portrait = layoutForFrame({ width: 1080, height: 1920 });

const EN =
  'Every morning I help my mum get out of bed. The carer is meant to arrive at nine, but some ' +
  'days nobody comes and I have to phone the office from the car park before work.';
const CY =
  "Bore da. Rwy'n gofalu am fy nhad bob dydd, ac weithiau mae'r gofalwr yn hwyr iawn yn cyrraedd " +
  "y tŷ ar ôl i'r bws fynd heibio i'r ysgol.";

function lastWords(lines: string[]) {
  return lines.map((l) => l.split(' ').pop()!);
}

describe('layoutForFrame', () => {
  it.each([
    [{ width: 1920, height: 1080 }, 37, 2],
    [{ width: 1280, height: 720 }, 37, 2],
    [{ width: 1080, height: 1920 }, 25, 3],
    [{ width: 720, height: 1280 }, 25, 3],
    [{ width: 1080, height: 1080 }, 29, 2],
    [{ width: 640, height: 480 }, 33, 2],
    [null, 37, 2],
  ])('%j -> %i chars x %i lines', (frame, chars, lines) => {
    expect(layoutForFrame(frame)).toEqual({ maxChars: chars, maxLines: lines });
  });
});

describe('break rules', () => {
  it.each([
    ['the', 'en', true],
    ['The', 'en', true],
    ['of', 'en', true],
    ['they', 'en', true],
    ['mum', 'en', false],
    ['the,', 'en', false],
    ['yr', 'cy', true],
    ["i'r", 'cy', true],
    ["Rwy'n", 'cy', true],
    ['fy', 'cy', true],
    ['gyda', 'cy', true],
    ['dydd,', 'cy', false],
    ['tad', 'cy', false],
  ] as const)('%s (%s) binds to the next word: %s', (word, lang, binds) => {
    expect(bindsToNext(word, lang)).toBe(binds);
  });

  it('prefers sentence ends, then clause punctuation, then plain words', () => {
    expect(breakCostAfter('bed.', 'en')).toBeLessThan(breakCostAfter('nine,', 'en'));
    expect(breakCostAfter('nine,', 'en')).toBeLessThan(breakCostAfter('mum', 'en'));
    expect(breakCostAfter('mum', 'en')).toBeLessThan(breakCostAfter('the', 'en'));
  });
});

describe('layOutText', () => {
  it.each([
    ['en 16:9', EN, 'en', landscape],
    ['en 9:16', EN, 'en', portrait],
    ['cy 16:9', CY, 'cy', landscape],
    ['cy 9:16', CY, 'cy', portrait],
  ] as const)(
    '%s: lines fit, cues have few enough lines, no word is split or lost',
    (_n, text, lang, layout) => {
      const cues = layOutText(text, lang, layout);
      for (const lines of cues) {
        expect(lines.length).toBeLessThanOrEqual(layout.maxLines);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(layout.maxChars);
      }
      expect(cues.flat().join(' ')).toBe(text);
    },
  );

  it.each([
    ['en 16:9', EN, 'en', landscape],
    ['en 9:16', EN, 'en', portrait],
    ['cy 16:9', CY, 'cy', landscape],
    ['cy 9:16', CY, 'cy', portrait],
  ] as const)(
    '%s: never ends a line or cue on an article, preposition or pronoun',
    (_n, text, lang, layout) => {
      for (const lines of layOutText(text, lang, layout)) {
        for (const w of lastWords(lines)) expect([w, bindsToNext(w, lang)]).toEqual([w, false]);
      }
    },
  );

  it('breaks at punctuation when it can', () => {
    const cues = layOutText('I was tired, so I went home early and slept.', 'en', landscape);
    expect(cues).toEqual([['I was tired,', 'so I went home early and slept.']]);
  });

  it('keeps the article with its noun even when the line could hold one more word', () => {
    const text = 'We waited for an hour outside the surgery in the rain';
    const lines = layOutText(text, 'en', { maxChars: 20, maxLines: 2 }).flat();
    expect(lines.every((l) => !/ (the|an|in|for)$/.test(l))).toBe(true);
  });

  it('puts a word longer than a line on a line of its own rather than cutting it', () => {
    const cues = layOutText(
      'Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch yw hi',
      'cy',
      landscape,
    );
    expect(cues.flat()).toContain('Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch');
  });
});

describe('cuesFromSpans: timing', () => {
  it('shares a sentence’s time between its cues in order without overlaps', () => {
    const cues = cuesFromSpans([{ start: 2, end: 16, text: EN }], 'en', landscape);
    expect(cues.length).toBeGreaterThan(1);
    expect(cues[0]!.start).toBe(2);
    expect(cues[cues.length - 1]!.end).toBe(16);
    cues.forEach((c, i) => {
      expect(c.end).toBeGreaterThan(c.start);
      if (i > 0) expect(c.start).toBeGreaterThanOrEqual(cues[i - 1]!.end);
    });
  });

  it('gives a fast cue at least a third of a second a word when there is room', () => {
    const [cue] = cuesFromSpans(
      [{ start: 5, end: 5.6, text: 'I help my mum every day' }],
      'en',
      landscape,
    );
    expect(cue!.end - cue!.start).toBeGreaterThanOrEqual(6 * 0.3);
    expect(cue!.end - cue!.start).toBeCloseTo(minimumDuration('I help my mum every day'), 6);
    expect(cue!.start).toBe(5); // lengthened after the speech first
  });

  it('never shows a cue more than 1.5 s before or after its speech', () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve';
    const [cue] = cuesFromSpans([{ start: 10, end: 10.5, text }], 'en', landscape);
    expect(cue!.end).toBeLessThanOrEqual(10.5 + TIMING.maxLagSeconds + 1e-9);
    expect(cue!.start).toBeGreaterThanOrEqual(10 - TIMING.maxLeadSeconds - 1e-9);
    expect(cue!.end - cue!.start).toBeCloseTo(3.5, 6);
  });

  it('does not run into the next speech or before the previous cue ends', () => {
    const cues = cuesFromSpans(
      [
        { start: 1, end: 1.3, text: 'Bore da pawb.' },
        { start: 1.5, end: 1.8, text: 'Sut mae heddiw?' },
      ],
      'cy',
      landscape,
    );
    expect(cues[0]!.end).toBeLessThanOrEqual(1.5);
    expect(cues[1]!.start).toBeGreaterThanOrEqual(cues[0]!.end);
    expect(cues[1]!.end).toBeLessThanOrEqual(1.8 + TIMING.maxLagSeconds);
  });

  it('starts no earlier than zero', () => {
    const [cue] = cuesFromSpans(
      [{ start: 0.2, end: 0.3, text: 'a b c d e f g h i' }],
      'en',
      landscape,
    );
    expect(cue!.start).toBeGreaterThanOrEqual(0);
  });
});
