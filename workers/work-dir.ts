import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/** Runs `fn` with a fresh per-job directory that is always removed afterwards. */
export async function withWorkDir<T>(root: string, label: string, fn: (dir: string) => Promise<T>) {
  const dir = path.join(root, `${label.replace(/[^a-zA-Z0-9-]/g, '_')}-${randomUUID()}`);
  await mkdir(dir, { recursive: true });
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Removes job directories left by a worker that was killed (SIGKILL skips `finally`). Only
 * directories older than `olderThanMs` go, so a live job of another worker on this host is safe.
 */
export async function removeStaleWorkDirs(root: string, olderThanMs: number): Promise<number> {
  let removed = 0;
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const dir = path.join(root, e.name);
    const { mtimeMs } = await stat(dir);
    if (Date.now() - mtimeMs < olderThanMs) continue;
    await rm(dir, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
