import { buildAudioStoryArgs, CARD_TEXT_FILES, cardText, fontSizeFor } from './audio-story-args';
import { PRIVACY_OUTPUT_ARGS } from './ffmpeg-common';
import { probeOf } from './test-fixtures';

const io = { input: '/work/in/original', output: '/work/out/720p.mp4.part', threads: 2 };
const graphOf = (args: string[]): string => args[args.indexOf('-filter_complex') + 1] ?? '';

describe('buildAudioStoryArgs', () => {
  const hostile = [
    "Siân O'Brien",
    "x':fontfile=/etc/passwd:text='",
    '%{pts} %{localtime} %{eif:1:d}',
    'a,b;[c] [0:a]',
    '$(rm -rf /) `id` | && ; \\',
    'name\nwith\r\nnewlines\u202e',
  ];

  it.each(hostile)('never places user text in the arguments: %p', (name) => {
    const args = buildAudioStoryArgs(probeOf('audio-only'), {
      ...io,
      card: { campaignName: name, displayName: name },
    });
    const graph = graphOf(args);
    for (const arg of args) {
      expect(arg.includes(name)).toBe(false);
      expect(arg.includes(cardText(name))).toBe(cardText(name) === '');
    }
    expect(graph).toContain(`textfile=${CARD_TEXT_FILES.campaign}:expansion=none`);
    expect(graph).toContain(`textfile=${CARD_TEXT_FILES.name}:expansion=none`);
  });

  it('draws a 1280x720 card as long as the audio, with a waveform over normalised sound', () => {
    const args = buildAudioStoryArgs(probeOf('audio-only'), {
      ...io,
      card: { campaignName: 'Caring in Cymru', displayName: 'Siân' },
      loudness: { inputI: -20, inputTp: -3, inputLra: 3, inputThresh: -30, targetOffset: 0 },
    });
    const graph = graphOf(args).split(';');
    expect(graph[0]).toMatch(/^\[0:a:0\]aresample=.*loudnorm=I=-16.*,asplit=2\[aout\]\[wavein\]$/);
    expect(graph[1]).toMatch(/^\[wavein\]showwaves=s=1040x200:mode=cline:rate=25/);
    expect(graph[2]).toBe('color=c=0x1f3a4d:s=1280x720:r=25:d=7.719[bg]');
    expect(graph[3]).toContain(
      'drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:textfile=card-campaign.txt',
    );
    expect(graph[4]).toBe('[card][wave]overlay=x=120:y=400,setsar=1,format=yuv420p[vout]');
    expect(args.filter((a, i) => args[i - 1] === '-map')).toEqual(['[vout]', '[aout]']);
    expect(args[args.indexOf('-t') + 1]).toBe('7.719');
    expect(args[args.indexOf('-g') + 1]).toBe('50');
    expect(args.join(' ')).toContain(PRIVACY_OUTPUT_ARGS.join(' '));
  });

  it('leaves out a line whose text is empty', () => {
    const args = buildAudioStoryArgs(probeOf('audio-only'), {
      ...io,
      card: { campaignName: 'Caring in Cymru', displayName: ' \n ' },
    });
    expect(graphOf(args)).not.toContain(CARD_TEXT_FILES.name);
    const none = buildAudioStoryArgs(probeOf('audio-only'), {
      ...io,
      card: { campaignName: '', displayName: '' },
    });
    expect(graphOf(none)).toContain('[bg]null[card]');
  });

  it('refuses a font path that would need escaping inside the graph', () => {
    expect(() =>
      buildAudioStoryArgs(probeOf('audio-only'), {
        ...io,
        card: { campaignName: 'a', displayName: 'b' },
        fontDir: "/fonts/it's:here",
      }),
    ).toThrow(/not safe inside a filter graph/);
  });

  it('refuses a probe without audio', () => {
    expect(() =>
      buildAudioStoryArgs(probeOf('silent-no-audio'), {
        ...io,
        card: { campaignName: 'a', displayName: 'b' },
      }),
    ).toThrow(/no usable audio/);
  });
});

describe('cardText', () => {
  it.each([
    ['  Siân   O’Brien ', 'Siân O’Brien'],
    ['line\nbreak\ttab', 'line break tab'],
    ['right\u202eto left override', 'right to left override'],
    ['e\u0301', 'é'],
    ['x'.repeat(80), `${'x'.repeat(59)}…`],
    ['🙂'.repeat(70), `${'🙂'.repeat(59)}…`],
    ['', ''],
  ])('%p -> %p', (raw, shown) => {
    expect(cardText(raw)).toBe(shown);
  });
});

describe('fontSizeFor', () => {
  it.each([
    ['Siân', 52, 52],
    ['x'.repeat(40), 52, 48],
    ['x'.repeat(60), 52, 32],
    ['x'.repeat(200), 52, 20],
  ])('%p at most %p -> %p', (text, largest, size) => {
    expect(fontSizeFor(text, largest)).toBe(size);
  });
});
