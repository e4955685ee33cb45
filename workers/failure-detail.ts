/**
 * What staff see as a failed submission's detail: the error's message and, for ffmpeg or
 * ffprobe, the last lines of its stderr, where the cause is ("No space left on device"); a
 * bare "ffmpeg exited with code 1" tells nobody what to fix. The runner has already removed
 * metadata lines (location, device) from that tail. Bounded, keeping the end.
 */
export function failureDetail(
  err: { message: string; stderrTail?: unknown },
  opts: { maxChars?: number; tailLines?: number } = {},
): string {
  const tail =
    typeof err.stderrTail === 'string'
      ? err.stderrTail
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .slice(-(opts.tailLines ?? 4))
          .join('\n')
      : '';
  const text = tail ? `${err.message}\n${tail}` : err.message;
  return text.slice(-(opts.maxChars ?? 2000));
}
