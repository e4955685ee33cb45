import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isAppError } from '../domain/errors';
import { CaptionsRefused, parseCaptions, sniffCaptionFormat } from './parse-captions';
import { sanitiseCueText } from './sanitise';
import { writeVtt } from './write-vtt';

const MEDIA = process.env.SHARED_MEDIA_DIR ?? path.join(__dirname, '../../../shared/media');
const read = (name: string) => readFileSync(path.join(MEDIA, name), 'utf8');

function refusal(fn: () => unknown): CaptionsRefused {
  try {
    fn();
  } catch (e) {
    if (e instanceof CaptionsRefused) return e;
    throw e;
  }
  throw new Error('expected the captions to be refused');
}

describe('parseCaptions: the shared clips', () => {
  const expected = [
    { start: 0, end: 3.2, text: 'Every morning I help my mum\nget out of bed.' },
    {
      start: 3.3,
      end: 7,
      text: 'The carer is meant to arrive at nine,\nbut some days nobody comes.',
    },
  ];

  it('accepts captions-good.srt', () => {
    const cues = parseCaptions(read('captions-good.srt'), 'srt', 7.5);
    expect(cues.map(({ start, end, text }) => ({ start, end, text }))).toEqual(expected);
  });

  it('accepts captions-good.vtt', () => {
    const cues = parseCaptions(read('captions-good.vtt'), 'vtt', 7.5);
    expect(cues.map(({ start, end, text }) => ({ start, end, text }))).toEqual(expected);
  });

  it('refuses captions-bad.srt naming line 2, and lists line 6 too', () => {
    const e = refusal(() => parseCaptions(read('captions-bad.srt'), 'srt'));
    expect(isAppError(e) && e.status).toBe(422);
    expect(e.code).toBe('invalid_captions');
    expect(e.message).toMatch(/^Line 2: the cue ends \(00:00:02\.000\) before/);
    expect(e.problems.map((p) => p.line)).toEqual([2, 6]);
  });
});

describe('parseCaptions: strictness', () => {
  it.each([
    ['no header', 'vtt', '00:00.000 --> 00:01.000\nHi\n', 1, /WEBVTT/],
    ['minutes past 59', 'srt', '1\n00:61:00,000 --> 00:62:00,000\nHi\n', 2, /timing line/],
    ['missing number', 'srt', '00:00:01,000 --> 00:00:02,000\nHi\n', 1, /cue number/],
    ['empty text', 'srt', '1\n00:00:01,000 --> 00:00:02,000\n<b></b>\n', 2, /no text/],
    [
      'blank line missing between cues',
      'vtt',
      'WEBVTT\n\n00:01.000 --> 00:02.000\nA\n00:02.000 --> 00:03.000\nB\n',
      3,
      /two timing lines/,
    ],
    [
      'out of order',
      'vtt',
      'WEBVTT\n\n00:05.000 --> 00:06.000\nA\n\n00:01.000 --> 00:02.000\nB\n',
      6,
      /before the previous/,
    ],
    [
      'past the end of the media',
      'vtt',
      'WEBVTT\n\n00:05.000 --> 00:09.000\nA\n',
      3,
      /after the video ends/,
    ],
    ['empty file', 'srt', '\n\n', 1, /empty/],
  ] as const)('refuses %s with its line', (_name, format, text, line, message) => {
    const e = refusal(() => parseCaptions(text, format, 8));
    expect(e.details?.line).toBe(line);
    expect(e.message).toMatch(new RegExp(`^Line ${line}: `));
    expect(e.message).toMatch(message);
  });

  it('reads WebVTT identifiers, NOTE and STYLE blocks, settings, hours-less times and CRLF', () => {
    const text =
      'WEBVTT - a title\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\nNOTE a comment\r\n\r\n' +
      'intro\r\n00:01.000 --> 00:02.500 line:0 align:start\r\n<v Mair>Bore da</v>\r\n';
    expect(parseCaptions(text, 'vtt')).toEqual([{ start: 1, end: 2.5, text: 'Bore da', line: 9 }]);
  });

  it('clamps a cue that ends a little after the media', () => {
    const cues = parseCaptions('WEBVTT\n\n00:01.000 --> 00:05.300\nA\n', 'vtt', 5);
    expect(cues[0]?.end).toBe(5);
  });

  it('sniffs the format', () => {
    expect(sniffCaptionFormat('\uFEFFWEBVTT\n')).toBe('vtt');
    expect(sniffCaptionFormat('1\n00:00:00,000 --> ')).toBe('srt');
  });
});

describe('sanitiseCueText', () => {
  it.each([
    ['<script>alert(1)</script>Hello', 'Hello'],
    ['<SCRIPT src=x>alert(1)', ''],
    ['<b>bold</b> and <i>italic</i>', 'bold and italic'],
    ['{\\an8}Top of screen', 'Top of screen'],
    ['<c.yellow>Mae</c> <00:00:01.000>hi', 'Mae hi'],
    ['Tom &amp; Jerry &lt;3 caf&eacute; &#8217; &#x41;', 'Tom & Jerry <3 caf&eacute; ’ A'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;ok', 'ok'],
    ['&lt;img src=x onerror=alert(1)&gt;', ''],
    ['<scr<b>ipt>alert(1)</script>', ''],
    ['  two   spaces \n\n\n next\tline ', 'two spaces\nnext line'],
    ['line\\Nbreak', 'line\nbreak'],
    ['evil\u202Eeman\u0007', 'evileman'],
  ])('%j -> %j', (input, output) => {
    expect(sanitiseCueText(input)).toBe(output);
  });
});

describe('writeVtt', () => {
  it('writes a header, timings with hours and escaped text', () => {
    const vtt = writeVtt([
      { start: 0, end: 1.5, text: 'Tom & Jerry <3' },
      { start: 3661.25, end: 3662, text: 'Bore da\nPrynhawn da --> nos da' },
    ]);
    expect(vtt).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nTom &amp; Jerry &lt;3\n\n' +
        '01:01:01.250 --> 01:01:02.000\nBore da\nPrynhawn da --&gt; nos da\n',
    );
  });

  it('round-trips through the strict parser', () => {
    const cues = [
      { start: 0.5, end: 2, text: 'A & B' },
      { start: 2.1, end: 4, text: "Rwy'n gofalu\nam fy nhad" },
    ];
    const back = parseCaptions(writeVtt(cues), 'vtt', 4);
    expect(back.map(({ start, end, text }) => ({ start, end, text }))).toEqual(cues);
  });
});
