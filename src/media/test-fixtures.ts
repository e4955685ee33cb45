import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseProbe } from './parse-probe';
import type { ProbeResult } from './probe-result';

/** Test helpers: recorded ffprobe output (see fixtures/README.md). Not used by runtime code. */

export const FIXTURE_DIR = path.join(__dirname, 'fixtures');

export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURE_DIR, `${name}.json`), 'utf8')) as unknown;
}

/** A deep copy of a recorded ffprobe output, changed by `edit`, for cases no clip covers. */
export function editedFixture(name: string, edit: (raw: RawFixture) => void): unknown {
  const raw = structuredClone(loadFixture(name)) as RawFixture;
  edit(raw);
  return raw;
}

export const probeOf = (name: string): ProbeResult => parseProbe(loadFixture(name));

/** Just enough of ffprobe's JSON shape for tests to edit it. */
export interface RawFixture {
  format: Record<string, unknown> & { tags?: Record<string, string> };
  streams: Array<
    Record<string, unknown> & {
      tags?: Record<string, string>;
      disposition?: Record<string, number>;
      side_data_list?: Array<Record<string, unknown>>;
    }
  >;
}

export function streamOf(raw: RawFixture, index: number): RawFixture['streams'][number] {
  const stream = raw.streams.find((s) => s.index === index);
  if (!stream) throw new Error(`fixture has no stream ${index}`);
  return stream;
}

/** The shared test clips, beside the repository (DESIGN.md, Testing). */
export const MEDIA_DIR =
  process.env.SHARED_MEDIA_DIR ?? path.resolve(__dirname, '../../../shared/media');

export type AudioLayout = 'none' | 'one' | 'second-default';
export type HdrCase = 'sdr' | 'hlg' | 'pq' | 'bt2020';

const COLOUR: Record<HdrCase, Record<string, string | undefined>> = {
  sdr: { color_transfer: 'bt709', color_primaries: 'bt709', color_space: 'bt709' },
  hlg: { color_transfer: 'arib-std-b67', color_primaries: 'bt2020', color_space: 'bt2020nc' },
  pq: { color_transfer: 'smpte2084', color_primaries: 'bt2020', color_space: 'bt2020nc' },
  bt2020: { color_transfer: 'bt2020-10', color_primaries: 'bt2020', color_space: 'bt2020nc' },
};

/**
 * A probe for a combination no single clip has, made by editing a real recording (welsh-speech:
 * 1280x720 H.264 + one AAC track) and parsing it, so the parser's rules apply as for a clip.
 */
export function syntheticProbe(options: {
  stored?: [number, number];
  /** Clockwise degrees a player turns the picture (ffprobe prints the negation). */
  rotation?: 0 | 90 | 180 | 270;
  hdr?: HdrCase;
  audio?: AudioLayout;
  frameRate?: string;
  avgFrameRate?: string;
}): ProbeResult {
  const raw = editedFixture('welsh-speech', (r) => {
    const video = streamOf(r, 0);
    const [width, height] = options.stored ?? [1920, 1080];
    Object.assign(video, { width, height, coded_width: width, coded_height: height });
    Object.assign(video, COLOUR[options.hdr ?? 'sdr']);
    if (options.frameRate) video.r_frame_rate = options.frameRate;
    video.avg_frame_rate = options.avgFrameRate ?? options.frameRate ?? video.avg_frame_rate;
    if (options.rotation) {
      video.side_data_list = [{ side_data_type: 'Display Matrix', rotation: -options.rotation }];
    }
    const audio = streamOf(r, 1);
    if (options.audio === 'none') r.streams = [video];
    if (options.audio === 'second-default') {
      const second = { ...structuredClone(audio), index: 2, disposition: { default: 1 } };
      r.streams = [video, { ...audio, disposition: { default: 0 } }, second];
    }
  });
  return parseProbe(raw);
}
