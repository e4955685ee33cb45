/**
 * The media stage's public face for workers: probe, assess, render, and the runner's error.
 * The pure builders stay importable from './ffmpeg-args' for tests and tools.
 */
export { probeFile, renderRenditions } from './process-media';
export type {
  ProbeFileOptions,
  ProbeFileResult,
  RenderedFile,
  RenderOptions,
  RenditionName,
} from './process-media';
export {
  assessMedia,
  classifyProbeFailure,
  MEDIA_REFUSALS,
  refusalError,
  refusalMessageKey,
} from './media-rules';
export type { MediaAssessment, MediaKind, MediaRefusal } from './media-rules';
export { probeResultSchema, selectedAudio } from './probe-result';
export type { AudioStream, ProbeResult, VideoStream } from './probe-result';
export { parseProbe } from './parse-probe';
export {
  isMediaToolError,
  MediaToolError,
  runFfmpeg,
  runFfprobe,
  timeoutForDuration,
} from './ffmpeg-runner';
