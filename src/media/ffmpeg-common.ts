/** Pure pieces every ffmpeg argument builder shares. */

/**
 * Demuxers an upload may be read with. Anything else (HLS or concat playlists that would make
 * ffmpeg open other files or URLs, image sequences, ...) is refused before it is parsed.
 */
export const INPUT_FORMAT_WHITELIST =
  'mov,matroska,avi,mpegts,mpeg,ogg,wav,mp3,aac,flac,caf,amr,asf,flv';

/** `file:` stops ffmpeg reading a path such as `concat:a|b` or `http:x` as a protocol. */
export const fileUrl = (path: string): string => `file:${path}`;

export type LogLevel = 'error' | 'warning' | 'info';

export interface CommonOptions {
  /** Upper bound on ffmpeg threads from the worker config; 0 lets ffmpeg choose. */
  threads: number;
}

/** Global options: log level, and the filter thread cap (filters use all cores otherwise). */
export function globalArgs(logLevel: LogLevel, threads: number): string[] {
  const cap = threads > 0 ? ['-filter_threads', String(threads)] : [];
  const complexCap = threads > 0 ? ['-filter_complex_threads', String(threads)] : [];
  return ['-loglevel', logLevel, ...cap, ...complexCap];
}

export interface InputOptions {
  threads: number;
  /** Read only this many seconds of the input. */
  durationLimitSeconds?: number;
}

/**
 * Input options for an upload. Rotation is left to ffmpeg's autorotate (made explicit here):
 * in ffmpeg 5.1 it is the only way to rotate the pixels AND drop the display matrix; with
 * `-noautorotate` plus our own transpose, the matrix is copied to the output and players turn
 * the picture a second time (`-metadata:s:v rotate=0` no longer clears it).
 */
export function inputArgs(input: string, options: InputOptions): string[] {
  return [
    '-format_whitelist',
    INPUT_FORMAT_WHITELIST,
    '-protocol_whitelist',
    'file',
    ...(options.threads > 0 ? ['-threads', String(options.threads)] : []),
    '-autorotate',
    '1',
    ...(options.durationLimitSeconds !== undefined
      ? ['-t', seconds(options.durationLimitSeconds)]
      : []),
    '-i',
    fileUrl(input),
  ];
}

/**
 * Nothing from the original's metadata reaches a rendition: no location, device, creation
 * time or chapter names. Bitexact stops the muxer and encoders writing their own version
 * strings and times.
 */
export const PRIVACY_OUTPUT_ARGS: readonly string[] = [
  '-map_metadata',
  '-1',
  '-map_metadata:s:v',
  '-1',
  '-map_metadata:s:a',
  '-1',
  '-map_chapters',
  '-1',
  '-fflags',
  '+bitexact',
];

export const encoderThreadArgs = (threads: number): string[] =>
  threads > 0 ? ['-threads', String(threads)] : [];

/** Seconds with millisecond precision, as ffmpeg time options accept. */
export const seconds = (s: number): string => (Math.round(s * 1000) / 1000).toFixed(3);

/**
 * A path placed inside a filter graph (font, card text). Rather than escape for the graph's
 * two parsing levels, only plain characters are allowed: our own names, never user text.
 */
export function filterSafePath(path: string): string {
  if (!/^[\w./-]+$/.test(path)) throw new Error(`path not safe inside a filter graph: ${path}`);
  return path;
}

/** One JPEG picture, no metadata, no encoder comment. */
export function jpegOutputArgs(quality = 3): string[] {
  return [
    '-frames:v',
    '1',
    '-update',
    '1',
    '-c:v',
    'mjpeg',
    '-q:v',
    String(quality),
    '-flags:v',
    '+bitexact',
    '-an',
    '-sn',
    '-dn',
    ...PRIVACY_OUTPUT_ARGS,
    '-f',
    'image2',
  ];
}
