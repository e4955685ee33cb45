import { z } from 'zod';
import type { Rational } from './probe-result';

/**
 * Pure: the shape of ffprobe's JSON (`-print_format json -show_format -show_streams`) and
 * readers for its loosely typed values. Deliberately loose: ffprobe omits fields freely
 * between containers and versions; the strictness lives in the derived ProbeResult.
 */

const numberish = z.union([z.number(), z.string()]).optional();
const tagsSchema = z.record(z.string(), z.union([z.string(), z.number()]).transform(String));

const rawStreamSchema = z.object({
  index: z.number().int().nonnegative(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  profile: z.union([z.string(), z.number()]).transform(String).optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  coded_width: z.number().optional(),
  coded_height: z.number().optional(),
  sample_aspect_ratio: z.string().optional(),
  pix_fmt: z.string().optional(),
  color_range: z.string().optional(),
  color_space: z.string().optional(),
  color_transfer: z.string().optional(),
  color_primaries: z.string().optional(),
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  duration: numberish,
  nb_frames: numberish,
  channels: z.number().optional(),
  channel_layout: z.string().optional(),
  sample_rate: numberish,
  disposition: z.record(z.string(), z.number()).optional(),
  tags: tagsSchema.optional(),
  side_data_list: z
    .array(
      z.object({ side_data_type: z.string().optional(), rotation: z.number().optional() }).loose(),
    )
    .optional(),
});
export type RawStream = z.infer<typeof rawStreamSchema>;

export const rawProbeSchema = z.object({
  streams: z.array(rawStreamSchema).default([]),
  format: z.object({
    format_name: z.string(),
    duration: numberish,
    size: numberish,
    bit_rate: numberish,
    tags: tagsSchema.optional(),
  }),
});

export type RawProbe = z.infer<typeof rawProbeSchema>;

export function parseRational(text: string | undefined): Rational | null {
  const m = /^(\d+)[/:](\d+)$/.exec(text ?? '');
  if (!m) return null;
  const num = Number(m[1]);
  const den = Number(m[2]);
  if (num <= 0 || den <= 0) return null;
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

export function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export function toNumber(v: number | string | undefined): number | null {
  if (v === undefined || v === 'N/A' || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

export const positive = (n: number | null): number | null => (n !== null && n > 0 ? n : null);

/** Matroska writes per-stream `DURATION` tags such as `00:00:03.001000000`. */
export function parseDurationTag(text: string | undefined): number | null {
  const m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text?.trim() ?? '');
  if (!m) return null;
  return positive(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]));
}

export function tagValue(
  tags: Record<string, string> | undefined,
  name: string,
): string | undefined {
  if (!tags) return undefined;
  const key = Object.keys(tags).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : tags[key];
}

export function durationTag(tags: Record<string, string> | undefined): number | null {
  if (!tags) return null;
  const key = Object.keys(tags).find((k) => /^duration(-\w+)?$/i.test(k));
  return key === undefined ? null : parseDurationTag(tags[key]);
}
