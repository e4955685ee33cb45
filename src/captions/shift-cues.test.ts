import type { Cue } from './cue';
import { shiftCues } from './shift-cues';

const cue = (start: number, end: number, text = `${start}-${end}`): Cue => ({ start, end, text });

describe('shiftCues', () => {
  it.each<[string, Cue[], [number, number], Cue[]]>([
    ['no trim at all keeps every cue', [cue(0, 2), cue(2, 4)], [0, 10], [cue(0, 2), cue(2, 4)]],
    [
      'moves every time back by the in point',
      [cue(3, 5, 'a'), cue(5.5, 7, 'b')],
      [1, 10],
      [cue(2, 4, 'a'), cue(4.5, 6, 'b')],
    ],
    [
      'drops cues that end before the in point',
      [cue(0, 1), cue(2, 3, 'x')],
      [1.5, 5],
      [cue(0.5, 1.5, 'x')],
    ],
    ['drops a cue ending exactly at the in point', [cue(0, 1)], [1, 5], []],
    ['clips a cue straddling the in point', [cue(0, 3.2, 'a')], [1, 6], [cue(0, 2.2, 'a')]],
    ['clips a cue straddling the out point', [cue(3.3, 7, 'b')], [1, 6], [cue(2.3, 5, 'b')]],
    ['drops cues starting at or after the out point', [cue(6, 7), cue(8, 9)], [1, 6], []],
    ['clips a cue covering the whole window', [cue(0, 20, 'all')], [2, 5], [cue(0, 3, 'all')]],
    [
      'drops a clipped remnant too short to read',
      [cue(0, 1.1, 'short'), cue(1.5, 2, 'kept')],
      [1, 5],
      [cue(0.5, 1, 'kept')],
    ],
    [
      'keeps a short cue that was short to begin with',
      [cue(2, 2.1, 'blip')],
      [1, 5],
      [cue(1, 1.1, 'blip')],
    ],
    [
      'rounds to milliseconds',
      [cue(3.3, 4.7)],
      [1.1, 5],
      [{ start: 2.2, end: 3.6, text: '3.3-4.7' }],
    ],
  ])('%s', (_name, cues, [inPoint, outPoint], expected) => {
    expect(shiftCues(cues, { inPoint, outPoint })).toEqual(expected);
  });

  it('keeps the text, line breaks included', () => {
    expect(shiftCues([cue(1, 3, 'one\ntwo')], { inPoint: 0.5, outPoint: 4 })).toEqual([
      cue(0.5, 2.5, 'one\ntwo'),
    ]);
  });

  it.each([
    [5, 5],
    [6, 5],
    [-1, 5],
  ])('refuses an empty or negative window %d..%d', (inPoint, outPoint) => {
    expect(() => shiftCues([cue(0, 1)], { inPoint, outPoint })).toThrow(RangeError);
  });
});
