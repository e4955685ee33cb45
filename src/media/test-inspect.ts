import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg, runFfprobe } from './ffmpeg-runner';

/**
 * Test helpers: look at rendered files with ffprobe and ffmpeg's ebur128 filter, through the
 * same runner production uses. Not used by runtime code.
 */

export interface InspectedStream {
  index: number;
  codec_type: string;
  codec_name: string;
  profile?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  color_space?: string;
  color_transfer?: string;
  color_primaries?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  sample_rate?: string;
  channels?: number;
  tags?: Record<string, string>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number }>;
}

export interface Inspected {
  streams: InspectedStream[];
  format: { format_name: string; duration?: string; tags?: Record<string, string> };
}

export async function inspect(file: string): Promise<Inspected> {
  return (await runFfprobe(
    file,
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams'],
    { timeoutMs: 60_000 },
  )) as Inspected;
}

export const videoOf = (i: Inspected): InspectedStream | undefined =>
  i.streams.find((s) => s.codec_type === 'video');

export const audioOf = (i: Inspected): InspectedStream[] =>
  i.streams.filter((s) => s.codec_type === 'audio');

export const rate = (text: string | undefined): number => {
  const [num, den] = (text ?? '0/1').split('/').map(Number);
  return (num ?? 0) / (den || 1);
};

export interface Loudness {
  integrated: number;
  truePeakDb: number;
}

/**
 * EBU R128 loudness of a file's first audio track by ffmpeg's ebur128 filter. Its per-frame
 * metadata is written to a file (relative to `workDir`, so no path needs escaping) and the last
 * frame carries the whole-programme integrated loudness and true peak.
 */
export async function measureEbuR128(file: string, workDir: string): Promise<Loudness> {
  const report = 'ebur128.txt';
  await runFfmpeg(
    [
      ...['-loglevel', 'error', '-i', `file:${file}`, '-map', '0:a:0'],
      ...['-af', `ebur128=metadata=1:peak=true,ametadata=mode=print:file=${report}`],
      ...['-f', 'null', '-'],
    ],
    { timeoutMs: 60_000, cwd: workDir },
  );
  const text = await readFile(path.join(workDir, report), 'utf8');
  const last = (key: string): number => {
    const values = [...text.matchAll(new RegExp(`^lavfi\\.r128\\.${key}=(\\S+)$`, 'gm'))];
    return Number(values.at(-1)?.[1]);
  };
  return { integrated: last('I'), truePeakDb: 20 * Math.log10(last('true_peak')) };
}
