import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildRenditionArgs } from './ffmpeg-args';
import { isMediaToolError, runFfmpeg } from './ffmpeg-runner';
import { parseProbe } from './parse-probe';
import { probeFile, renderRenditions } from './process-media';
import { MEDIA_DIR } from './test-fixtures';
import { inspect, videoOf } from './test-inspect';

/**
 * Classes of upload the shared clips do not cover, made with ffmpeg's test sources: damaged and
 * disguised files, extreme sizes, HDR10, anamorphic pixels, an all-dark clip, cancellation.
 */

let dir: string;
const at = (name: string): string => path.join(dir, name);
const make = (args: string[]) => runFfmpeg(['-loglevel', 'error', ...args], { timeoutMs: 60_000 });
const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast'];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'media-classes-'));
  await writeFile(at('empty.mp4'), '');
  await make([
    '-f',
    'lavfi',
    '-i',
    'testsrc=s=64x64',
    '-frames:v',
    '1',
    '-f',
    'image2',
    at('photo.mp4'),
  ]);
  // An HLS playlist renamed .mp4 would make an unguarded ffmpeg read other files.
  await writeFile(
    at('playlist.mp4'),
    `#EXTM3U\n#EXTINF:3,\nfile://${MEDIA_DIR}/welsh-speech.mp4\n`,
  );
  await make([
    '-i',
    path.join(MEDIA_DIR, 'welsh-speech.mp4'),
    '-c',
    'copy',
    '-movflags',
    '+faststart',
    at('whole.mp4'),
  ]);
  const whole = await readFile(at('whole.mp4'));
  await writeFile(at('cut-faststart.mp4'), whole.subarray(0, Math.floor(whole.length * 0.6)));
  const webm = await readFile(path.join(MEDIA_DIR, 'browser-recording.webm'));
  await writeFile(at('cut.webm'), webm.subarray(0, Math.floor(webm.length / 2)));
  await make([
    '-i',
    path.join(MEDIA_DIR, 'captions-good.srt'),
    '-c:s',
    'mov_text',
    at('subtitles-only.mp4'),
  ]);
  await make([
    '-f',
    'lavfi',
    '-i',
    'sine=d=2',
    '-f',
    'lavfi',
    '-i',
    'testsrc=s=64x64:d=0.04',
    '-frames:v',
    '1',
    '-map',
    '0',
    '-map',
    '1',
    '-c:a',
    'aac',
    '-c:v',
    'png',
    '-disposition:v',
    'attached_pic',
    at('cover-art.m4a'),
  ]);
  await make(['-f', 'lavfi', '-i', 'testsrc2=s=7680x4320:r=30:d=0.1', ...x264, at('8k.mp4')]);
  await make([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=1280x720:r=25:d=0.4',
    '-pix_fmt',
    'yuv420p10le',
    '-c:v',
    'libx265',
    '-x265-params',
    'log-level=error',
    '-color_primaries',
    'bt2020',
    '-color_trc',
    'smpte2084',
    '-colorspace',
    'bt2020nc',
    at('hdr10.mp4'),
  ]);
  await make([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=1440x1080:r=25:d=0.4',
    '-vf',
    'setsar=4/3',
    ...x264,
    at('anamorphic.mp4'),
  ]);
  await make([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=640x480:r=25:d=0.4',
    '-vf',
    'scale=321:241,format=yuv444p',
    ...x264,
    at('odd.mp4'),
  ]);
  // ffmpeg 5.1 still writes a display matrix from the legacy rotate tag when copying.
  await make([
    '-i',
    at('odd.mp4'),
    '-c',
    'copy',
    '-metadata:s:v:0',
    'rotate=90',
    at('odd-sideways.mp4'),
  ]);
  await make(['-f', 'lavfi', '-i', 'color=black:s=320x240:r=25:d=1', ...x264, at('dark.mp4')]);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probeFile refusals', () => {
  it.each([
    ['an empty file', 'empty.mp4', 'empty'],
    ['a photo named .mp4', 'photo.mp4', 'not_media'],
    ['an HLS playlist named .mp4', 'playlist.mp4', 'not_media'],
    ['an MP4 with its index first but its media cut off', 'cut-faststart.mp4', 'unreadable'],
    ['a WebM upload that stopped half way', 'cut.webm', 'unreadable'],
    ['an MP4 holding only subtitles', 'subtitles-only.mp4', 'no_usable_stream'],
  ])('%s -> %s', async (_label, file, refusal) => {
    const result = await probeFile(at(file), { maxDurationSeconds: 600 });
    expect(result.refusal).toBe(refusal);
  });

  it('a clip over the campaign limit -> too_long', async () => {
    const result = await probeFile(path.join(MEDIA_DIR, 'iphone-portrait-hevc.mov'), {
      maxDurationSeconds: 5,
    });
    expect([result.refusal, result.probe?.durationSeconds]).toEqual(['too_long', 7.734]);
  });

  it('the whole MP4 that was cut is accepted', async () => {
    expect(await probeFile(at('whole.mp4'), { maxDurationSeconds: 600 })).toMatchObject({
      kind: 'video',
    });
  });
});

describe('probeFile acceptances', () => {
  it('measures a WebM whose header has no duration', async () => {
    const { probe } = await probeFile(path.join(MEDIA_DIR, 'browser-recording.webm'));
    expect(probe?.durationSource).toBe('measured');
    expect(probe?.durationSeconds).toBeCloseTo(3, 1);
  });

  it('an m4a with cover art is an audio story', async () => {
    const result = await probeFile(at('cover-art.m4a'), { maxDurationSeconds: 600 });
    expect([result.kind, result.refusal]).toEqual(['audio', undefined]);
  });
});

describe('720p from extreme inputs', () => {
  it.each([
    ['8K', '8k.mp4', [1280, 720]],
    ['HDR10 (PQ)', 'hdr10.mp4', [1280, 720]],
    ['anamorphic 1440x1080 at 4:3 pixels', 'anamorphic.mp4', [1280, 720]],
    ['odd-sized 321x241 turned on its side', 'odd-sideways.mp4', [240, 320]],
  ])('%s', async (_label, file, [width, height]) => {
    const { probe } = await probeFile(at(file));
    if (!probe) throw new Error(`${file} did not probe`);
    const output = at(`${file}.720p.mp4`);
    const args = buildRenditionArgs(probe, '720p', {
      input: at(file),
      output,
      threads: 2,
      preset: 'ultrafast',
    });
    await runFfmpeg(args, { timeoutMs: 120_000 });
    const out = await inspect(output);
    expect(videoOf(out)).toMatchObject({
      width,
      height,
      pix_fmt: 'yuv420p',
      color_transfer: 'bt709',
      color_primaries: 'bt709',
    });
    expect(parseProbe(out).video).toMatchObject({
      sampleAspectRatio: { num: 1, den: 1 },
      rotation: 0,
    });
    expect(videoOf(out)?.side_data_list ?? []).toEqual([]);
  });
});

describe('renderRenditions', () => {
  it('still makes a poster when every frame is dark', async () => {
    const { probe, kind } = await probeFile(at('dark.mp4'), { maxDurationSeconds: 600 });
    if (!probe || !kind) throw new Error('dark.mp4 did not probe');
    const workDir = await mkdtemp(at('dark-'));
    const files = await renderRenditions({
      inputPath: at('dark.mp4'),
      workDir,
      probe,
      kind,
      card: { campaignName: 'c', displayName: 'd' },
      threads: 2,
      preset: 'ultrafast',
    });
    const poster = files.find((f) => f.name === 'poster.jpg');
    expect(poster?.bytes).toBeGreaterThan(0);
  });

  it('stops ffmpeg, leaves no temporary files and rejects when aborted', async () => {
    const input = path.join(MEDIA_DIR, 'iphone-portrait-hevc.mov');
    const { probe, kind } = await probeFile(input, { maxDurationSeconds: 600 });
    if (!probe || !kind) throw new Error('clip did not probe');
    const workDir = await mkdtemp(at('abort-'));
    const controller = new AbortController();
    const outcome = await renderRenditions({
      inputPath: input,
      workDir,
      probe,
      kind,
      card: { campaignName: 'c', displayName: 'd' },
      threads: 2,
      preset: 'ultrafast',
      signal: controller.signal,
      onProgress: (p) => {
        if (p >= 10) controller.abort(new Error('job timed out'));
      },
    }).catch((e: unknown) => e);
    expect(isMediaToolError(outcome) && outcome.reason).toBe('aborted');
    expect((await readdir(workDir)).filter((n) => n.endsWith('.part'))).toEqual([]);
  });
});
