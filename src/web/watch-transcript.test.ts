import { clockOf, transcriptFromVtt, transcriptRows } from './watch-transcript';

describe('clockOf', () => {
  it.each([
    [0, '0:00'],
    [3.3, '0:03'],
    [65.9, '1:05'],
    [3600, '1:00:00'],
    [3909, '1:05:09'],
    [-2, '0:00'],
  ])('%s seconds reads %s', (seconds, clock) => {
    expect(clockOf(seconds)).toBe(clock);
  });
});

describe('transcript from WebVTT', () => {
  const vtt = [
    'WEBVTT',
    '',
    '00:00:00.000 --> 00:00:03.200',
    'Bob bore rwy’n helpu fy mam',
    'i godi o’r gwely.',
    '',
    'cue-2',
    '00:00:03.300 --> 00:00:07.000 align:start',
    'Mae’r gofalwr i fod i gyrraedd am naw.',
    '',
  ].join('\n');

  it('lists each cue with its start, its clock and its lines, in order', () => {
    expect(transcriptFromVtt(vtt)).toEqual([
      { start: 0, clock: '0:00', lines: ['Bob bore rwy’n helpu fy mam', 'i godi o’r gwely.'] },
      { start: 3.3, clock: '0:03', lines: ['Mae’r gofalwr i fod i gyrraedd am naw.'] },
    ]);
  });

  it('keeps markup out of the rows (the template escapes what is left)', () => {
    const rows = transcriptFromVtt('WEBVTT\n\n00:00.000 --> 00:01.000\n<b>Helo</b> &amp; croeso\n');
    expect(rows).toEqual([{ start: 0, clock: '0:00', lines: ['Helo & croeso'] }]);
  });

  it('gives no rows, rather than an error, for a file that does not parse', () => {
    expect(transcriptFromVtt('not captions at all')).toEqual([]);
    expect(transcriptFromVtt('')).toEqual([]);
  });

  it('maps cues given as data', () => {
    expect(transcriptRows([{ start: 61, end: 62, text: 'a\nb' }])).toEqual([
      { start: 61, clock: '1:01', lines: ['a', 'b'] },
    ]);
  });
});
