/**
 * Minimal RIFF/WAVE reading and writing for 16-bit PCM, the format espeak-ng writes and the one
 * we ask ffmpeg for. Multi-channel input is mixed down to mono.
 */

export interface Pcm {
  sampleRate: number;
  /** Mono samples in [-1, 1). */
  samples: Float32Array;
}

export function readWav(buf: Buffer): Pcm {
  if (
    buf.length < 12 ||
    buf.toString('ascii', 0, 4) !== 'RIFF' ||
    buf.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    throw new Error('not a RIFF/WAVE file');
  }
  let offset = 12;
  let fmt: { channels: number; sampleRate: number; bits: number; format: number } | null = null;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    let size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      fmt = {
        format: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bits: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAVE data before its format');
      // Streamed writers (espeak-ng to a pipe, ffmpeg to stdout) leave the size unknown.
      if (size === 0 || size === 0xffffffff || body + size > buf.length) size = buf.length - body;
      // 0xfffe is WAVE_FORMAT_EXTENSIBLE, which ffmpeg uses for some layouts; PCM underneath.
      if ((fmt.format !== 1 && fmt.format !== 0xfffe) || fmt.bits !== 16) {
        throw new Error('only 16-bit PCM WAVE is supported');
      }
      const frames = Math.floor(size / (2 * fmt.channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < fmt.channels; c++)
          sum += buf.readInt16LE(body + (i * fmt.channels + c) * 2);
        samples[i] = sum / fmt.channels / 32768;
      }
      return { sampleRate: fmt.sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAVE file has no data');
}

export function writeWav(pcm: Pcm): Buffer {
  const n = pcm.samples.length;
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(pcm.sampleRate, 24);
  buf.writeUInt32LE(pcm.sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) {
    const v = Math.max(-1, Math.min(32767 / 32768, pcm.samples[i] ?? 0));
    buf.writeInt16LE(Math.round(v * 32768), 44 + i * 2);
  }
  return buf;
}

/** Index range [start, end) of samples louder than `threshold` (peak), padded by `padSamples`. */
export function speechBounds(
  samples: Float32Array,
  threshold = 0.01,
  padSamples = 0,
): { start: number; end: number } {
  let start = 0;
  while (start < samples.length && Math.abs(samples[start] ?? 0) < threshold) start++;
  let end = samples.length;
  while (end > start && Math.abs(samples[end - 1] ?? 0) < threshold) end--;
  return {
    start: Math.max(0, start - padSamples),
    end: Math.min(samples.length, end + padSamples),
  };
}
