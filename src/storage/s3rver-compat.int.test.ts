import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { MiB, startStorageFixture, type StorageFixture } from './testing';

/** The operations s3rver 3.7.1 lacks, checked with the real AWS SDK commands over HTTP. */

let s3: StorageFixture;
beforeAll(async () => {
  s3 = await startStorageFixture();
});
afterAll(() => s3.close());
afterEach(async () => {
  await s3.store.deletePrefix('');
});

const md5 = (b: Buffer | string) => `"${createHash('md5').update(b).digest('hex')}"`;

async function rejection(
  p: Promise<unknown>,
): Promise<{ name?: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as { name?: string };
  }
  throw new Error('expected a rejection');
}

async function createUpload(Key: string): Promise<string> {
  const { UploadId } = await s3.client.send(
    new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key }),
  );
  if (!UploadId) throw new Error('no upload id');
  return UploadId;
}

const uploadsOnDisk = () =>
  readdir(path.join(s3.directory, s3.bucket, '._S3rver_uploads')).catch(() => []);

describe('ListParts', () => {
  it('lists two manually uploaded parts, pages them, and the upload still completes', async () => {
    const Key = 'originals/parts/1';
    const UploadId = await createUpload(Key);
    const one = randomBytes(5 * MiB);
    const two = Buffer.from('the last, short part');
    const sent = [];
    for (const [PartNumber, Body] of [
      [1, one],
      [2, two],
    ] as const) {
      const out = await s3.client.send(
        new UploadPartCommand({ Bucket: s3.bucket, Key, UploadId, PartNumber, Body }),
      );
      sent.push({ PartNumber, ETag: out.ETag });
    }

    const all = await s3.client.send(new ListPartsCommand({ Bucket: s3.bucket, Key, UploadId }));
    expect(all).toMatchObject({
      Bucket: s3.bucket,
      Key,
      UploadId,
      IsTruncated: false,
      MaxParts: 1000,
    });
    expect(all.Parts).toEqual([
      { PartNumber: 1, ETag: md5(one), Size: one.length, LastModified: expect.any(Date) },
      { PartNumber: 2, ETag: md5(two), Size: two.length, LastModified: expect.any(Date) },
    ]);
    expect(all.Parts?.map((p) => p.ETag)).toEqual(sent.map((p) => p.ETag));

    const first = await s3.client.send(
      new ListPartsCommand({ Bucket: s3.bucket, Key, UploadId, MaxParts: 1 }),
    );
    expect(first).toMatchObject({ IsTruncated: true, NextPartNumberMarker: '1' });
    expect(first.Parts?.map((p) => p.PartNumber)).toEqual([1]);
    const rest = await s3.client.send(
      new ListPartsCommand({
        Bucket: s3.bucket,
        Key,
        UploadId,
        PartNumberMarker: first.NextPartNumberMarker,
      }),
    );
    expect(rest.IsTruncated).toBe(false);
    expect(rest.Parts?.map((p) => p.PartNumber)).toEqual([2]);

    await s3.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: s3.bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: sent },
      }),
    );
    const got = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    expect(bytes.equals(Buffer.concat([one, two]))).toBe(true);
  });

  it('answers NoSuchUpload for an unknown id, a hostile id or the wrong key', async () => {
    const UploadId = await createUpload('originals/a/1');
    for (const [Key, id] of [
      ['originals/a/1', 'ffffffffffffffffffffffffffffffff'],
      ['originals/a/1', '../../etc'],
      ['originals/b/1', UploadId],
    ]) {
      const err = await rejection(
        s3.client.send(new ListPartsCommand({ Bucket: s3.bucket, Key, UploadId: id })),
      );
      expect(err.name).toBe('NoSuchUpload');
      expect(err.$metadata?.httpStatusCode).toBe(404);
    }
    const empty = await s3.client.send(
      new ListPartsCommand({ Bucket: s3.bucket, Key: 'originals/a/1', UploadId }),
    );
    expect(empty.Parts ?? []).toEqual([]);
  });
});

describe('AbortMultipartUpload', () => {
  it('answers 204, removes the parts, then NoSuchUpload; late parts are refused', async () => {
    const Key = 'originals/abort/1';
    const UploadId = await createUpload(Key);
    await s3.client.send(
      new UploadPartCommand({ Bucket: s3.bucket, Key, UploadId, PartNumber: 1, Body: 'x' }),
    );
    expect(await uploadsOnDisk()).toEqual([UploadId]);

    const out = await s3.client.send(
      new AbortMultipartUploadCommand({ Bucket: s3.bucket, Key, UploadId }),
    );
    expect(out.$metadata.httpStatusCode).toBe(204);
    expect(await uploadsOnDisk()).toEqual([]);

    const again = await rejection(
      s3.client.send(new AbortMultipartUploadCommand({ Bucket: s3.bucket, Key, UploadId })),
    );
    expect(again).toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
    const late = await rejection(
      s3.client.send(
        new UploadPartCommand({ Bucket: s3.bucket, Key, UploadId, PartNumber: 2, Body: 'y' }),
      ),
    );
    expect(late.name).toBe('NoSuchUpload');
    const complete = await rejection(
      s3.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: s3.bucket,
          Key,
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: md5('x') }] },
        }),
      ),
    );
    expect(complete.name).toBe('NoSuchUpload');
    // s3rver would have made a stray folder for the late part.
    expect(await uploadsOnDisk()).toEqual([]);
    expect(await s3.store.list('')).toEqual([]);
  });
});

describe('ListMultipartUploads', () => {
  it('lists uploads with key, id and initiation time, honours prefix, and pages', async () => {
    const a = await createUpload('originals/x/1');
    const b = await createUpload('originals/x/2');
    const c = await createUpload('media/x/1/720p.mp4');

    const all = await s3.client.send(new ListMultipartUploadsCommand({ Bucket: s3.bucket }));
    expect(all.IsTruncated).toBe(false);
    expect(all.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([
      ['media/x/1/720p.mp4', c],
      ['originals/x/1', a],
      ['originals/x/2', b],
    ]);
    for (const u of all.Uploads ?? []) expect(u.Initiated).toBeInstanceOf(Date);

    const originals = await s3.client.send(
      new ListMultipartUploadsCommand({ Bucket: s3.bucket, Prefix: 'originals/' }),
    );
    expect(originals.Uploads?.map((u) => u.Key)).toEqual(['originals/x/1', 'originals/x/2']);
    expect(originals.Prefix).toBe('originals/');

    const page1 = await s3.client.send(
      new ListMultipartUploadsCommand({ Bucket: s3.bucket, MaxUploads: 2 }),
    );
    expect(page1).toMatchObject({
      IsTruncated: true,
      NextKeyMarker: 'originals/x/1',
      NextUploadIdMarker: a,
    });
    const page2 = await s3.client.send(
      new ListMultipartUploadsCommand({
        Bucket: s3.bucket,
        KeyMarker: page1.NextKeyMarker,
        UploadIdMarker: page1.NextUploadIdMarker,
      }),
    );
    expect(page2.Uploads?.map((u) => u.UploadId)).toEqual([b]);

    const grouped = await s3.client.send(
      new ListMultipartUploadsCommand({ Bucket: s3.bucket, Delimiter: '/' }),
    );
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['media/', 'originals/']);
    expect(grouped.Uploads ?? []).toEqual([]);

    const missing = await rejection(
      s3.client.send(new ListMultipartUploadsCommand({ Bucket: 'no-such-bucket' })),
    );
    expect(missing.name).toBe('NoSuchBucket');
  });
});

describe('ListObjectsV2', () => {
  it('pages with continuation tokens and groups by delimiter', async () => {
    const keys = ['a/1', 'a/2', 'b', 'c/1', 'c/2/x'];
    for (const Key of keys)
      await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: Key }));

    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.client.send(
        new ListObjectsV2Command({ Bucket: s3.bucket, MaxKeys: 2, ContinuationToken: token }),
      );
      expect(page.KeyCount).toBe(page.Contents?.length ?? 0);
      seen.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
      token = page.NextContinuationToken;
      expect(Boolean(token)).toBe(page.IsTruncated);
    } while (token);
    expect(seen).toEqual(keys);

    const grouped = await s3.client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Delimiter: '/' }),
    );
    expect(grouped.Contents?.map((o) => [o.Key, o.Size, o.ETag])).toEqual([['b', 1, md5('b')]]);
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'c/']);

    const under = await s3.client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'c/', StartAfter: 'c/1' }),
    );
    expect(under.Contents?.map((o) => o.Key)).toEqual(['c/2/x']);

    const bad = await rejection(
      s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, ContinuationToken: 'nope' })),
    );
    expect(bad.name).toBe('InvalidArgument');
  });
});

describe('ranged GET over plain HTTP', () => {
  it('serves explicit, open, suffix and first-byte ranges as S3 does', async () => {
    const body = 'abcdefghijklmnopqrstuvwxyz';
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'r/alpha', Body: body }));
    const url = `${s3.endpoint}/${s3.bucket}/r/alpha`;
    const get = async (range: string, method = 'GET') => {
      const res = await fetch(url, { method, headers: { range } });
      return {
        status: res.status,
        range: res.headers.get('content-range'),
        text: await res.text(),
      };
    };
    expect(await get('bytes=2-4')).toEqual({ status: 206, range: 'bytes 2-4/26', text: 'cde' });
    expect(await get('bytes=0-0')).toEqual({ status: 206, range: 'bytes 0-0/26', text: 'a' });
    expect(await get('bytes=23-')).toEqual({ status: 206, range: 'bytes 23-25/26', text: 'xyz' });
    expect(await get('bytes=-2')).toEqual({ status: 206, range: 'bytes 24-25/26', text: 'yz' });
    expect(await get('bytes=20-99')).toEqual({
      status: 206,
      range: 'bytes 20-25/26',
      text: 'uvwxyz',
    });
    expect(await get('bytes=0-1,4-5')).toEqual({ status: 200, range: null, text: body });
    const refused = await get('bytes=26-');
    expect(refused.status).toBe(416);
    expect(refused.range).toBe('bytes */26');
    expect(refused.text).toContain('<Code>InvalidRange</Code>');
    const head = await fetch(url, { method: 'HEAD', headers: { range: 'bytes=0-0' } });
    expect([head.status, head.headers.get('content-length')]).toEqual([206, '1']);
    expect((await get('bytes=0-0')).status).toBe(206);
    expect(
      (await fetch(`${s3.endpoint}/${s3.bucket}/r/none`, { headers: { range: 'bytes=0-0' } }))
        .status,
    ).toBe(404);
  });
});
