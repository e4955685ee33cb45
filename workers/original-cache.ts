import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * A probed original kept on this worker for the transcode step, so the file is fetched from
 * S3 once, not twice, when the same worker runs both steps (the usual case: the transcode is
 * queued the moment the probe finishes). The probe moves its copy here and the transcode moves
 * it into its own work directory, so a file is never shared and is removed with that
 * directory. The transcode falls back to S3 when this worker has no copy. Entries live in the
 * work root beside the job directories, so the start-up sweep of stale directories removes
 * any left behind by a killed worker, and each probe removes entries older than
 * KEPT_ORIGINAL_MAX_AGE_MS (a transcode that ran on another worker never takes its entry).
 *
 * An original is never changed once stored (a replacement is a new media version, with its
 * own key), so submission and version name the bytes exactly.
 */

export const KEPT_ORIGINAL_MAX_AGE_MS = 30 * 60 * 1000;
const PREFIX = 'original-';
const FILE = 'original';

function entryDir(root: string, submissionId: string, mediaVersion: number): string {
  const safeId = submissionId.replace(/[^a-zA-Z0-9-]/g, '_');
  return path.join(root, `${PREFIX}${safeId}-v${mediaVersion}`);
}

/** Moves `file` (inside `root`, so a rename, not a copy) to be taken by the transcode step. */
export async function keepOriginal(
  root: string,
  submissionId: string,
  mediaVersion: number,
  file: string,
): Promise<void> {
  const dir = entryDir(root, submissionId, mediaVersion);
  await mkdir(dir, { recursive: true });
  await rename(file, path.join(dir, FILE));
}

/**
 * Moves the kept original to `dest` and removes its entry. False when this worker keeps none
 * (the probe ran elsewhere, or this is a retry after the first try took it).
 */
export async function takeOriginal(
  root: string,
  submissionId: string,
  mediaVersion: number,
  dest: string,
): Promise<boolean> {
  const dir = entryDir(root, submissionId, mediaVersion);
  try {
    await rename(path.join(dir, FILE), dest);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Removes a kept original that will not be used (a skipped transcode). */
export async function discardOriginal(
  root: string,
  submissionId: string,
  mediaVersion: number,
): Promise<void> {
  await rm(entryDir(root, submissionId, mediaVersion), { recursive: true, force: true });
}

/** Removes kept originals older than `olderThanMs`: their transcode ran on another worker. */
export async function removeStaleOriginals(root: string, olderThanMs: number): Promise<number> {
  let removed = 0;
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isDirectory() || !e.name.startsWith(PREFIX)) continue;
    const dir = path.join(root, e.name);
    const since = await stat(dir).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0, // taken meanwhile
    );
    if (since < olderThanMs) continue;
    await rm(dir, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
