import {
  buildIntegrityCheckArgs,
  buildPosterArgs,
  buildProbeArgs,
  buildRenditionArgs,
  renditionSize,
  type LoudnessMeasurement,
  type RenditionTarget,
} from './ffmpeg-args';
import { INPUT_FORMAT_WHITELIST, PRIVACY_OUTPUT_ARGS } from './ffmpeg-common';
import type { ProbeResult } from './probe-result';
import { probeOf, syntheticProbe, type AudioLayout, type HdrCase } from './test-fixtures';

const io = { input: '/work/in/original', output: '/work/out/720p.mp4.part', threads: 2 };
const measured: LoudnessMeasurement = {
  inputI: -22.04,
  inputTp: -17.95,
  inputLra: 0,
  inputThresh: -32.04,
  targetOffset: 0.04,
};

/** The value following an option (the first occurrence). */
function optionValue(args: string[], option: string): string | undefined {
  const at = args.indexOf(option);
  return at === -1 ? undefined : args[at + 1];
}

/** Every value given to an option, in order. */
function optionValues(args: string[], option: string): string[] {
  return args.flatMap((a, i) => (a === option ? [args[i + 1] ?? ''] : []));
}

const containsInOrder = (args: string[], run: readonly string[]): boolean =>
  args.some((_, i) => run.every((v, j) => args[i + j] === v));

describe('buildRenditionArgs: the whole argument list for an HDR portrait iPhone clip', () => {
  it('is exactly this', () => {
    expect(
      buildRenditionArgs(probeOf('iphone-hdr-hlg'), '720p', { ...io, loudness: measured }),
    ).toEqual([
      ...['-loglevel', 'warning', '-filter_threads', '2', '-filter_complex_threads', '2'],
      ...['-format_whitelist', INPUT_FORMAT_WHITELIST, '-protocol_whitelist', 'file'],
      ...['-threads', '2', '-autorotate', '1', '-i', 'file:/work/in/original'],
      ...['-map', '0:v:0', '-vf'],
      'fps=30/1,scale=720:1280,' +
        'zscale=tin=arib-std-b67:pin=bt2020:min=bt2020nc:rin=limited:t=linear:npl=100,' +
        'format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,' +
        'zscale=t=bt709:m=bt709:r=limited,format=yuv420p,setsar=1',
      ...['-c:v', 'libx264', '-preset', 'medium', '-profile:v', 'high', '-pix_fmt', 'yuv420p'],
      ...['-crf', '23', '-maxrate', '2500k', '-bufsize', '5000k'],
      ...['-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-flags:v', '+cgop+bitexact'],
      ...['-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709'],
      ...['-color_range', 'tv', '-fps_mode', 'cfr', '-threads', '2'],
      ...['-map', '0:a:0', '-af'],
      // One gain is enough here (see loudness.test.ts for loudnorm's dynamic second pass).
      'aresample=48000:async=1:first_pts=0,' +
        'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,volume=6.04dB',
      ...['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2', '-flags:a', '+bitexact'],
      ...['-t', '3.000', '-sn', '-dn'],
      ...['-map_metadata', '-1', '-map_metadata:s:v', '-1', '-map_metadata:s:a', '-1'],
      ...['-map_chapters', '-1', '-fflags', '+bitexact'],
      ...['-max_muxing_queue_size', '4096', '-movflags', '+faststart', '-f', 'mp4'],
      'file:/work/out/720p.mp4.part',
    ]);
  });
});

const ROTATIONS = [0, 90, 180, 270] as const;
const HDR_CASES: HdrCase[] = ['sdr', 'hlg', 'pq', 'bt2020'];
const AUDIO_LAYOUTS: AudioLayout[] = ['none', 'one', 'second-default'];
/** Stored size -> [720p size, 360p size] when upright. */
const SIZES: Array<[string, [number, number], [number, number], [number, number]]> = [
  ['1080p', [1920, 1080], [1280, 720], [640, 360]],
  ['8K', [7680, 4320], [1280, 720], [640, 360]],
  ['odd 321x241', [321, 241], [320, 240], [320, 240]],
  ['small 640x480', [640, 480], [640, 480], [640, 480]],
];

const cases = ROTATIONS.flatMap((rotation) =>
  HDR_CASES.flatMap((hdr) =>
    AUDIO_LAYOUTS.flatMap((audio) =>
      SIZES.flatMap(([sizeName, stored, at720, at360]) =>
        (['720p', '360p'] as RenditionTarget[]).map(
          (target) =>
            [
              `${target} rotation ${rotation} ${hdr} audio:${audio} ${sizeName}`,
              { rotation, hdr, audio, stored, target, expected: target === '720p' ? at720 : at360 },
            ] as const,
        ),
      ),
    ),
  ),
);

describe('buildRenditionArgs: rotation x HDR x audio layout x size', () => {
  it.each(cases)('%s', (_name, c) => {
    const probe = syntheticProbe({
      stored: c.stored,
      rotation: c.rotation,
      hdr: c.hdr,
      audio: c.audio,
    });
    const args = buildRenditionArgs(probe, c.target, { ...io, loudness: measured });
    const vf = optionValue(args, '-vf') ?? '';
    const filters = vf.split(',');

    // Rotation is ffmpeg's autorotate: the chain never turns the picture a second time,
    // and the size asked for is the display size (sideways for 90 and 270).
    expect(optionValue(args, '-autorotate')).toBe('1');
    expect(vf).not.toMatch(/transpose|hflip|vflip|rotate/);
    const sideways = c.rotation === 90 || c.rotation === 270;
    const [w, h] = sideways ? [c.expected[1], c.expected[0]] : c.expected;
    expect(filters.filter((f) => new RegExp(`^scale=${w}:${h}(:|$)`).test(f))).toHaveLength(1);
    expect([w % 2, h % 2]).toEqual([0, 0]);

    // HDR is tone-mapped with a stated input; wide-gamut SDR is only converted.
    const toneMapped = c.hdr === 'hlg' || c.hdr === 'pq';
    expect(vf.includes('tonemap=tonemap=hable:desat=0')).toBe(toneMapped);
    expect(vf.includes('zscale=')).toBe(c.hdr !== 'sdr');
    if (c.hdr === 'hlg') expect(vf).toContain('tin=arib-std-b67');
    if (c.hdr === 'pq') expect(vf).toContain('tin=smpte2084');
    expect(filters.slice(-2)).toEqual(['format=yuv420p', 'setsar=1']);
    expect(filters[0]).toBe('fps=25/1');

    // Audio: the default track, or none at all.
    const audioMap = optionValues(args, '-map').filter((m) => m.startsWith('0:a'));
    const expectedMap = { none: [], one: ['0:a:0'], 'second-default': ['0:a:1'] }[c.audio];
    expect(audioMap).toEqual(expectedMap);
    expect(args.includes('-an')).toBe(c.audio === 'none');
    // The measurement is a steady tone: one gain reaches the target.
    expect(optionValue(args, '-af')?.includes('volume=6.04dB') ?? false).toBe(c.audio !== 'none');

    // The same output rules whatever the input.
    expect(containsInOrder(args, PRIVACY_OUTPUT_ARGS)).toBe(true);
    expect(containsInOrder(args, ['-movflags', '+faststart'])).toBe(true);
    expect(containsInOrder(args, ['-profile:v', 'high'])).toBe(true);
    expect(optionValue(args, '-colorspace')).toBe('bt709');
  });
});

describe('buildRenditionArgs: frame rate and GOP', () => {
  it.each([
    ['25 fps', '25/1', undefined, 'fps=25/1', '50'],
    ['30 fps', '30/1', undefined, 'fps=30/1', '60'],
    ['29.97 fps', '30000/1001', undefined, 'fps=30000/1001', '60'],
    ['60 fps -> 30', '60/1', undefined, 'fps=30/1', '60'],
    ['59.94 fps -> 29.97', '60000/1001', undefined, 'fps=30000/1001', '60'],
    ['50 fps -> 25', '50/1', undefined, 'fps=25/1', '50'],
    ['120 fps slow motion -> 30', '120/1', undefined, 'fps=30/1', '60'],
    ['24 fps', '24/1', undefined, 'fps=24/1', '48'],
    ['VFR phone clip: base rate, not the average', '30/1', '885/41', 'fps=30/1', '60'],
    ['WebM timebase as rate: use the average', '1000/1', '30/1', 'fps=30/1', '60'],
    ['no usable rate at all', '0/0', '0/0', 'fps=30/1', '60'],
  ])('%s', (_name, rate, avg, fpsFilter, gop) => {
    const probe = syntheticProbe({ frameRate: rate, avgFrameRate: avg });
    const args = buildRenditionArgs(probe, '720p', io);
    expect(optionValue(args, '-vf')?.split(',')[0]).toBe(fpsFilter);
    expect([optionValue(args, '-g'), optionValue(args, '-keyint_min')]).toEqual([gop, gop]);
  });
});

describe('buildRenditionArgs: targets', () => {
  it.each([
    ['720p', '23', '2500k', '5000k', '128k'],
    ['360p', '26', '700k', '1400k', '96k'],
  ] as const)('%s', (target, crf, maxrate, bufsize, audioRate) => {
    const args = buildRenditionArgs(probeOf('welsh-speech'), target, io);
    expect(optionValue(args, '-crf')).toBe(crf);
    expect(optionValue(args, '-maxrate')).toBe(maxrate);
    expect(optionValue(args, '-bufsize')).toBe(bufsize);
    expect(optionValue(args, '-b:a')).toBe(audioRate);
  });

  it('converts an SD colour matrix so the BT.709 tags are true', () => {
    const probe: ProbeResult = probeOf('welsh-speech');
    const sd = { ...probe, video: probe.video && { ...probe.video, colorSpace: 'smpte170m' } };
    expect(optionValue(buildRenditionArgs(sd, '720p', io), '-vf')).toContain(
      'scale=1280:720:in_color_matrix=bt601:out_color_matrix=bt709:out_range=tv',
    );
  });

  it('keeps the picture shape of anamorphic video', () => {
    expect(renditionSize(probeOf('generated-anamorphic').video!, '720p')).toEqual({
      width: 1280,
      height: 720,
    });
  });

  it('leaves loudness alone without a measurement, and for silence', () => {
    const silent = { ...measured, inputI: -Infinity, inputThresh: -Infinity };
    for (const loudness of [undefined, silent]) {
      const af = optionValue(
        buildRenditionArgs(probeOf('welsh-speech'), '720p', { ...io, loudness }),
        '-af',
      );
      expect(af).not.toContain('loudnorm');
    }
  });

  it('refuses a probe without video', () => {
    expect(() => buildRenditionArgs(probeOf('audio-only'), '720p', io)).toThrow(/no usable video/);
  });
});

describe('buildPosterArgs', () => {
  it.each([
    ['iphone-portrait-hevc', 'scale=720:1280:out_range=tv', 'n=17', '7.734', false],
    ['iphone-hdr-hlg', 'scale=720:1280', 'n=7', '3.000', true],
    ['odd-size-upside-down', 'scale=320:240:out_range=tv', 'n=5', '2.000', false],
  ])('%s', (name, scale, batch, window, toneMapped) => {
    const args = buildPosterArgs(probeOf(name), {
      input: '/in',
      output: '/out/poster.jpg.part',
      threads: 1,
    });
    const vf = optionValue(args, '-vf') ?? '';
    expect(vf.split(',')).toContain(scale);
    expect(vf).toContain(`thumbnail=${batch}`);
    expect(vf).toContain('metadata=mode=select:key=lavfi.signalstats.YAVG');
    expect(vf.includes('tonemap')).toBe(toneMapped);
    // -t before -i limits what is read, not what is written.
    expect(args.indexOf('-t')).toBeLessThan(args.indexOf('-i'));
    expect(optionValue(args, '-t')).toBe(window);
    expect(containsInOrder(args, ['-frames:v', '1'])).toBe(true);
    expect(containsInOrder(args, ['-c:v', 'mjpeg'])).toBe(true);
    expect(containsInOrder(args, PRIVACY_OUTPUT_ARGS)).toBe(true);
    expect(args.at(-1)).toBe('file:/out/poster.jpg.part');
  });

  it('can take dark frames too, for an all-dark clip', () => {
    const args = buildPosterArgs(probeOf('welsh-speech'), {
      input: '/in',
      output: '/out',
      threads: 1,
      skipDark: false,
    });
    expect(optionValue(args, '-vf')).not.toContain('signalstats');
  });
});

describe('probe and integrity arguments', () => {
  it('probes through the same demuxer whitelist', () => {
    expect(buildProbeArgs()).toEqual([
      ...['-v', 'error', '-format_whitelist', INPUT_FORMAT_WHITELIST],
      ...['-protocol_whitelist', 'file', '-print_format', 'json', '-show_format', '-show_streams'],
    ]);
  });

  it('reads packets without decoding for the integrity check', () => {
    const args = buildIntegrityCheckArgs('/in/file', 1);
    expect(args.slice(-9)).toEqual([
      '-map',
      '0:v?',
      '-map',
      '0:a?',
      '-c',
      'copy',
      '-f',
      'null',
      '-',
    ]);
    expect(optionValue(args, '-i')).toBe('file:/in/file');
  });

  it('measures the chosen track with ebur128 in the same read when asked', () => {
    const probe = probeOf('generated-surround-second-default');
    const args = buildIntegrityCheckArgs('/in/file', 1, probe.audio[1]);
    expect(args.slice(0, 2)).toEqual(['-loglevel', 'info']);
    expect(args.slice(-21)).toEqual([
      ...['-map', '0:v?', '-map', '0:a?', '-c', 'copy', '-f', 'null', '-'],
      ...['-map', '0:a:1', '-af'],
      'aresample=48000:async=1:first_pts=0,' +
        'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,' +
        'ebur128=peak=true:framelog=verbose',
      ...['-c:a', 'pcm_f32le', '-vn', '-sn', '-dn', '-f', 'null', '-'],
    ]);
  });
});
