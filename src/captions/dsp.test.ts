import { dtw, spansOfB, type Sequence } from './dtw';
import {
  dct,
  fft,
  hzToMel,
  logMelEnergies,
  melFilterbank,
  melToHz,
  mfcc,
  normaliseFeatures,
} from './mfcc';
import { readWav, speechBounds, writeWav } from './wav';

const sine = (hz: number, seconds: number, rate: number, amp = 0.5) =>
  Float32Array.from(
    { length: Math.round(seconds * rate) },
    (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate),
  );

describe('fft', () => {
  it('puts a pure tone in its bin', () => {
    const n = 64;
    const re = Float64Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 5 * i) / n));
    const im = new Float64Array(n);
    fft(re, im);
    const mags = Array.from(re, (r, k) => Math.hypot(r, im[k]!));
    expect(mags[5]).toBeCloseTo(n / 2, 6);
    expect(mags[n - 5]).toBeCloseTo(n / 2, 6);
    expect(mags.filter((v, k) => k !== 5 && k !== n - 5 && v > 1e-9)).toHaveLength(0);
  });

  it('refuses a size that is not a power of two', () => {
    expect(() => fft(new Float64Array(6), new Float64Array(6))).toThrow(/power of two/);
  });
});

describe('mel scale and filterbank', () => {
  it('round-trips Hz and mel, with 1000 Hz near 1000 mel', () => {
    expect(hzToMel(1000)).toBeCloseTo(1000, -1);
    expect(melToHz(hzToMel(3456))).toBeCloseTo(3456, 6);
  });

  it('has triangles that peak at 1 and cover the band in order', () => {
    const bank = melFilterbank(26, 512, 16000, 20, 8000);
    expect(bank).toHaveLength(26);
    const peaks = bank.map((w) => w.indexOf(Math.max(...w)));
    expect([...peaks].sort((a, b) => a - b)).toEqual(peaks);
    for (const w of bank) expect(Math.max(...w)).toBeGreaterThan(0.5);
  });
});

describe('logMelEnergies and mfcc', () => {
  it.each([16000, 22050])(
    'puts a sine’s energy in the mel band around its frequency (%i Hz)',
    (rate) => {
      for (const hz of [300, 1000, 3000]) {
        const e = logMelEnergies(sine(hz, 0.5, rate), rate);
        const row = Array.from(e.data.subarray(10 * e.dims, 11 * e.dims));
        const loudest = row.indexOf(Math.max(...row));
        // The band whose centre is nearest the tone, on the same 26-band, 20-8000 Hz scale.
        const step = (hzToMel(8000) - hzToMel(20)) / 27;
        const expected = Math.round((hzToMel(hz) - hzToMel(20)) / step) - 1;
        expect(Math.abs(loudest - expected)).toBeLessThanOrEqual(1);
      }
    },
  );

  it('frames at 25 ms every 10 ms and keeps 13 coefficients', () => {
    const f = mfcc(sine(440, 1, 16000), 16000);
    expect(f.dims).toBe(13);
    expect(f.frames).toBe(1 + Math.floor((16000 - 400) / 160));
    expect(f.data).toHaveLength(f.frames * 13);
    expect(f.hopSeconds).toBeCloseTo(0.01, 6);
    expect(mfcc(new Float32Array(100), 16000).frames).toBe(0);
  });

  it('DCT of a constant has energy only in c0', () => {
    const c = dct(new Float64Array(26).fill(2), 13);
    expect(c[0]).toBeCloseTo(2 * Math.sqrt(26), 6);
    for (let k = 1; k < 13; k++) expect(Math.abs(c[k]!)).toBeLessThan(1e-9);
  });

  it('normalises each coefficient to zero mean and unit variance', () => {
    const n = normaliseFeatures(mfcc(sine(440, 0.5, 16000, 0.3), 16000));
    let mean = 0;
    for (let t = 0; t < n.frames; t++) mean += n.data[t * n.dims + 1]!;
    expect(Math.abs(mean / n.frames)).toBeLessThan(1e-4);
  });
});

const seq = (values: number[]): Sequence => ({
  data: Float32Array.from(values),
  frames: values.length,
  dims: 1,
});

describe('dtw', () => {
  it('is the identity on equal sequences', () => {
    const p = dtw(seq([1, 2, 3, 4]), seq([1, 2, 3, 4]), 2);
    expect(Array.from(p.a)).toEqual([0, 1, 2, 3]);
    expect(Array.from(p.b)).toEqual([0, 1, 2, 3]);
    expect(p.cost).toBe(0);
  });

  it('maps a sequence played at half speed', () => {
    const b = [0, 1, 2, 3, 4, 5];
    const a = b.flatMap((v) => [v, v]);
    const p = dtw(seq(a), seq(b), 2);
    const { first, last } = spansOfB(p, b.length);
    expect(Array.from(first)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(Array.from(last)).toEqual([1, 3, 5, 7, 9, 11]);
    expect(p.cost).toBe(0);
  });

  it('absorbs a long pause into one frame of the shorter sequence', () => {
    const b = [5, 6, 0, 7, 8];
    const a = [5, 6, 0, 0, 0, 0, 0, 0, 7, 8];
    const { first, last } = spansOfB(dtw(seq(a), seq(b), 6), b.length);
    expect([first[2], last[2]]).toEqual([2, 7]);
    expect(first[3]).toBe(8);
  });

  it('stays within the band and still reaches the end', () => {
    const a = Array.from({ length: 200 }, (_, i) => Math.sin(i / 5));
    const b = Array.from({ length: 120 }, (_, i) => Math.sin((i * 200) / 120 / 5));
    const p = dtw(seq(a), seq(b), 5);
    expect(p.a[p.a.length - 1]).toBe(199);
    expect(p.b[p.b.length - 1]).toBe(119);
    for (let k = 0; k < p.a.length; k++) {
      expect(Math.abs(p.b[k]! - Math.round((p.a[k]! * 119) / 199))).toBeLessThanOrEqual(5);
    }
  });
});

describe('wav', () => {
  it('round-trips 16-bit PCM and finds where sound starts and ends', () => {
    const samples = new Float32Array(1000);
    samples.set(sine(1000, 0.01, 16000), 300);
    const back = readWav(writeWav({ sampleRate: 16000, samples }));
    expect(back.sampleRate).toBe(16000);
    expect(back.samples).toHaveLength(1000);
    expect(back.samples[310]).toBeCloseTo(samples[310]!, 3);
    const { start, end } = speechBounds(back.samples, 0.01);
    expect(start).toBeGreaterThanOrEqual(300);
    expect(end).toBeLessThanOrEqual(460);
  });

  it('refuses what is not WAVE', () => {
    expect(() => readWav(Buffer.from('hello world, not a wave'))).toThrow(/RIFF/);
  });
});
