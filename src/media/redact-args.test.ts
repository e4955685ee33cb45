import type { RedactionSpec } from '../domain/redaction';
import {
  blurBox,
  buildRedactArgs,
  intermediateSize,
  redactedContentType,
  redactFilterGraph,
  uprightSize,
} from './redact-args';
import { probeOf } from './test-fixtures';

const trimOnly = (start: number, end: number): RedactionSpec => ({
  trim: { start, end },
  blurs: [],
});
const blur = { start: 2, end: 4, x: 0.5, y: 0.1, width: 0.25, height: 0.2 };

const argAfter = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('uprightSize and intermediateSize', () => {
  it.each([
    // name, upright size, intermediate size
    ['iphone-portrait-hevc', [1080, 1920], [1080, 1920]],
    ['iphone-hdr-hlg', [720, 1280], [720, 1280]],
    ['odd-size-upside-down', [321, 241], [320, 240]],
    ['generated-8k', [7680, 4320], [1920, 1080]],
    // Anamorphic: pixels as stored; the scale filter keeps the sample aspect ratio.
    ['generated-anamorphic', [1440, 1080], [1440, 1080]],
  ])('%s -> upright %j, encoded %j', (name, upright, encoded) => {
    const video = probeOf(name).video!;
    expect(uprightSize(video)).toEqual({ width: upright[0], height: upright[1] });
    expect(intermediateSize(video)).toEqual({ width: encoded[0], height: encoded[1] });
  });
});

describe('blurBox', () => {
  const frame = { width: 1080, height: 1920 };
  it.each([
    [
      'snaps outwards to even pixels',
      { ...blur, x: 0.1, y: 0.1, width: 0.2, height: 0.2 },
      { x: 108, y: 192, width: 218, height: 386 },
    ],
    [
      'reaches the right and bottom edges',
      { ...blur, x: 0.75, y: 0.5, width: 0.25, height: 0.5 },
      { x: 810, y: 960, width: 270, height: 960 },
    ],
    [
      'widens a tiny box so the blur has room',
      { ...blur, x: 0.995, y: 0, width: 0.005, height: 0.001 },
      { x: 1072, y: 0, width: 8, height: 8 },
    ],
  ])('%s', (_name, region, expected) => {
    expect(blurBox(frame, region, 0)).toMatchObject(expected);
  });

  it('moves the time range back by the in point and never below 0', () => {
    expect(blurBox(frame, { ...blur, start: 0.5, end: 3 }, 1)).toMatchObject({ from: 0, to: 2 });
  });

  it.each([
    [{ width: 8, height: 8 }, 2, 1],
    [{ width: 100, height: 400 }, 25, 12],
    [{ width: 1080, height: 1920 }, 270, 135],
  ])('radii for a %j box stay inside what boxblur accepts', (size, luma, chroma) => {
    const box = blurBox(size, { start: 0, end: 1, x: 0, y: 0, width: 1, height: 1 }, 0);
    expect([box.lumaRadius, box.chromaRadius]).toEqual([luma, chroma]);
    expect(box.lumaRadius).toBeLessThanOrEqual(Math.min(box.width, box.height) / 2);
    expect(box.chromaRadius).toBeLessThanOrEqual(Math.min(box.width, box.height) / 4);
  });
});

describe('redactFilterGraph', () => {
  it('only fixes the pixel format when nothing is blurred', () => {
    expect(redactFilterGraph(probeOf('iphone-portrait-hevc').video!, trimOnly(1, 5))).toBe(
      '[0:v:0]format=yuv420p[vout]',
    );
  });

  it('scales an 8K picture down and an odd one to even sizes', () => {
    expect(redactFilterGraph(probeOf('generated-8k').video!, trimOnly(0, 0.1))).toBe(
      '[0:v:0]scale=1920:1080,format=yuv420p[vout]',
    );
    expect(redactFilterGraph(probeOf('odd-size-upside-down').video!, trimOnly(0.5, 2))).toBe(
      '[0:v:0]scale=320:240,format=yuv420p[vout]',
    );
  });

  it('keeps 10-bit HDR pictures 10-bit, through the overlay too', () => {
    const hlg = probeOf('iphone-hdr-hlg').video!;
    expect(redactFilterGraph(hlg, trimOnly(1, 3))).toBe('[0:v:0]format=yuv420p10le[vout]');
    expect(redactFilterGraph(hlg, { trim: { start: 0, end: 3 }, blurs: [blur] })).toContain(
      "overlay=360:128:format=yuv420p10:enable='between(t,2.000,4.000)'[vout]",
    );
  });

  it('blurs each rectangle over its own time range, on the upright picture', () => {
    const spec: RedactionSpec = {
      trim: { start: 1, end: 7 },
      blurs: [blur, { start: 5, end: 6.5, x: 0, y: 0.9, width: 1, height: 0.1 }],
    };
    expect(redactFilterGraph(probeOf('iphone-portrait-hevc').video!, spec).split(';')).toEqual([
      '[0:v:0]format=yuv420p,split=3[base][s0][s1]',
      '[s0]crop=270:386:540:192,boxblur=67:3:33:3[b0]',
      "[base][b0]overlay=540:192:enable='between(t,1.000,3.000)'[o0]",
      '[s1]crop=1080:192:0:1728,boxblur=48:3:24:3[b1]',
      "[o0][b1]overlay=0:1728:enable='between(t,4.000,5.500)'[vout]",
    ]);
  });
});

describe('buildRedactArgs', () => {
  const build = (name: string, spec: RedactionSpec) =>
    buildRedactArgs({
      inputPath: '/work/in',
      outputPath: '/work/out.mp4',
      spec,
      probe: probeOf(name),
      threads: 2,
    });

  it('cuts the input before decoding: -ss and -t precede -i', () => {
    const args = build('iphone-portrait-hevc', trimOnly(1.25, 6));
    const input = args.indexOf('-i');
    expect(args.indexOf('-ss')).toBeLessThan(input);
    expect(args.lastIndexOf('-t')).toBeLessThan(input);
    expect(argAfter(args, '-ss')).toBe('1.250');
    expect(argAfter(args, '-t')).toBe('4.750');
    expect(argAfter(args, '-i')).toBe('file:/work/in');
    expect(args.at(-1)).toBe('/work/out.mp4');
  });

  it('encodes a high-quality H.264 intermediate with the selected audio track in AAC', () => {
    const args = build('two-audio-tracks', trimOnly(0.5, 2.5));
    expect(argAfter(args, '-c:v')).toBe('libx264');
    expect(argAfter(args, '-crf')).toBe('18');
    expect(argAfter(args, '-profile:v')).toBe('high');
    expect(args.join(' ')).toContain('-map [vout]');
    expect(args.join(' ')).toContain('-map 0:a:0 -c:a aac -b:a 256k');
    expect(args).toEqual(expect.arrayContaining(['-map_metadata', '-1', '+faststart']));
  });

  it('keeps HDR tags and 10-bit depth for the pipeline to tone-map later', () => {
    const args = build('iphone-hdr-hlg', trimOnly(0.5, 2.5));
    expect(argAfter(args, '-profile:v')).toBe('high10');
    expect(argAfter(args, '-color_primaries')).toBe('bt2020');
    expect(argAfter(args, '-color_trc')).toBe('arib-std-b67');
    expect(argAfter(args, '-colorspace')).toBe('bt2020nc');
  });

  it('writes no audio for a silent clip and no video for an audio story', () => {
    expect(build('silent-no-audio', trimOnly(0.5, 2.5))).toContain('-an');
    const audio = build('audio-only', trimOnly(1, 5));
    expect(audio).toContain('-vn');
    expect(audio).not.toContain('-filter_complex');
    expect(redactedContentType(probeOf('audio-only'))).toBe('audio/mp4');
    expect(redactedContentType(probeOf('silent-no-audio'))).toBe('video/mp4');
  });
});
