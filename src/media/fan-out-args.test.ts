import { CARD_TEXT_FILES } from './audio-story-args';
import {
  buildAudioStoryFanOutArgs,
  buildVideoFanOutArgs,
  posterCandidates,
  type FanOutOptions,
} from './fan-out-args';
import { PRIVACY_OUTPUT_ARGS } from './ffmpeg-common';
import type { LoudnessMeasurement } from './loudness';
import { probeOf, syntheticProbe } from './test-fixtures';
import { planThumbnails } from './thumbnails';

const outputs = {
  '720p': '/w/720p.mp4.part',
  poster: '/w/poster.jpg.part',
  sprite: '/w/sprite.jpg.part',
};
/** Quiet speech with headroom: one gain of +7 dB brings it to the target. */
const speech: LoudnessMeasurement = {
  inputI: -23,
  inputTp: -9,
  inputLra: 6,
  inputThresh: -33,
  targetOffset: 0,
};
const optionsFor = (duration: number, display: { width: number; height: number }) =>
  ({
    input: '/w/original',
    outputs,
    threads: 2,
    thumbnails: planThumbnails(duration, display),
  }) satisfies FanOutOptions;

const graphOf = (args: string[]): string[] =>
  (args[args.indexOf('-filter_complex') + 1] ?? '').split(';');

/** The arguments of each output, split at the output file names. */
function outputsOf(args: string[]): string[][] {
  const start = args.indexOf('-filter_complex') + 2;
  const result: string[][] = [];
  let current: string[] = [];
  for (const a of args.slice(start)) {
    current.push(a);
    if (a.startsWith('file:')) {
      result.push(current);
      current = [];
    }
  }
  return result;
}

const valueAfter = (args: string[], option: string): string | undefined =>
  args[args.indexOf(option) + 1];

const containsInOrder = (args: string[], run: readonly string[]): boolean =>
  args.some((_, i) => run.every((v, j) => args[i + j] === v));

describe('buildVideoFanOutArgs: the HDR portrait iPhone clip', () => {
  const probe = probeOf('iphone-hdr-hlg');
  const args = buildVideoFanOutArgs(probe, {
    ...optionsFor(3, { width: 720, height: 1280 }),
    loudness: speech,
  });

  it('decodes, tone-maps and scales once, then splits the picture three ways', () => {
    expect(graphOf(args)).toEqual([
      '[0:v:0]fps=30/1,scale=720:1280,' +
        'zscale=tin=arib-std-b67:pin=bt2020:min=bt2020nc:rin=limited:t=linear:npl=100,' +
        'format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,' +
        'zscale=t=bt709:m=bt709:r=limited,format=yuv420p,setsar=1[vsrc]',
      '[0:a:0]aresample=48000:async=1:first_pts=0,' +
        'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,volume=7.00dB[asrc]',
      '[vsrc]split=3[v720][posterin][spritein]',
      '[posterin]fps=2,trim=end_frame=7,signalstats,' +
        'metadata=mode=select:key=lavfi.signalstats.YAVG:value=24:function=greater,' +
        'thumbnail=n=7[poster]',
      '[spritein]fps=1/1,scale=90:160:out_range=tv,format=yuv420p,setsar=1,tile=3x1[sprite]',
    ]);
    expect(args.filter((a) => a === '-i')).toHaveLength(1);
  });

  it('writes three outputs (no 360p), each mapped from its own branch, without metadata', () => {
    const outs = outputsOf(args);
    expect(outs.map((o) => o.at(-1))).toEqual([
      'file:/w/720p.mp4.part',
      'file:/w/poster.jpg.part',
      'file:/w/sprite.jpg.part',
    ]);
    expect(outs.map((o) => o.filter((a, i) => o[i - 1] === '-map'))).toEqual([
      ['[v720]', '[asrc]'],
      ['[poster]'],
      ['[sprite]'],
    ]);
    for (const o of outs) expect(containsInOrder(o, PRIVACY_OUTPUT_ARGS)).toBe(true);
  });

  it('encodes 720p with the main preset, CFR and capped', () => {
    const [o720 = []] = outputsOf(args);
    expect([valueAfter(o720, '-preset'), valueAfter(o720, '-crf')]).toEqual(['medium', '23']);
    expect([valueAfter(o720, '-maxrate'), valueAfter(o720, '-b:a')]).toEqual(['2500k', '128k']);
    expect([valueAfter(o720, '-fps_mode'), valueAfter(o720, '-g'), valueAfter(o720, '-t')]).toEqual(
      ['cfr', '60', '3.000'],
    );
    expect(containsInOrder(o720, ['-movflags', '+faststart'])).toBe(true);
  });

  it('takes the preset it is given', () => {
    const fast = buildVideoFanOutArgs(probe, {
      ...optionsFor(3, { width: 720, height: 1280 }),
      preset: 'veryfast',
    });
    const [o720 = []] = outputsOf(fast);
    expect(valueAfter(o720, '-preset')).toBe('veryfast');
  });
});

describe('buildVideoFanOutArgs: shapes and sound', () => {
  it('has no sound chain and writes no audio for a silent clip', () => {
    const args = buildVideoFanOutArgs(
      syntheticProbe({ audio: 'none' }),
      optionsFor(3, { width: 1280, height: 720 }),
    );
    expect(graphOf(args).some((f) => f.includes('[asrc]'))).toBe(false);
    const [o720 = []] = outputsOf(args);
    expect(o720).toContain('-an');
    expect(o720).not.toContain('-c:a');
  });

  it('takes the default track of several', () => {
    const args = buildVideoFanOutArgs(
      syntheticProbe({ audio: 'second-default' }),
      optionsFor(3, { width: 1280, height: 720 }),
    );
    expect(graphOf(args)[1]).toMatch(/^\[0:a:1\]aresample=/);
  });

  it('refuses a probe without video', () => {
    expect(() =>
      buildVideoFanOutArgs(probeOf('audio-only'), optionsFor(3, { width: 1280, height: 720 })),
    ).toThrow(/no usable video/);
  });
});

describe('buildAudioStoryFanOutArgs', () => {
  it('splits the card video the same way, as long as the audio', () => {
    const args = buildAudioStoryFanOutArgs(probeOf('audio-only'), {
      ...optionsFor(7.719, { width: 1280, height: 720 }),
      card: { campaignName: 'Caring in Cymru', displayName: 'Siân' },
      loudness: speech,
    });
    const graph = graphOf(args);
    expect(graph[0]).toMatch(/^\[0:a:0\]aresample=.*volume=7\.00dB,asplit=2\[aout\]\[wavein\]$/);
    expect(graph.join(';')).toContain(`textfile=${CARD_TEXT_FILES.name}:expansion=none`);
    expect(graph).toContain('[vout]split=3[v720][posterin][spritein]');
    const outs = outputsOf(args);
    expect(outs).toHaveLength(3);
    const [o720 = []] = outs;
    expect(o720.filter((a, i) => o720[i - 1] === '-map')).toEqual(['[v720]', '[aout]']);
    expect([valueAfter(o720, '-t'), valueAfter(o720, '-g')]).toEqual(['7.719', '50']);
    expect(args.join(' ')).not.toContain('Siân');
  });
});

describe('posterCandidates', () => {
  it.each([
    [3, 7],
    [7.734, 17],
    [60, 21],
    [0.2, 2],
    [null, 21],
  ])('%p s gives %p candidates', (duration, count) => {
    expect(posterCandidates(duration)).toBe(count);
  });
});
