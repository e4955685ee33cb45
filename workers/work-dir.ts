import { mkdir, rm } from 'node:fs/promises';
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
