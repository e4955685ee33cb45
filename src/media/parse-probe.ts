import {
  durationTag,
  parseRational,
  positive,
  rawProbeSchema,
  tagValue,
  toNumber,
  type RawProbe,
  type RawStream,
} from './ffprobe-json';
import type {
  AudioStream,
  DurationSource,
  HdrKind,
  IgnoredStream,
  ProbeResult,
  Rational,
  Rotation,
  VideoStream,
} from './probe-result';

/** Pure: ffprobe's JSON to a ProbeResult (see ffprobe-json.ts for the raw shape). */

/** Demuxers that read single pictures: an image renamed `.mp4` is not a video. */
const IMAGE_FORMAT = /(^|,)(image2|[a-z0-9]+_pipe|gif|apng|webp)(,|$)/;
export const isImageFormat = (formatName: string): boolean => IMAGE_FORMAT.test(formatName);

const STILL_CODECS = new Set(['mjpeg', 'png', 'bmp', 'gif', 'webp', 'tiff', 'jpeg2000', 'heif']);

/**
 * Tags that can say where, when or on what (or by whom) a clip was made. Renditions drop all
 * metadata anyway; this list is what staff are told the original carried.
 */
const PRIVACY_TAG =
  /(^|[._:-])(location|iso6709|gps|xyz|make|model|manufacturer|creation_?time|creationdate|date|software|author|artist|copyright|title|comment|description|keywords)($|[._:-])|^com\.(apple|android|samsung|huawei|xiaomi)\./i;

export function normaliseRotation(degrees: number): Rotation {
  const quarter = (((Math.round(degrees / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
  return ([0, 90, 180, 270] as const)[quarter];
}

/**
 * ffprobe reports the display matrix angle counter-clockwise; ffmpeg's autorotate (and every
 * player) turns the picture by its negation. The legacy `rotate` tag is already clockwise.
 */
export function rotationOf(stream: RawStream): Rotation {
  const matrix = stream.side_data_list?.find(
    (s) => s.side_data_type === 'Display Matrix' && typeof s.rotation === 'number',
  );
  if (matrix?.rotation !== undefined) return normaliseRotation(-matrix.rotation);
  const legacy = toNumber(tagValue(stream.tags, 'rotate'));
  return legacy === null ? 0 : normaliseRotation(legacy);
}

export function hdrKindOf(stream: RawStream): HdrKind | null {
  if (stream.color_transfer === 'smpte2084') return 'pq';
  if (stream.color_transfer === 'arib-std-b67') return 'hlg';
  if (stream.color_primaries === 'bt2020' || /^bt2020c?nc?$/.test(stream.color_space ?? '')) {
    return 'bt2020';
  }
  return null;
}

/** Rates this far apart mean frames do not arrive at one steady rate (phones do this in low light). */
const VFR_TOLERANCE = 0.02;

function isVariableRate(real: Rational | null, avg: Rational | null): boolean {
  if (!real || !avg) return false;
  const r = real.num / real.den;
  const a = avg.num / avg.den;
  return Math.abs(r - a) / r > VFR_TOLERANCE;
}

function streamDuration(s: RawStream): number | null {
  return positive(toNumber(s.duration)) ?? durationTag(s.tags);
}

function ignoreReason(s: RawStream): IgnoredStream['reason'] | null {
  const d = s.disposition ?? {};
  if (s.codec_type === 'video') {
    if (d.attached_pic) return 'attached_pic';
    if (d.timed_thumbnails) return 'timed_thumbnails';
    const frames = toNumber(s.nb_frames);
    if (d.still_image || (STILL_CODECS.has(s.codec_name ?? '') && frames !== null && frames <= 1)) {
      return 'still_image';
    }
    if (!s.width || !s.height || !s.codec_name) return 'other';
    return null;
  }
  if (s.codec_type === 'audio') {
    const usable = s.codec_name && (s.channels ?? 0) > 0 && (toNumber(s.sample_rate) ?? 0) > 0;
    return usable ? null : 'unusable_audio';
  }
  if (s.codec_type === 'subtitle') return 'subtitle';
  if (s.codec_type === 'data') return 'data';
  return 'other';
}

function toVideo(s: RawStream, typeIndex: number): VideoStream {
  const width = s.width ?? 0;
  const height = s.height ?? 0;
  const sar = parseRational(s.sample_aspect_ratio) ?? { num: 1, den: 1 };
  const rotation = rotationOf(s);
  // Players stretch the width by the sample aspect ratio, then rotate.
  const shownWidth = Math.max(1, Math.round((width * sar.num) / sar.den));
  const sideways = rotation === 90 || rotation === 270;
  const realFrameRate = parseRational(s.r_frame_rate);
  const avgFrameRate = parseRational(s.avg_frame_rate);
  const frames = toNumber(s.nb_frames);
  return {
    index: s.index,
    typeIndex,
    codec: s.codec_name ?? 'unknown',
    profile: s.profile ?? null,
    width,
    height,
    codedWidth: s.coded_width ?? width,
    codedHeight: s.coded_height ?? height,
    sampleAspectRatio: sar,
    rotation,
    displayWidth: sideways ? height : shownWidth,
    displayHeight: sideways ? shownWidth : height,
    pixelFormat: s.pix_fmt ?? null,
    colorRange: known(s.color_range),
    colorSpace: known(s.color_space),
    colorTransfer: known(s.color_transfer),
    colorPrimaries: known(s.color_primaries),
    hdr: hdrKindOf(s),
    avgFrameRate,
    realFrameRate,
    vfr: isVariableRate(realFrameRate, avgFrameRate),
    durationSeconds: streamDuration(s),
    frameCount: frames === null ? null : Math.max(0, Math.round(frames)),
  };
}

const known = (v: string | undefined): string | null => (v && v !== 'unknown' ? v : null);

function toAudio(s: RawStream, typeIndex: number): AudioStream {
  const language = tagValue(s.tags, 'language');
  return {
    index: s.index,
    typeIndex,
    codec: s.codec_name ?? 'unknown',
    channels: s.channels ?? 0,
    channelLayout: s.channel_layout ?? null,
    sampleRate: Math.round(toNumber(s.sample_rate) ?? 0),
    language: language && language !== 'und' ? language : null,
    isDefault: (s.disposition?.default ?? 0) === 1,
    durationSeconds: streamDuration(s),
  };
}

function collectPrivacyTags(raw: RawProbe): Record<string, string> {
  const found: Record<string, string> = {};
  const scan = (scope: string, tags: Record<string, string> | undefined) => {
    for (const [key, value] of Object.entries(tags ?? {})) {
      if (PRIVACY_TAG.test(key)) found[`${scope}:${key}`] = value;
    }
  };
  scan('format', raw.format.tags);
  for (const s of raw.streams) scan(`stream${s.index}`, s.tags);
  return found;
}

/** Parses ffprobe JSON; throws a ZodError when it is not ffprobe output at all. */
export function parseProbe(json: unknown): ProbeResult {
  const raw = rawProbeSchema.parse(json);
  const imageFormat = isImageFormat(raw.format.format_name);
  const ignoredStreams: IgnoredStream[] = [];
  const videos: VideoStream[] = [];
  const audio: AudioStream[] = [];
  let videoOrdinal = 0;
  let audioOrdinal = 0;
  for (const s of raw.streams) {
    const typeIndex =
      s.codec_type === 'video' ? videoOrdinal++ : s.codec_type === 'audio' ? audioOrdinal++ : -1;
    const reason = imageFormat && s.codec_type === 'video' ? 'still_image' : ignoreReason(s);
    if (reason) {
      ignoredStreams.push({
        index: s.index,
        codecType: s.codec_type ?? 'unknown',
        codec: s.codec_name ?? null,
        reason,
      });
    } else if (s.codec_type === 'video') videos.push(toVideo(s, typeIndex));
    else audio.push(toAudio(s, typeIndex));
  }
  // A phone writes one picture track; if a file has several, prefer the one flagged default.
  const video = videos.find((v) => isDefaultStream(raw, v.index)) ?? videos[0] ?? null;
  for (const v of videos) {
    if (v !== video) {
      ignoredStreams.push({
        index: v.index,
        codecType: 'video',
        codec: v.codec,
        reason: 'secondary_video',
      });
    }
  }
  const { durationSeconds, durationSource } = containerDuration(raw, video, audio);
  return {
    formatName: raw.format.format_name,
    durationSeconds,
    durationSource,
    sizeBytes: wholeNumber(raw.format.size),
    bitRate: wholeNumber(raw.format.bit_rate),
    video,
    audio,
    selectedAudioTypeIndex: (audio.find((a) => a.isDefault) ?? audio[0])?.typeIndex ?? null,
    ignoredStreams: ignoredStreams.sort((a, b) => a.index - b.index),
    privacyTags: collectPrivacyTags(raw),
  };
}

function isDefaultStream(raw: RawProbe, index: number): boolean {
  return raw.streams.find((s) => s.index === index)?.disposition?.default === 1;
}

function wholeNumber(v: number | string | undefined): number | null {
  const n = toNumber(v);
  return n === null || n < 0 ? null : Math.round(n);
}

/**
 * Browser recordings (MediaRecorder WebM) carry no duration in the header: fall back to the
 * streams, then to Matroska DURATION tags. If all are missing the caller measures by demuxing.
 */
function containerDuration(
  raw: RawProbe,
  video: VideoStream | null,
  audio: AudioStream[],
): { durationSeconds: number | null; durationSource: DurationSource | null } {
  const fromFormat = positive(toNumber(raw.format.duration));
  if (fromFormat !== null) return { durationSeconds: fromFormat, durationSource: 'format' };
  const used = raw.streams.filter(
    (s) => s.index === video?.index || audio.some((a) => a.index === s.index),
  );
  const fromStreams = maxOf(used.map((s) => positive(toNumber(s.duration))));
  if (fromStreams !== null) return { durationSeconds: fromStreams, durationSource: 'stream' };
  const fromTags = maxOf([durationTag(raw.format.tags), ...used.map((s) => durationTag(s.tags))]);
  if (fromTags !== null) return { durationSeconds: fromTags, durationSource: 'tag' };
  return { durationSeconds: null, durationSource: null };
}

function maxOf(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? Math.max(...present) : null;
}

/** The probe with a duration measured by reading the whole file (see probeFile). */
export function withMeasuredDuration(probe: ProbeResult, seconds: number): ProbeResult {
  return { ...probe, durationSeconds: seconds, durationSource: 'measured' };
}
export { parseDurationTag, parseRational } from './ffprobe-json';
