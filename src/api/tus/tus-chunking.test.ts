import { TUS_PART_BYTES } from './tus-store';

// The page's chunk rule lives in its script (no bundler for our own files); Node loads it too.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const page = require('../../web/static/js/upload.js') as {
  TUS_PART_BYTES: number;
  tusChunkBytes(fileSize: number): number;
};

const MiB = 1024 * 1024;

describe('the upload page chunk rule', () => {
  it('uses the server part size', () => {
    expect(page.TUS_PART_BYTES).toBe(TUS_PART_BYTES);
  });

  it.each([
    [1000, 5 * MiB],
    [12 * MiB, 5 * MiB],
    [100 * 1000 * 1000, 10 * MiB],
    [500 * 1000 * 1000, 50 * MiB],
    [2 * 1000 * 1000 * 1000, 50 * MiB],
  ])('sends a %i-byte file in whole parts of %i bytes', (size, chunk) => {
    expect(page.tusChunkBytes(size)).toBe(chunk);
    expect(chunk % TUS_PART_BYTES).toBe(0);
  });

  it('stays under a 100 MB proxy request limit for any size', () => {
    expect(page.tusChunkBytes(Number.MAX_SAFE_INTEGER)).toBeLessThan(100 * 1000 * 1000);
  });
});
