import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  discardOriginal,
  keepOriginal,
  removeStaleOriginals,
  takeOriginal,
} from './original-cache';
import { removeStaleWorkDirs } from './work-dir';

describe('originals kept between the probe and transcode steps', () => {
  let root: string;
  const id = '3f2a1c9e-0000-4000-8000-000000000001';
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'lev-originals-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function probed(content: string): Promise<string> {
    const dir = path.join(root, 'probe-job');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'original');
    await writeFile(file, content);
    return file;
  }

  it('hands the same bytes to the transcode once, leaving nothing behind', async () => {
    await keepOriginal(root, id, 2, await probed('the bytes'));
    const dest = path.join(root, 'transcode-original');
    expect(await takeOriginal(root, id, 2, dest)).toBe(true);
    expect(await readFile(dest, 'utf8')).toBe('the bytes');
    expect(await takeOriginal(root, id, 2, path.join(root, 'again'))).toBe(false);
    expect((await readdir(root)).sort()).toEqual(['probe-job', 'transcode-original']);
  });

  it('has nothing for another media version or another submission', async () => {
    await keepOriginal(root, id, 1, await probed('v1'));
    expect(await takeOriginal(root, id, 2, path.join(root, 'x'))).toBe(false);
    const other = '3f2a1c9e-0000-4000-8000-000000000002';
    expect(await takeOriginal(root, other, 1, path.join(root, 'x'))).toBe(false);
    expect(await takeOriginal(root, id, 1, path.join(root, 'x'))).toBe(true);
  });

  it('a probe retry replaces the kept copy', async () => {
    await keepOriginal(root, id, 1, await probed('first try'));
    await keepOriginal(root, id, 1, await probed('second try'));
    const dest = path.join(root, 'dest');
    expect(await takeOriginal(root, id, 1, dest)).toBe(true);
    expect(await readFile(dest, 'utf8')).toBe('second try');
  });

  it('discards an entry a skipped transcode will not take', async () => {
    await keepOriginal(root, id, 1, await probed('unused'));
    await discardOriginal(root, id, 1);
    expect(await readdir(root)).toEqual(['probe-job']);
  });

  it('sweeps only old entries, and the stale work directory sweep removes them too', async () => {
    await keepOriginal(root, id, 1, await probed('old'));
    await keepOriginal(root, id, 2, await probed('fresh'));
    const old = path.join(root, `original-${id}-v1`);
    const hourAgo = new Date(Date.now() - 3600 * 1000);
    await utimes(old, hourAgo, hourAgo);
    expect(await removeStaleOriginals(root, 30 * 60 * 1000)).toBe(1);
    expect((await readdir(root)).sort()).toEqual([`original-${id}-v2`, 'probe-job']);
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
    await utimes(path.join(root, `original-${id}-v2`), dayAgo, dayAgo);
    await utimes(path.join(root, 'probe-job'), new Date(), new Date());
    expect(await removeStaleWorkDirs(root, 6 * 3600 * 1000)).toBe(1);
    expect(await readdir(root)).toEqual(['probe-job']);
  });
});
