import type { ProbeResult } from './probe-result';
import { fileUrl, globalArgs, inputArgs, jpegOutputArgs } from './ffmpeg-common';
import { pictureChain } from './video-filters';
import { fitEven, type Size } from './video-geometry';

/**
 * Pure: the scrubbing preview. One JPEG sprite of small frames taken at a fixed interval, and
 * a WebVTT index whose cues point into it with media fragments (`sprite.jpg#xywh=x,y,w,h`),
 * the form video.js, Plyr and Vidstack read.
 */

export interface ThumbnailPlan {
  durationSeconds: number;
  intervalSeconds: number;
  count: number;
  columns: number;
  rows: number;
  thumbWidth: number;
  thumbHeight: number;
}

export interface ThumbnailPlanOptions {
  maxThumbnails?: number;
  minIntervalSeconds?: number;
  /** Longest side of one thumbnail in pixels. */
  longSide?: number;
  maxColumns?: number;
}

/** Whole-second intervals keep the fps filter's frame times and the cue times identical. */
export function planThumbnails(
  durationSeconds: number,
  display: Size,
  options: ThumbnailPlanOptions = {},
): ThumbnailPlan {
  const maxThumbnails = options.maxThumbnails ?? 100;
  const duration = Math.max(durationSeconds, 0.001);
  const intervalSeconds = Math.max(
    options.minIntervalSeconds ?? 1,
    Math.ceil(duration / maxThumbnails),
  );
  const count = Math.max(1, Math.ceil(duration / intervalSeconds - 1e-9));
  const columns = Math.min(options.maxColumns ?? 10, count);
  const thumb = fitEven(display, options.longSide ?? 160);
  return {
    durationSeconds: duration,
    intervalSeconds,
    count,
    columns,
    rows: Math.ceil(count / columns),
    thumbWidth: thumb.width,
    thumbHeight: thumb.height,
  };
}

export interface SpriteOptions {
  input: string;
  output: string;
  threads: number;
}

/**
 * The sprite from any video input (the worker feeds it the finished 720p rendition, already
 * upright and SDR, which decodes far faster than a 4K HEVC original). Missing frames at the
 * very end leave a black cell rather than failing.
 */
export function buildThumbnailSpriteArgs(
  probe: ProbeResult,
  plan: ThumbnailPlan,
  options: SpriteOptions,
): string[] {
  const video = probe.video;
  if (!video) throw new Error('probe has no usable video stream');
  const chain = [
    `fps=1/${plan.intervalSeconds}`,
    ...pictureChain(video, { width: plan.thumbWidth, height: plan.thumbHeight }),
    'setsar=1',
    `tile=${plan.columns}x${plan.rows}`,
  ];
  return [
    ...globalArgs('error', options.threads),
    ...inputArgs(options.input, { threads: options.threads }),
    '-map',
    `0:v:${video.typeIndex}`,
    '-vf',
    chain.join(','),
    ...jpegOutputArgs(5),
    fileUrl(options.output),
  ];
}

/** `HH:MM:SS.mmm`, the only timestamp form every WebVTT reader accepts. */
export function vttTimestamp(seconds: number): string {
  const ms = Math.round(Math.max(0, seconds) * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** `thumbnails.vtt`: one cue per thumbnail, the last ending at the clip's end. */
export function buildThumbnailsVtt(plan: ThumbnailPlan, spriteName = 'sprite.jpg'): string {
  const cues: string[] = [];
  for (let i = 0; i < plan.count; i++) {
    const start = i * plan.intervalSeconds;
    const end = Math.min((i + 1) * plan.intervalSeconds, plan.durationSeconds);
    const x = (i % plan.columns) * plan.thumbWidth;
    const y = Math.floor(i / plan.columns) * plan.thumbHeight;
    cues.push(
      `${vttTimestamp(start)} --> ${vttTimestamp(end)}\n` +
        `${spriteName}#xywh=${x},${y},${plan.thumbWidth},${plan.thumbHeight}`,
    );
  }
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}
