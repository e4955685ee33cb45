import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoudnessMeasurement } from './loudness';
import type { MediaKind, MediaRefusal } from './media-rules';
import { parseProbe } from './parse-probe';
import {
  probeFile,
  renderLowRendition,
  renderRenditions,
  type RenderedFile,
} from './process-media';
import { selectedAudio, type ProbeResult } from './probe-result';
import { MEDIA_DIR } from './test-fixtures';
import {
  audioOf,
  inspect,
  measureEbuR128,
  rate,
  videoOf,
  type Inspected,
  type Loudness,
} from './test-inspect';
import { planThumbnails } from './thumbnails';
import { fitEven } from './video-geometry';

/**
 * The media stage on every shared clip in ../shared/media/manifest.json, with real ffmpeg.
 * Each accepted clip is rendered once; the tests then check its files with ffprobe.
 */

interface ManifestEntry {
  file: string;
  expect: string;
  display?: [number, number];
  audio?: boolean;
  transcript?: string;
  reason?: string;
}

const manifest = JSON.parse(
  readFileSync(path.join(MEDIA_DIR, 'manifest.json'), 'utf8'),
) as ManifestEntry[];

/** The manifest states reasons in words; these are the codes they correspond to. */
const REFUSAL_FOR_REASON: Record<string, MediaRefusal> = {
  'unreadable or incomplete video': 'unreadable',
  'not a video': 'not_media',
};

const KIND_FOR_EXPECT: Record<string, MediaKind> = {
  accept: 'video',
  'accept-audio-story': 'audio',
};

const mediaEntries = manifest.filter((e) => !e.expect.includes('captions'));
const rejected = mediaEntries.filter((e) => e.expect === 'reject');
const accepted = mediaEntries.filter((e) => e.expect in KIND_FOR_EXPECT);

it('covers every media clip in the manifest', () => {
  expect(rejected.length + accepted.length).toBe(mediaEntries.length);
  expect(accepted.length).toBeGreaterThan(0);
});

describe.each(rejected.map((e) => [e.file, e] as const))('%s', (_file, entry) => {
  it(`is refused: ${entry.reason}`, async () => {
    const expected = REFUSAL_FOR_REASON[entry.reason ?? ''];
    expect(expected).toBeDefined();
    const result = await probeFile(path.join(MEDIA_DIR, entry.file), { maxDurationSeconds: 600 });
    expect(result.refusal).toBe(expected);
    expect(result.kind).toBeUndefined();
  });
});

interface Rendered {
  probe: ProbeResult;
  kind: MediaKind | undefined;
  measured: LoudnessMeasurement | undefined;
  files: RenderedFile[];
  /** The 360p, made afterwards from the published 720p as its own job makes it. */
  file360: RenderedFile;
  progress: number[];
  workDir: string;
  out720: Inspected;
  out360: Inspected;
  loudness: Loudness | null;
}

const fileNamed = (r: Rendered, name: string): RenderedFile => {
  const file = r.files.find((f) => f.name === name);
  if (!file) throw new Error(`${name} was not rendered`);
  return file;
};

describe.each(accepted.map((e) => [e.file, e] as const))('%s', (_file, entry) => {
  const input = path.join(MEDIA_DIR, entry.file);
  const kind = KIND_FOR_EXPECT[entry.expect];
  const display = kind === 'audio' ? [1280, 720] : (entry.display ?? [0, 0]);
  const expected720 = fitEven({ width: display[0] ?? 0, height: display[1] ?? 0 }, 1280);
  let r: Rendered;

  beforeAll(async () => {
    // As the worker does: the probe step measures loudness, the render applies it in one pass.
    const {
      probe,
      kind: probedKind,
      loudness: measured,
    } = await probeFile(input, { maxDurationSeconds: 600, measureLoudness: true });
    if (!probe || !probedKind) throw new Error(`${entry.file} was not accepted`);
    const workDir = await mkdtemp(path.join(tmpdir(), 'media-render-'));
    const progress: number[] = [];
    const files = await renderRenditions({
      inputPath: input,
      workDir,
      probe,
      kind: probedKind,
      card: { campaignName: 'Caring in Cymru', displayName: 'Siân' },
      threads: 2,
      preset: 'veryfast',
      onProgress: (p) => progress.push(p),
      ...(measured ? { loudness: measured } : {}),
    });
    const lowDir = path.join(workDir, 'low');
    await mkdir(lowDir);
    const file360 = await renderLowRendition({
      inputPath: path.join(workDir, '720p.mp4'),
      workDir: lowDir,
      threads: 2,
    });
    const out720 = await inspect(path.join(workDir, '720p.mp4'));
    const out360 = await inspect(file360.path);
    const loudness = entry.audio
      ? await measureEbuR128(path.join(workDir, '720p.mp4'), workDir)
      : null;
    r = {
      probe,
      kind: probedKind,
      measured,
      files,
      file360,
      progress,
      workDir,
      out720,
      out360,
      loudness,
    };
  }, 120_000);

  afterAll(async () => {
    if (r) await rm(r.workDir, { recursive: true, force: true });
  });

  it(`is accepted as ${kind}`, () => {
    expect(r.kind).toBe(kind);
  });

  it('lists the four review outputs, then the 360p, complete, with types and sizes, nothing half-written', async () => {
    expect(r.files.map((f) => [f.name, f.contentType])).toEqual([
      ['720p.mp4', 'video/mp4'],
      ['poster.jpg', 'image/jpeg'],
      ['sprite.jpg', 'image/jpeg'],
      ['thumbnails.vtt', 'text/vtt'],
    ]);
    expect([r.file360.name, r.file360.contentType]).toEqual(['360p.mp4', 'video/mp4']);
    for (const f of [...r.files, r.file360]) expect((await stat(f.path)).size).toBe(f.bytes);
    for (const dir of [r.workDir, path.dirname(r.file360.path)]) {
      expect((await readdir(dir)).filter((n) => n.endsWith('.part'))).toEqual([]);
    }
  });

  it('reports progress that only rises and ends at 100', () => {
    expect(r.progress).toEqual([...r.progress].sort((a, b) => a - b));
    expect(r.progress.at(-1)).toBe(100);
  });

  it('720p and 360p: H.264 High 4:2:0, tagged BT.709, upright with no rotation left', () => {
    for (const out of [r.out720, r.out360]) {
      const v = videoOf(out);
      expect(v).toMatchObject({
        codec_name: 'h264',
        profile: 'High',
        pix_fmt: 'yuv420p',
        color_space: 'bt709',
        color_transfer: 'bt709',
        color_primaries: 'bt709',
      });
      expect(v?.side_data_list ?? []).toEqual([]);
      expect(parseProbe(out).video?.rotation).toBe(0);
    }
  });

  it(`720p: shown at ${expected720.width}x${expected720.height}`, () => {
    const v = videoOf(r.out720);
    expect([v?.width, v?.height]).toEqual([expected720.width, expected720.height]);
    expect(((v?.width ?? 1) % 2) + ((v?.height ?? 1) % 2)).toBe(0);
  });

  it('720p and 360p: constant frame rate of at most 30', () => {
    for (const out of [r.out720, r.out360]) {
      const v = videoOf(out);
      expect(v?.r_frame_rate).toBe(v?.avg_frame_rate);
      expect(rate(v?.avg_frame_rate)).toBeLessThanOrEqual(30);
    }
  });

  it('720p and 360p: as long as the source, within one frame', () => {
    const source =
      kind === 'audio'
        ? (selectedAudio(r.probe)?.durationSeconds ?? r.probe.durationSeconds)
        : r.probe.durationSeconds;
    for (const out of [r.out720, r.out360]) {
      const frame = 1 / rate(videoOf(out)?.avg_frame_rate);
      expect(Math.abs(Number(out.format.duration) - (source ?? 0))).toBeLessThanOrEqual(frame);
    }
  });

  it(`audio ${entry.audio ? 'present as AAC stereo 48 kHz' : 'absent'}`, () => {
    for (const out of [r.out720, r.out360]) {
      const audio = audioOf(out);
      if (!entry.audio) expect(audio).toEqual([]);
      else {
        expect(audio).toHaveLength(1);
        expect(audio[0]).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
      }
    }
  });

  it(`the probe step ${entry.audio ? 'measured' : 'had no'} loudness to apply`, () => {
    expect(r.measured === undefined).toBe(!entry.audio);
  });

  if (entry.audio) {
    it('loudness: -16 LUFS integrated (±1 LU), true peak at most -1 dBTP, by ebur128', () => {
      expect(Math.abs((r.loudness?.integrated ?? 0) + 16)).toBeLessThanOrEqual(1);
      expect(r.loudness?.truePeakDb).toBeLessThanOrEqual(-1);
    });
  }

  it('carries no location, device or creation tags', async () => {
    for (const out of [r.out720, r.out360]) {
      expect(parseProbe(out).privacyTags).toEqual({});
      const tags = [out.format.tags ?? {}, ...out.streams.map((s) => s.tags ?? {})];
      for (const t of tags) expect(Object.keys(t)).not.toContain('creation_time');
    }
    for (const file of [fileNamed(r, '720p.mp4'), r.file360]) {
      const bytes = await readFile(file.path);
      for (const value of Object.values(r.probe.privacyTags)) {
        expect(bytes.includes(Buffer.from(value))).toBe(false);
      }
    }
  });

  it('360p: same orientation, long side at most 640, even', () => {
    const v = videoOf(r.out360);
    const [w, h] = [v?.width ?? 0, v?.height ?? 0];
    expect(Math.max(w, h)).toBeLessThanOrEqual(640);
    expect(w >= h).toBe(expected720.width >= expected720.height);
    expect([w % 2, h % 2]).toEqual([0, 0]);
  });

  it('poster.jpg: a JPEG the size of the 720p picture', async () => {
    const poster = videoOf(await inspect(fileNamed(r, 'poster.jpg').path));
    expect([poster?.codec_name, poster?.width, poster?.height]).toEqual([
      'mjpeg',
      expected720.width,
      expected720.height,
    ]);
  });

  it('sprite.jpg and thumbnails.vtt: every cue points inside the sprite', async () => {
    const plan = planThumbnails(r.probe.durationSeconds ?? 0, expected720);
    const sprite = videoOf(await inspect(fileNamed(r, 'sprite.jpg').path));
    expect([sprite?.width, sprite?.height]).toEqual([
      plan.columns * plan.thumbWidth,
      plan.rows * plan.thumbHeight,
    ]);
    const vtt = await readFile(fileNamed(r, 'thumbnails.vtt').path, 'utf8');
    expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
    const boxes = [...vtt.matchAll(/sprite\.jpg#xywh=(\d+),(\d+),(\d+),(\d+)/g)].map((m) =>
      m.slice(1).map(Number),
    );
    expect(boxes).toHaveLength(plan.count);
    for (const [x = 0, y = 0, w = 0, h = 0] of boxes) {
      expect(x + w).toBeLessThanOrEqual(sprite?.width ?? 0);
      expect(y + h).toBeLessThanOrEqual(sprite?.height ?? 0);
    }
  });
});
