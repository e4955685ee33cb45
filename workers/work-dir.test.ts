import { mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { removeStaleWorkDirs, withWorkDir } from './work-dir';

describe('job work directories', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'lev-work-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('removes the directory after the job, also when it fails', async () => {
    await withWorkDir(root, 'ok', async (dir) => {
      expect(dir.startsWith(root)).toBe(true);
    });
    await expect(
      withWorkDir(root, 'bad/../name', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await readdir(root)).toEqual([]);
  });

  it('sweeps only directories older than the limit', async () => {
    const old = path.join(root, 'transcode-old');
    const fresh = path.join(root, 'transcode-fresh');
    await mkdir(old);
    await mkdir(fresh);
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
    await utimes(old, dayAgo, dayAgo);
    expect(await removeStaleWorkDirs(root, 6 * 3600 * 1000)).toBe(1);
    expect(await readdir(root)).toEqual(['transcode-fresh']);
  });
});
