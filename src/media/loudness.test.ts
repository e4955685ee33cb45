import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  audioFilterChain,
  buildLoudnessMeasureArgs,
  isUsableMeasurement,
  parseLoudnormJson,
  type LoudnessMeasurement,
} from './loudness';
import { FIXTURE_DIR, probeOf, syntheticProbe } from './test-fixtures';

interface RecordedStderr {
  source: string;
  stderr: string;
}
const recorded = JSON.parse(
  readFileSync(path.join(FIXTURE_DIR, 'loudnorm-stderr.json'), 'utf8'),
) as RecordedStderr[];
const stderrOf = (source: string): string =>
  recorded.find((r) => r.source === source)?.stderr ?? '';

describe('parseLoudnormJson on recorded first-pass output', () => {
  it('reads the measurement of speech', () => {
    expect(parseLoudnormJson(stderrOf('welsh-speech.mp4'))).toEqual({
      inputI: -19.43,
      inputTp: -3.48,
      inputLra: 1.8,
      inputThresh: -29.94,
      targetOffset: 0.27,
    });
  });

  it('reads silence as -Infinity, which is not usable', () => {
    const silence = parseLoudnormJson(
      stderrOf('generated: 2 s of digital silence (anullsrc) as AAC'),
    );
    expect(silence).toEqual({
      inputI: -Infinity,
      inputTp: -Infinity,
      inputLra: 0,
      inputThresh: -70,
      targetOffset: Infinity,
    });
    expect(isUsableMeasurement(silence as LoudnessMeasurement)).toBe(false);
  });

  it.each([
    ['no report', 'size=N/A time=00:00:03.80\n'],
    ['a report cut off', '{\n\t"input_i" : "-19.43",\n\t"input_tp" : "-3.48"\n}'],
    ['not JSON', '{ "input_i" : -19.43 oops }'],
  ])('returns null for %s', (_label, stderr) => {
    expect(parseLoudnormJson(stderr)).toBeNull();
  });

  it('takes the last report when there are several', () => {
    const report = (i: string) =>
      `{"input_i":"${i}","input_tp":"-3","input_lra":"2","input_thresh":"-30","target_offset":"0"}`;
    expect(parseLoudnormJson(`${report('-30')}\n${report('-20')}`)?.inputI).toBe(-20);
  });
});

describe('isUsableMeasurement', () => {
  const base: LoudnessMeasurement = {
    inputI: -20,
    inputTp: -3,
    inputLra: 4,
    inputThresh: -30,
    targetOffset: 0.1,
  };
  it.each([
    ['speech', {}, true],
    ['silence', { inputI: -Infinity }, false],
    ['below the gate', { inputI: -75 }, false],
    ['NaN offset', { targetOffset: NaN }, false],
  ])('%s', (_label, change, expected) => {
    expect(isUsableMeasurement({ ...base, ...change })).toBe(expected);
  });
});

describe('audioFilterChain', () => {
  it('clamps values into the ranges loudnorm accepts', () => {
    const chain = audioFilterChain({
      inputI: -120,
      inputTp: 150,
      inputLra: -1,
      inputThresh: 5,
      targetOffset: -200,
    });
    // -120 is below the gate, so nothing is applied; a loud clip shows the clamping.
    expect(chain).not.toContain('loudnorm');
    const loud = audioFilterChain({
      inputI: -5,
      inputTp: 150,
      inputLra: 120,
      inputThresh: 5,
      targetOffset: -200,
    });
    expect(loud).toContain(
      'measured_I=-5.00:measured_TP=99.00:measured_LRA=99.00:measured_thresh=0.00:offset=-99.00',
    );
  });
});

describe('buildLoudnessMeasureArgs', () => {
  it.each([
    ['welsh-speech', '0:a:0'],
    ['two-audio-tracks', '0:a:0'],
    ['generated-surround-second-default', '0:a:1'],
  ])('%s measures track %s with the rendition pre-chain', (name, map) => {
    const args = buildLoudnessMeasureArgs(probeOf(name), { input: '/in', threads: 1 });
    expect(args.slice(0, 2)).toEqual(['-loglevel', 'info']);
    expect(args[args.indexOf('-map') + 1]).toBe(map);
    expect(args[args.indexOf('-af') + 1]).toBe(
      'aresample=48000:async=1:first_pts=0,' +
        'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,' +
        'loudnorm=I=-16:TP=-1.5:LRA=11:print_format=json',
    );
    expect(args.slice(-3)).toEqual(['-f', 'null', '-']);
  });

  it('has nothing to measure without audio', () => {
    expect(() =>
      buildLoudnessMeasureArgs(syntheticProbe({ audio: 'none' }), { input: '/in', threads: 1 }),
    ).toThrow(/no audio/);
  });
});
