import { z } from 'zod';

/**
 * What the media stage knows about an uploaded file. It is a zod schema as well as a type so
 * the worker can store a probe result as JSON (between the probe and transcode jobs) and
 * validate it when reading it back.
 */

export const rationalSchema = z.object({
  num: z.number().int().positive(),
  den: z.number().int().positive(),
});
export type Rational = z.infer<typeof rationalSchema>;

/** `pq` (SMPTE ST 2084) and `hlg` (ARIB STD-B67) need tone mapping; `bt2020` only a gamut change. */
export const hdrKindSchema = z.enum(['pq', 'hlg', 'bt2020']);
export type HdrKind = z.infer<typeof hdrKindSchema>;

export const rotationSchema = z.union([
  z.literal(0),
  z.literal(90),
  z.literal(180),
  z.literal(270),
]);
/** Degrees clockwise a player turns the stored picture to show it upright. */
export type Rotation = z.infer<typeof rotationSchema>;

export const videoStreamSchema = z.object({
  /** Absolute stream index in the file. */
  index: z.number().int().nonnegative(),
  /** Position among the file's video streams (cover art included), for `-map 0:v:N`. */
  typeIndex: z.number().int().nonnegative(),
  codec: z.string(),
  profile: z.string().nullable(),
  /** Size of the decoded picture as stored, before rotation and sample aspect ratio. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Size the codec works in (may include alignment padding, e.g. 1088 for 1080). */
  codedWidth: z.number().int().nonnegative(),
  codedHeight: z.number().int().nonnegative(),
  sampleAspectRatio: rationalSchema,
  rotation: rotationSchema,
  /** Size a player shows: sample aspect ratio applied, then rotation. */
  displayWidth: z.number().int().positive(),
  displayHeight: z.number().int().positive(),
  pixelFormat: z.string().nullable(),
  colorRange: z.string().nullable(),
  colorSpace: z.string().nullable(),
  colorTransfer: z.string().nullable(),
  colorPrimaries: z.string().nullable(),
  hdr: hdrKindSchema.nullable(),
  avgFrameRate: rationalSchema.nullable(),
  /** ffprobe's r_frame_rate: the base rate all timestamps fit (often the peak rate for VFR). */
  realFrameRate: rationalSchema.nullable(),
  vfr: z.boolean(),
  durationSeconds: z.number().nonnegative().nullable(),
  frameCount: z.number().int().nonnegative().nullable(),
});
export type VideoStream = z.infer<typeof videoStreamSchema>;

export const audioStreamSchema = z.object({
  index: z.number().int().nonnegative(),
  /** Position among the file's audio streams, for `-map 0:a:N`. */
  typeIndex: z.number().int().nonnegative(),
  codec: z.string(),
  channels: z.number().int().nonnegative(),
  channelLayout: z.string().nullable(),
  sampleRate: z.number().int().nonnegative(),
  language: z.string().nullable(),
  /** The container's default disposition flag, as written by the recording app. */
  isDefault: z.boolean(),
  durationSeconds: z.number().nonnegative().nullable(),
});
export type AudioStream = z.infer<typeof audioStreamSchema>;

export const ignoredStreamReasonSchema = z.enum([
  'attached_pic',
  'timed_thumbnails',
  'still_image',
  'secondary_video',
  'unusable_audio',
  'subtitle',
  'data',
  'other',
]);

export const ignoredStreamSchema = z.object({
  index: z.number().int().nonnegative(),
  codecType: z.string(),
  codec: z.string().nullable(),
  reason: ignoredStreamReasonSchema,
});
export type IgnoredStream = z.infer<typeof ignoredStreamSchema>;

export const durationSourceSchema = z.enum(['format', 'stream', 'tag', 'measured']);
export type DurationSource = z.infer<typeof durationSourceSchema>;

export const probeResultSchema = z.object({
  /** ffprobe's demuxer name list, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`. */
  formatName: z.string(),
  durationSeconds: z.number().nonnegative().nullable(),
  durationSource: durationSourceSchema.nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  bitRate: z.number().int().nonnegative().nullable(),
  /** The main picture; cover art and thumbnail tracks are never chosen. */
  video: videoStreamSchema.nullable(),
  /** Usable audio streams in file order. */
  audio: z.array(audioStreamSchema),
  /** `typeIndex` of the audio stream renditions use: the default-flagged one, else the first. */
  selectedAudioTypeIndex: z.number().int().nonnegative().nullable(),
  ignoredStreams: z.array(ignoredStreamSchema),
  /**
   * Location and device tags found, keyed `format:<tag>` or `stream<index>:<tag>`. Kept so
   * staff can be told the original carried them; renditions never do.
   */
  privacyTags: z.record(z.string(), z.string()),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;

/** The audio stream renditions use, or null when there is none. */
export function selectedAudio(probe: ProbeResult): AudioStream | null {
  if (probe.selectedAudioTypeIndex === null) return null;
  return probe.audio.find((a) => a.typeIndex === probe.selectedAudioTypeIndex) ?? null;
}

export const rationalValue = (r: Rational): number => r.num / r.den;
