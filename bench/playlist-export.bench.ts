import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { renderPlaylistExport, type ExportClip } from '../src/media/playlist-export';
import { measureEbuR128 } from '../src/media/test-inspect';

const run = promisify(execFile);

/**
 * Issue 8's benchmark: the playlist export of ten one-minute clips (title cards, burned-in
 * captions, loudness, 720p) through renderPlaylistExport against the raw ffmpeg commands that
 * do the same work, written by hand below, in the same run so both see the same load.
 *
 * BENCH_EXPORT_CLIPS and BENCH_EXPORT_SECONDS shrink the set for a quick look;
 * BENCH_EXPORT_ROUNDS=2 runs raw, export, export, raw so a load change during the run falls
 * on both sides alike; BENCH_EXPORT_CACHE keeps the generated clips in that directory.
 */

const CLIPS = Number(process.env.BENCH_EXPORT_CLIPS ?? 10);
const SECONDS = Number(process.env.BENCH_EXPORT_SECONDS ?? 60);
const ROUNDS = Number(process.env.BENCH_EXPORT_ROUNDS ?? 1);
const THREADS = 2;

/** Mixed shapes and rates, as our 720p renditions come: landscape, portrait, square, 4:3. */
const SHAPES = [
  { size: '1280x720', fps: 30 },
  { size: '720x1280', fps: 30 },
  { size: '720x720', fps: 25 },
  { size: '960x720', fps: 25 },
  { size: '1280x720', fps: 25 },
];

interface BenchClip extends ExportClip {
  captionsPath: string;
}

/**
 * A clip in our 720p rendition format: H.264 High yuv420p, BT.709, CFR, AAC 48 kHz stereo
 * normalised to -16 LUFS. The audio is speech-like: band-limited noise and a voiced tone
 * modulated at a syllable rate, with pauses between phrases. One clip has no audio.
 */
async function makeClip(file: string, index: number, withAudio: boolean): Promise<void> {
  const shape = SHAPES[index % SHAPES.length] ?? { size: '1280x720', fps: 25 };
  const voice = 140 + index * 17;
  const audio = [
    '-f',
    'lavfi',
    '-i',
    `anoisesrc=color=pink:sample_rate=48000:seed=${index + 1}:amplitude=0.4,` +
      'highpass=f=200,lowpass=f=3500',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${voice}:sample_rate=48000`,
  ];
  const graph =
    '[1:a][2:a]amix=inputs=2:normalize=0,' +
    "volume='(0.55+0.45*sin(2*PI*4.3*t))*gt(sin(2*PI*0.23*t)+0.6,0)':eval=frame," +
    'aformat=channel_layouts=stereo,loudnorm=I=-16:TP=-1.5:LRA=11,aresample=48000[a]';
  await run(
    'ffmpeg',
    [
      ...[
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        `testsrc2=size=${shape.size}:rate=${shape.fps}`,
      ],
      ...(withAudio ? [...audio, '-filter_complex', graph, '-map', '0:v', '-map', '[a]'] : []),
      ...['-t', String(SECONDS), '-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'high'],
      ...['-pix_fmt', 'yuv420p', '-crf', '23', '-colorspace', 'bt709', '-color_primaries', 'bt709'],
      ...['-color_trc', 'bt709'],
      ...(withAudio ? ['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2'] : []),
      ...['-movflags', '+faststart', file],
    ],
    { maxBuffer: 1 << 22 },
  );
}

function vttFor(index: number): string {
  const cues: string[] = ['WEBVTT', ''];
  for (let t = 0; t + 3 <= SECONDS; t += 4) {
    const clock = (s: number) =>
      `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
    cues.push(`${clock(t)} --> ${clock(t + 3)}`, `Clip ${index + 1}, caption at ${t} seconds`, '');
  }
  return cues.join('\n');
}

async function prepareClips(dir: string): Promise<BenchClip[]> {
  const clips: BenchClip[] = [];
  for (let i = 0; i < CLIPS; i++) {
    const inputPath = path.join(dir, `clip-${i}-${SECONDS}s.mp4`);
    const captionsPath = path.join(dir, `clip-${i}-${SECONDS}s.vtt`);
    const hasAudio = i !== CLIPS - 1 || CLIPS === 1;
    const exists = await access(inputPath).then(
      () => true,
      () => false,
    );
    if (!exists) await makeClip(inputPath, i, hasAudio);
    await writeFile(captionsPath, vttFor(i));
    clips.push({
      inputPath,
      captionsPath,
      durationSeconds: SECONDS,
      hasAudio,
      titleLines: [`Session story ${i + 1}: what a good week looks like`, `Contributor ${i + 1}`],
    });
  }
  return clips;
}

/** CPU seconds used so far by this process's finished children (ffmpeg), from /proc. */
async function childCpuSeconds(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime are fields 16 and 17 of the whole line: 14 and 15 after the name.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/**
 * The same work by hand: measure each clip's loudness with ebur128 (two at a time), then one
 * ffmpeg run with a hand-written graph: per clip a drawtext card with silence, the clip fitted
 * and padded to 1280x720 at 25 fps with its VTT burned in by `subtitles=`, its gain, and concat.
 */
async function rawCommands(clips: BenchClip[], dir: string, output: string): Promise<void> {
  const font = '/usr/share/fonts/truetype/dejavu';
  const gains = new Map<number, number>();
  const queue = clips.map((c, i) => ({ c, i })).filter(({ c }) => c.hasAudio);
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { stderr } = await run(
        'ffmpeg',
        [
          '-hide_banner',
          '-nostats',
          '-i',
          next.c.inputPath,
          '-map',
          '0:a:0',
          '-af',
          'ebur128=peak=true',
          '-f',
          'null',
          '-',
        ],
        { maxBuffer: 1 << 26 },
      );
      const i = Number(/I:\s+(-?[\d.]+) LUFS\s+Threshold/.exec(stderr.slice(-2000))?.[1]);
      const peak = Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(stderr.slice(-2000))?.[1]);
      gains.set(next.i, Number.isFinite(i) ? Math.min(-16 - i, -1.5 - peak, 20) : 0);
    }
  };
  await Promise.all([lane(), lane()]);
  const parts: string[] = [];
  const order: string[] = [];
  for (const [i, c] of clips.entries()) {
    await writeFile(path.join(dir, `raw-${i}-a.txt`), c.titleLines[0] ?? '');
    await writeFile(path.join(dir, `raw-${i}-b.txt`), c.titleLines[1] ?? '');
    parts.push(
      `color=c=0x1f3a4d:s=1280x720:r=25:d=4,` +
        `drawtext=fontfile=${font}/DejaVuSans-Bold.ttf:textfile=raw-${i}-a.txt:expansion=none:fontsize=48:fontcolor=white:x=(w-text_w)/2:y=290,` +
        `drawtext=fontfile=${font}/DejaVuSans.ttf:textfile=raw-${i}-b.txt:expansion=none:fontsize=36:fontcolor=0xd8ebe4:x=(w-text_w)/2:y=380,` +
        `setsar=1,format=yuv420p[cv${i}]`,
      `anullsrc=r=48000:cl=stereo,atrim=duration=4[ca${i}]`,
      `[${i}:v:0]scale=1280:720:force_original_aspect_ratio=decrease:force_divisible_by=2,` +
        `pad=1280:720:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=25,trim=duration=${c.durationSeconds},` +
        `subtitles=${c.captionsPath}:fontsdir=${font}:force_style='FontName=DejaVu Sans,FontSize=16,BorderStyle=3,Outline=1,Shadow=0,BackColour=&H38000000,OutlineColour=&H38000000',` +
        `format=yuv420p[v${i}]`,
      c.hasAudio
        ? `[${i}:a:0]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,volume=${(gains.get(i) ?? 0).toFixed(2)}dB,apad,atrim=duration=${c.durationSeconds}[a${i}]`
        : `anullsrc=r=48000:cl=stereo,atrim=duration=${c.durationSeconds}[a${i}]`,
    );
    order.push(`[cv${i}][ca${i}][v${i}][a${i}]`);
  }
  parts.push(`${order.join('')}concat=n=${clips.length * 2}:v=1:a=1[v][a]`);
  await run(
    'ffmpeg',
    [
      ...['-v', 'error', '-y', '-filter_threads', '2', '-filter_complex_threads', '2'],
      ...clips.flatMap((c) => ['-threads', '2', '-i', c.inputPath]),
      ...['-filter_complex', parts.join(';'), '-map', '[v]', '-map', '[a]'],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p'],
      ...['-crf', '21', '-maxrate', '4000k', '-bufsize', '8000k', '-g', '50', '-keyint_min', '50'],
      ...['-sc_threshold', '0', '-color_primaries', 'bt709', '-color_trc', 'bt709'],
      ...['-colorspace', 'bt709', '-fps_mode', 'cfr', '-threads', '2'],
      ...['-c:a', 'aac', '-b:a', '160k', '-ar', '48000', '-ac', '2'],
      ...['-map_metadata', '-1', '-map_chapters', '-1', '-movflags', '+faststart', output],
    ],
    { cwd: dir, maxBuffer: 1 << 22 },
  );
}

interface Timed {
  seconds: number;
  cpuSeconds: number;
}

async function timed(work: () => Promise<unknown>): Promise<Timed> {
  const cpu = await childCpuSeconds();
  const t = process.hrtime.bigint();
  await work();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { seconds: ms / 1000, cpuSeconds: (await childCpuSeconds()) - cpu };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function benchPlaylistExport() {
  const cache = process.env.BENCH_EXPORT_CACHE;
  const clipDir = cache ?? (await mkdtemp(path.join(os.tmpdir(), 'lev-bench-export-')));
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'lev-bench-export-run-'));
  try {
    await mkdir(clipDir, { recursive: true });
    const t = Date.now();
    const clips = await prepareClips(clipDir);
    const prepareSeconds = (Date.now() - t) / 1000;

    const exportOut = path.join(runDir, 'export.mp4');
    const rawOut = path.join(runDir, 'raw.mp4');
    const sides = { export: [] as Timed[], raw: [] as Timed[] };
    const doExport = async (n: number) => {
      const workDir = path.join(runDir, `work-${n}`);
      sides.export.push(
        await timed(() =>
          renderPlaylistExport(clips, {
            height: 720,
            workDir,
            outputPath: exportOut,
            threads: THREADS,
          }),
        ),
      );
    };
    const doRaw = async (n: number) => {
      const workDir = path.join(runDir, `raw-${n}`);
      await mkdir(workDir);
      sides.raw.push(await timed(() => rawCommands(clips, workDir, rawOut)));
    };
    for (let r = 0; r < ROUNDS; r++) {
      // raw, export, then export, raw: alternating which goes first evens out load drift.
      if (r % 2 === 0) {
        await doRaw(r);
        await doExport(r);
      } else {
        await doExport(r);
        await doRaw(r);
      }
    }
    const total = (xs: Timed[], k: keyof Timed) => xs.reduce((s, x) => s + x[k], 0);
    const exportLoudness = await measureEbuR128(exportOut, runDir);
    const rawLoudness = await measureEbuR128(rawOut, runDir);
    return {
      clips: {
        count: CLIPS,
        secondsEach: SECONDS,
        shapes: SHAPES.map((s) => `${s.size}@${s.fps}`),
        withoutAudio: clips.filter((c) => !c.hasAudio).length,
        prepareSeconds: round2(prepareSeconds),
      },
      output: { height: 720, fps: 25, preset: 'veryfast', titleCardSeconds: 4, captions: true },
      rounds: ROUNDS,
      exportSeconds: sides.export.map((x) => round2(x.seconds)),
      rawSeconds: sides.raw.map((x) => round2(x.seconds)),
      exportCpuSeconds: sides.export.map((x) => round2(x.cpuSeconds)),
      rawCpuSeconds: sides.raw.map((x) => round2(x.cpuSeconds)),
      ratioExportToRaw: round2(total(sides.export, 'seconds') / total(sides.raw, 'seconds')),
      ratioCpuExportToRaw: round2(
        total(sides.export, 'cpuSeconds') / total(sides.raw, 'cpuSeconds'),
      ),
      exportLoudness: {
        integratedLufs: round2(exportLoudness.integrated),
        truePeakDbtp: round2(exportLoudness.truePeakDb),
      },
      rawLoudness: {
        integratedLufs: round2(rawLoudness.integrated),
        truePeakDbtp: round2(rawLoudness.truePeakDb),
      },
      targets: { ratio: '<= 1.2', integratedLufs: '-16 ± 1' },
    };
  } finally {
    await rm(runDir, { recursive: true, force: true });
    if (!cache) await rm(clipDir, { recursive: true, force: true });
  }
}
