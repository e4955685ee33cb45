import { PRIVACY_OUTPUT_ARGS } from './ffmpeg-common';
import { buildLowRenditionArgs, SMALL_PRESET } from './low-rendition-args';
import { probeOf, syntheticProbe } from './test-fixtures';

const options = { input: '/w/720p.mp4', output: '/w/360p.mp4.part', threads: 2 };

const valueAfter = (args: string[], option: string): string | undefined =>
  args[args.indexOf(option) + 1];

const containsInOrder = (args: string[], run: readonly string[]): boolean =>
  args.some((_, i) => run.every((v, j) => args[i + j] === v));

describe('buildLowRenditionArgs', () => {
  // A published 720p is upright, so its stored size is its display size.
  const from720 = syntheticProbe({ stored: [1280, 720], frameRate: '30/1' });
  const args = buildLowRenditionArgs(from720, options);

  it('reads the 720p once and writes one 360p file', () => {
    expect(args.filter((a) => a === '-i')).toHaveLength(1);
    expect(valueAfter(args, '-i')).toBe('file:/w/720p.mp4');
    expect(args.at(-1)).toBe('file:/w/360p.mp4.part');
  });

  it('downscales to a long side of 640, 4:2:0, square pixels', () => {
    expect(valueAfter(args, '-vf')).toBe('scale=640:360:out_range=tv,format=yuv420p,setsar=1');
  });

  it('uses the 360p encoder settings: H.264 High, BT.709, CFR, capped, AAC 96k 48 kHz stereo', () => {
    expect([valueAfter(args, '-c:v'), valueAfter(args, '-profile:v')]).toEqual(['libx264', 'high']);
    expect([valueAfter(args, '-preset'), valueAfter(args, '-crf')]).toEqual([SMALL_PRESET, '26']);
    expect([valueAfter(args, '-maxrate'), valueAfter(args, '-fps_mode')]).toEqual(['700k', 'cfr']);
    expect([valueAfter(args, '-colorspace'), valueAfter(args, '-pix_fmt')]).toEqual([
      'bt709',
      'yuv420p',
    ]);
    expect([valueAfter(args, '-c:a'), valueAfter(args, '-b:a')]).toEqual(['aac', '96k']);
    expect([valueAfter(args, '-ar'), valueAfter(args, '-ac')]).toEqual(['48000', '2']);
  });

  it('maps only the picture and the chosen sound, with no metadata, moov first', () => {
    expect(args.filter((a, i) => args[i - 1] === '-map')).toEqual(['0:v:0', '0:a:0']);
    expect(containsInOrder(args, PRIVACY_OUTPUT_ARGS)).toBe(true);
    expect(containsInOrder(args, ['-movflags', '+faststart'])).toBe(true);
    expect(args).toEqual(expect.arrayContaining(['-sn', '-dn']));
  });

  it.each([
    ['landscape', [1280, 720], '640:360'],
    ['portrait', [720, 1280], '360:640'],
    ['odd-sized card', [1280, 718], '640:358'],
  ] as const)('keeps the shape of a %s 720p (%s -> %s)', (_label, stored, size) => {
    const probe = syntheticProbe({ stored: [...stored] });
    expect(valueAfter(buildLowRenditionArgs(probe, options), '-vf')).toMatch(
      new RegExp(`^scale=${size}:`),
    );
  });

  it('writes no sound for a silent 720p', () => {
    const silent = buildLowRenditionArgs(syntheticProbe({ audio: 'none' }), options);
    expect(silent).toContain('-an');
    expect(silent).not.toContain('-c:a');
  });

  it('takes the preset it is given', () => {
    expect(
      valueAfter(buildLowRenditionArgs(from720, { ...options, preset: 'ultrafast' }), '-preset'),
    ).toBe('ultrafast');
  });

  it('refuses a 720p without video', () => {
    expect(() => buildLowRenditionArgs(probeOf('audio-only'), options)).toThrow(/no video/);
  });
});
