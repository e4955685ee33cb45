import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startStorageFixture, type StorageFixture } from './testing';

/**
 * S3 answers at most 1000 keys a page, and s3rver's own paging breaks on Node 20 (a DES
 * token), so this proves list and deletePrefix follow continuation tokens, over HTTP, through
 * the compat layer. Setup writes most objects straight into s3rver's folder layout (an object
 * is `<key>._S3rver_object`; s3rver fills in the rest on first read) because 1000 PUTs cost
 * s3rver about ten seconds here; listing and deleting go through the real API.
 */

let s3: StorageFixture;
beforeAll(async () => {
  s3 = await startStorageFixture();
});
afterAll(() => s3.close());

it('lists and deletes past 1000 keys', async () => {
  const prefix = `media/${randomUUID()}/1/`;
  const keys = Array.from(
    { length: 1003 },
    (_, i) => `${prefix}thumb-${String(i).padStart(4, '0')}.jpg`,
  );
  const folder = path.join(s3.directory, s3.bucket, prefix);
  await mkdir(folder, { recursive: true });
  const seeded = keys.slice(0, 1000);
  for (let i = 0; i < seeded.length; i += 100) {
    await Promise.all(
      seeded
        .slice(i, i + 100)
        .map((k) => writeFile(path.join(folder, `${path.basename(k)}._S3rver_object`), 'j')),
    );
  }
  // The last few (and one outside the prefix) through the API, so both kinds are listed.
  const outside = 'media/other/1/poster.jpg';
  for (const Key of [...keys.slice(1000), outside]) {
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: 'j' }));
  }

  const listed = await s3.store.list(prefix);
  expect(listed.map((o) => o.key)).toEqual(keys);
  expect(listed.every((o) => o.bytes === 1)).toBe(true);
  expect(await s3.store.deletePrefix(prefix)).toBe(1003);
  expect(await s3.store.list(prefix)).toEqual([]);
  expect((await s3.store.list('')).map((o) => o.key)).toEqual([outside]);
});
