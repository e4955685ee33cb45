import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  audioFilterChain,
  buildLoudnessMeasureArgs,
  isUsableMeasurement,
  jsonSafeMeasurement,
  linearGainDb,
  measurementFrom,
  needsLoudnormPass,
  parseEbur128Summary,
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

/** ebur128 summaries as ffmpeg 5.1 prints them (welsh-speech.mp4; 2 s of anullsrc). */
const EBUR128_SPEECH = `[Parsed_ebur128_2 @ 0x55924120b000] Summary:

  Integrated loudness:
    I:         -19.2 LUFS
    Threshold: -29.7 LUFS

  Loudness range:
    LRA:         1.7 LU
    Threshold: -39.6 LUFS
    LRA low:   -20.7 LUFS
    LRA high:  -19.0 LUFS

  True peak:
    Peak:       -3.5 dBFS
`;
const EBUR128_SILENCE = `[Parsed_ebur128_0 @ 0x55654ffc2b40] Summary:

  Integrated loudness:
    I:         -70.0 LUFS
    Threshold:   0.0 LUFS

  Loudness range:
    LRA:         0.0 LU
    Threshold:   0.0 LUFS
    LRA low:     0.0 LUFS
    LRA high:    0.0 LUFS

  True peak:
    Peak:       -inf dBFS
`;

describe('parseEbur128Summary', () => {
  it('reads speech: the integrated threshold, not the range one', () => {
    expect(parseEbur128Summary(`size=N/A time=00:00:03.80\n${EBUR128_SPEECH}`)).toEqual({
      inputI: -19.2,
      inputTp: -3.5,
      inputLra: 1.7,
      inputThresh: -29.7,
      targetOffset: 0,
    });
  });

  it('reads silence, which is not usable', () => {
    const silence = parseEbur128Summary(EBUR128_SILENCE);
    expect(silence).toMatchObject({ inputI: -70, inputTp: -Infinity });
    expect(isUsableMeasurement(silence as LoudnessMeasurement)).toBe(false);
  });

  it.each([
    ['no summary', 'size=N/A time=00:00:03.80\n'],
    ['a summary cut off', EBUR128_SPEECH.slice(0, EBUR128_SPEECH.indexOf('True peak'))],
  ])('returns null for %s', (_label, stderr) => {
    expect(parseEbur128Summary(stderr)).toBeNull();
  });
});

describe('linearGainDb and needsLoudnormPass', () => {
  const m = (inputI: number, inputTp: number, inputLra: number): LoudnessMeasurement => ({
    inputI,
    inputTp,
    inputLra,
    inputThresh: inputI - 10,
    targetOffset: 0,
  });
  it.each([
    // label, measurement, gain, loudnorm pass needed
    ['quiet speech with headroom', m(-23, -9, 6), 7, false],
    ['speech whose peaks a gain would push over the ceiling', m(-19.2, -3.5, 1.7), null, true],
    ['a steady tone (range 0)', m(-21.8, -17.6, 0), 5.8, false],
    ['loud speech turned down', m(-10, -0.5, 5), -6, false],
    ['a range wider than the target', m(-20, -10, 14), null, true],
    ['silence', m(-Infinity, -Infinity, 0), null, false],
  ] as const)('%s', (_label, measured, gain, pass) => {
    const got = linearGainDb(measured);
    if (gain === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(gain, 6);
    expect(needsLoudnormPass(measured)).toBe(pass);
  });

  it('needs the pass when nothing was measured', () => {
    expect(needsLoudnormPass(undefined)).toBe(true);
  });
});

describe('audioFilterChain: one gain or loudnorm', () => {
  const prechain =
    'aresample=48000:async=1:first_pts=0,' +
    'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo';
  it('applies one gain when it reaches the target under the ceiling', () => {
    expect(
      audioFilterChain({
        inputI: -23,
        inputTp: -9,
        inputLra: 6,
        inputThresh: -33,
        targetOffset: 0,
      }),
    ).toBe(`${prechain},volume=7.00dB`);
  });

  it("otherwise runs loudnorm's dynamic second pass with the full measurement", () => {
    expect(
      audioFilterChain({
        inputI: -24,
        inputTp: -4,
        inputLra: 5,
        inputThresh: -34,
        targetOffset: 0.3,
      }),
    ).toBe(
      `${prechain},loudnorm=I=-16:TP=-1.5:LRA=11:measured_I=-24.00:measured_TP=-4.00:` +
        'measured_LRA=5.00:measured_thresh=-34.00:offset=0.30:linear=true:print_format=none,' +
        `aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo`,
    );
  });
});

describe('measurements in job data', () => {
  it('survive JSON, silence still reading as silence', () => {
    const silence = parseEbur128Summary(EBUR128_SILENCE) as LoudnessMeasurement;
    const back = measurementFrom(JSON.parse(JSON.stringify(jsonSafeMeasurement(silence))));
    expect(back).toEqual({ ...silence, inputTp: -99 });
    expect(isUsableMeasurement(back as LoudnessMeasurement)).toBe(false);
    const speech = parseEbur128Summary(EBUR128_SPEECH) as LoudnessMeasurement;
    expect(measurementFrom(JSON.parse(JSON.stringify(jsonSafeMeasurement(speech))))).toEqual(
      speech,
    );
  });

  it.each([[undefined], [null], ['x'], [{ inputI: -20 }], [{ ...{ inputI: '-20' } }]])(
    'reads %p as no measurement',
    (value) => {
      expect(measurementFrom(value)).toBeUndefined();
    },
  );
});
