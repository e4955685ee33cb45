/**
 * MFCC features by hand (no DSP dependency): pre-emphasis, 25 ms frames every 10 ms, Hamming
 * window, power spectrum by FFT, triangular mel filterbank, log, DCT-II. The same recipe as
 * HTK/Kaldi's defaults, close enough for aligning speech with speech. Pure and synchronous.
 */

export interface MfccOptions {
  frameMs?: number;
  hopMs?: number;
  preEmphasis?: number;
  melBands?: number;
  coefficients?: number;
  lowHz?: number;
  /** Capped at the Nyquist frequency; 8 kHz keeps 16 kHz and 22.05 kHz audio comparable. */
  highHz?: number;
}

export interface Features {
  /** frames × dims, row-major. */
  data: Float32Array;
  frames: number;
  dims: number;
  hopSeconds: number;
}

const DEFAULTS = {
  frameMs: 25,
  hopMs: 10,
  preEmphasis: 0.97,
  melBands: 26,
  coefficients: 13,
  lowHz: 20,
  highHz: 8000,
};

export const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
export const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

export function hammingWindow(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1));
  return w;
}

/** In-place iterative radix-2 FFT; `re.length` must be a power of two. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (n & (n - 1)) throw new Error('FFT size must be a power of two');
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (-2 * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b]! * cr - im[b]! * ci;
        const ti = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
        const ncr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = ncr;
      }
    }
  }
}

/** Triangular filters on the mel scale, as weights over the `fftSize / 2 + 1` power bins. */
export function melFilterbank(
  bands: number,
  fftSize: number,
  sampleRate: number,
  lowHz: number,
  highHz: number,
): Float64Array[] {
  const bins = fftSize / 2 + 1;
  const lowMel = hzToMel(lowHz);
  const highMel = hzToMel(Math.min(highHz, sampleRate / 2));
  const centresHz = Array.from({ length: bands + 2 }, (_, i) =>
    melToHz(lowMel + ((highMel - lowMel) * i) / (bands + 1)),
  );
  const binHz = sampleRate / fftSize;
  return Array.from({ length: bands }, (_, m) => {
    const [left, centre, right] = [centresHz[m]!, centresHz[m + 1]!, centresHz[m + 2]!];
    const w = new Float64Array(bins);
    for (let k = 0; k < bins; k++) {
      const hz = k * binHz;
      if (hz > left && hz < right) {
        w[k] = hz <= centre ? (hz - left) / (centre - left) : (right - hz) / (right - centre);
      }
    }
    return w;
  });
}

/** Log mel energies per frame (frames × bands), the step before the DCT. */
export function logMelEnergies(
  samples: Float32Array,
  sampleRate: number,
  options: MfccOptions = {},
): Features {
  const o = { ...DEFAULTS, ...options };
  const frameLen = Math.round((sampleRate * o.frameMs) / 1000);
  const hop = Math.round((sampleRate * o.hopMs) / 1000);
  let fftSize = 1;
  while (fftSize < frameLen) fftSize <<= 1;
  const window = hammingWindow(frameLen);
  const filters = melFilterbank(o.melBands, fftSize, sampleRate, o.lowHz, o.highHz);
  const frames = samples.length < frameLen ? 0 : 1 + Math.floor((samples.length - frameLen) / hop);
  const out = new Float32Array(frames * o.melBands);
  const re = new Float64Array(fftSize);
  const im = new Float64Array(fftSize);
  const power = new Float64Array(fftSize / 2 + 1);
  for (let f = 0; f < frames; f++) {
    re.fill(0);
    im.fill(0);
    const at = f * hop;
    for (let i = 0; i < frameLen; i++) {
      const prev = at + i > 0 ? samples[at + i - 1]! : 0;
      re[i] = (samples[at + i]! - o.preEmphasis * prev) * window[i]!;
    }
    fft(re, im);
    for (let k = 0; k < power.length; k++) power[k] = (re[k]! ** 2 + im[k]! ** 2) / fftSize;
    filters.forEach((w, m) => {
      let e = 0;
      for (let k = 0; k < power.length; k++) e += w[k]! * power[k]!;
      // A floor keeps digital silence finite and the same in both signals.
      out[f * o.melBands + m] = Math.log(Math.max(e, 1e-10));
    });
  }
  return { data: out, frames, dims: o.melBands, hopSeconds: hop / sampleRate };
}

/** DCT-II with orthonormal scaling, keeping the first `count` coefficients. */
export function dct(input: ArrayLike<number>, count: number): Float64Array {
  const n = input.length;
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += input[i]! * Math.cos((Math.PI * k * (2 * i + 1)) / (2 * n));
    out[k] = sum * Math.sqrt((k === 0 ? 1 : 2) / n);
  }
  return out;
}

export function mfcc(
  samples: Float32Array,
  sampleRate: number,
  options: MfccOptions = {},
): Features {
  const o = { ...DEFAULTS, ...options };
  const mel = logMelEnergies(samples, sampleRate, o);
  const out = new Float32Array(mel.frames * o.coefficients);
  for (let f = 0; f < mel.frames; f++) {
    const row = mel.data.subarray(f * mel.dims, (f + 1) * mel.dims);
    out.set(dct(row, o.coefficients), f * o.coefficients);
  }
  return { data: out, frames: mel.frames, dims: o.coefficients, hopSeconds: mel.hopSeconds };
}

/**
 * Cepstral mean and variance normalisation per signal: removes the channel and level
 * differences between a phone recording and synthetic speech, so distances compare shapes.
 */
export function normaliseFeatures(f: Features): Features {
  const out = new Float32Array(f.data.length);
  for (let d = 0; d < f.dims; d++) {
    let mean = 0;
    for (let t = 0; t < f.frames; t++) mean += f.data[t * f.dims + d]!;
    mean /= Math.max(1, f.frames);
    let variance = 0;
    for (let t = 0; t < f.frames; t++) variance += (f.data[t * f.dims + d]! - mean) ** 2;
    const sd = Math.sqrt(variance / Math.max(1, f.frames)) || 1;
    for (let t = 0; t < f.frames; t++) out[t * f.dims + d] = (f.data[t * f.dims + d]! - mean) / sd;
  }
  return { ...f, data: out };
}
