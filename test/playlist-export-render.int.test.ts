import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { probeFile, renderRenditions } from '../src/media';
import { isMediaToolError, runFfmpeg } from '../src/media/ffmpeg-runner';
import { TITLE_CARD_SECONDS } from '../src/media/playlist-export-args';
import { renderPlaylistExport, type ExportClip } from '../src/media/playlist-export';
import { MEDIA_DIR } from '../src/media/test-fixtures';
import {
  audioOf,
  inspect,
  measureEbuR128,
  videoOf,
  type Inspected,
} from '../src/media/test-inspect';

/**
 * The playlist export (issue 8) with real ffmpeg on three manifest clips of different shapes:
 * a portrait iPhone clip (HEVC, rotated, with location tags), an odd-sized upside-down clip
 * (321x241, nearly 4:3) and a landscape clip with no audio. The export's inputs are our own
 * 720p renditions, so they are made first by the media pipeline itself (renderRenditions):
 * the clips are 2-8 s long, so this costs seconds, and the inputs are exactly what the worker
 * will hand over, not lookalikes. The silent clip's rendition is remuxed with location and
 * device tags added, so the export's metadata stripping is tested on tags that are present.
 */

const W = 1280;
const H = 720;

let dir: string;
let clips: ExportClip[];
let withCaptions: Inspected;
let progress: number[];
let exportPath: string;
let reportedDuration: number;

async function rendition(file: string, name: string): Promise<{ path: string; seconds: number }> {
  const workDir = path.join(dir, name);
  await mkdir(workDir);
  const input = path.join(MEDIA_DIR, file);
  const { probe, kind } = await probeFile(input, { maxDurationSeconds: 600 });
  if (!probe || !kind) throw new Error(`${file} was not accepted`);
  const files = await renderRenditions({
    inputPath: input,
    workDir,
    probe,
    kind,
    card: { campaignName: '', displayName: '' },
    threads: 2,
    preset: 'veryfast',
  });
  const out = files.find((f) => f.name === '720p.mp4');
  if (!out) throw new Error(`${file}: no 720p rendition`);
  return { path: out.path, seconds: Number((await inspect(out.path)).format.duration) };
}

/** One frame as 8-bit luma, row by row (W x H bytes). */
async function lumaAt(file: string, seconds: number, name: string): Promise<Buffer> {
  await runFfmpeg(
    [
      ...['-loglevel', 'error', '-ss', seconds.toFixed(2), '-i', `file:${file}`],
      ...['-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', `file:${name}`],
    ],
    { timeoutMs: 60_000, cwd: dir },
  );
  return readFile(path.join(dir, name));
}

/** Mean luma of a rectangle. */
function meanLuma(frame: Buffer, x0: number, y0: number, x1: number, y1: number): number {
  let sum = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += frame[y * W + x] ?? 0;
  return sum / ((x1 - x0) * (y1 - y0));
}

/** Mean absolute difference of two frames over a band of rows. */
function rowsDiffer(a: Buffer, b: Buffer, y0: number, y1: number): number {
  let sum = 0;
  for (let i = y0 * W; i < y1 * W; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / ((y1 - y0) * W);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lev-export-'));
  const portrait = await rendition('iphone-portrait-hevc.mov', 'portrait');
  const odd = await rendition('odd-size-upside-down.mp4', 'odd');
  const silent = await rendition('silent-no-audio.mp4', 'silent');
  const tagged = path.join(dir, 'silent-tagged.mp4');
  await runFfmpeg(
    [
      ...['-loglevel', 'error', '-i', `file:${silent.path}`, '-c', 'copy'],
      // Without use_metadata_tags the mp4 muxer would silently drop make and model.
      ...['-movflags', 'use_metadata_tags'],
      ...['-metadata', 'location=+51.4816-003.1791/', '-metadata', 'make=Apple'],
      ...['-metadata', 'model=iPhone 15', '-metadata', 'creation_time=2024-05-01T10:00:00Z'],
      `file:${tagged}`,
    ],
    { timeoutMs: 60_000 },
  );
  const taggedKeys = Object.keys((await inspect(tagged)).format.tags ?? {});
  expect(taggedKeys).toEqual(
    expect.arrayContaining(['location', 'make', 'model', 'creation_time']),
  );
  const captionsPath = path.join(dir, 'captions.en.vtt');
  await copyFile(path.join(MEDIA_DIR, 'captions-good.vtt'), captionsPath);
  clips = [
    {
      inputPath: portrait.path,
      durationSeconds: portrait.seconds,
      hasAudio: true,
      titleLines: ['Mornings at home', 'Siân {ap} Rhys %{pts}'],
      captionsPath,
    },
    {
      inputPath: odd.path,
      durationSeconds: odd.seconds,
      hasAudio: true,
      titleLines: ['The day centre'],
    },
    { inputPath: tagged, durationSeconds: silent.seconds, hasAudio: false, titleLines: [] },
  ];
  progress = [];
  exportPath = path.join(dir, 'export.mp4');
  const result = await renderPlaylistExport(clips, {
    height: 720,
    workDir: path.join(dir, 'work'),
    outputPath: exportPath,
    threads: 2,
    onProgress: (p) => progress.push(p),
  });
  reportedDuration = result.durationSeconds;
  withCaptions = await inspect(exportPath);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a three-clip export at 720p', () => {
  it('lasts the clips plus a title card each (± 0.5 s)', () => {
    const expected = clips.reduce((s, c) => s + c.durationSeconds + TITLE_CARD_SECONDS, 0);
    expect(reportedDuration).toBeCloseTo(expected, 3);
    expect(Math.abs(Number(withCaptions.format.duration) - expected)).toBeLessThanOrEqual(0.5);
  });

  it('holds exactly one video and one audio stream in the agreed format', () => {
    expect(withCaptions.streams).toHaveLength(2);
    const video = videoOf(withCaptions);
    expect(video).toMatchObject({
      codec_name: 'h264',
      profile: 'High',
      width: W,
      height: H,
      pix_fmt: 'yuv420p',
      color_space: 'bt709',
      color_primaries: 'bt709',
      color_transfer: 'bt709',
      r_frame_rate: '25/1',
      avg_frame_rate: '25/1',
    });
    const audio = audioOf(withCaptions);
    expect(audio).toHaveLength(1);
    expect(audio[0]).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    expect(withCaptions.format.format_name).toContain('mp4');
  });

  it('carries no location, device or time metadata from the clips', () => {
    const tags = [withCaptions.format.tags, ...withCaptions.streams.map((s) => s.tags)]
      .flatMap((t) => Object.entries(t ?? {}))
      .map(([k, v]) => `${k}=${v}`.toLowerCase());
    for (const word of ['location', 'make', 'model', 'creation_time', 'apple', 'iphone', '+51.']) {
      expect(tags.filter((t) => t.includes(word))).toEqual([]);
    }
  });

  it('is at -16 LUFS integrated, within 1 LU, measured by ebur128', async () => {
    const loudness = await measureEbuR128(exportPath, dir);
    expect(Math.abs(loudness.integrated - -16)).toBeLessThanOrEqual(1);
    expect(loudness.truePeakDb).toBeLessThanOrEqual(-0.5);
  });

  it('reports progress from 0 to 100, never going back', () => {
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(100);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((p, i) => i === 0 || p > (progress[i - 1] ?? 0))).toBe(true);
  });

  it('pillarboxes the portrait clip on black, never stretching it', async () => {
    const frame = await lumaAt(exportPath, TITLE_CARD_SECONDS + 5, 'portrait.gray');
    // A 9:16 picture fitted to 720 lines is about 406 pixels wide: the sides stay black.
    expect(meanLuma(frame, 0, 0, 400, H)).toBeLessThan(20);
    expect(meanLuma(frame, W - 400, 0, W, H)).toBeLessThan(20);
    expect(meanLuma(frame, 480, 100, 800, 500)).toBeGreaterThan(20);
  });

  it('shows a title card with text before each clip', async () => {
    const card = await lumaAt(exportPath, 2, 'card.gray');
    const corner = meanLuma(card, 0, 0, 100, 100);
    // The calm background is even; the middle band carries the (white) title lines.
    expect(corner).toBeGreaterThan(30);
    expect(meanLuma(card, 200, 260, 1080, 460)).toBeGreaterThan(corner + 5);
  });
});

describe('burned-in captions', () => {
  let plain: string;

  beforeAll(async () => {
    const [first] = clips;
    if (!first) throw new Error('no clips');
    plain = path.join(dir, 'no-captions.mp4');
    await renderPlaylistExport([{ ...first, captionsPath: undefined }], {
      height: 720,
      workDir: path.join(dir, 'work-plain'),
      outputPath: plain,
      threads: 2,
    });
  });

  it('change the bottom of the picture while a cue is shown, and only then', async () => {
    // captions-good.vtt: a cue from 0 to 3.2 s, none after 7.0 s.
    const during = TITLE_CARD_SECONDS + 1.5;
    const after = TITLE_CARD_SECONDS + 7.4;
    const [a, b] = await Promise.all([
      lumaAt(exportPath, during, 'cue-with.gray'),
      lumaAt(plain, during, 'cue-without.gray'),
    ]);
    const [c, d] = await Promise.all([
      lumaAt(exportPath, after, 'after-with.gray'),
      lumaAt(plain, after, 'after-without.gray'),
    ]);
    const bottom = [Math.round(H * 0.75), H] as const;
    const top = [0, Math.round(H * 0.5)] as const;
    // Encoding noise differs by a level or two; a caption box changes the band by far more.
    expect(rowsDiffer(a, b, ...bottom)).toBeGreaterThan(8);
    expect(rowsDiffer(a, b, ...top)).toBeLessThan(3);
    expect(rowsDiffer(c, d, ...bottom)).toBeLessThan(3);
  });
});

describe('stopping', () => {
  it('kills ffmpeg and rejects when the signal aborts', async () => {
    const controller = new AbortController();
    const run = renderPlaylistExport(clips, {
      height: 1080,
      workDir: path.join(dir, 'work-abort'),
      outputPath: path.join(dir, 'aborted.mp4'),
      threads: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p >= 10) controller.abort();
      },
    });
    const error: unknown = await run.catch((e: unknown) => e);
    expect(isMediaToolError(error) && error.reason).toBe('aborted');
    // Nothing half-written is left where the export would be.
    const left = await readdir(dir);
    expect(left.filter((f) => f.startsWith('aborted'))).toEqual([]);
  });
});
