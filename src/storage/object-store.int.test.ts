import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CreateMultipartUploadCommand,
  HeadBucketCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { AppError } from '../domain/errors';
import { mediaKey, originalKey, submissionPrefixes } from './keys';
import { ObjectStore } from './object-store';
import { createS3Client } from './s3-client';
import { MiB, startStorageFixture, type StorageFixture } from './testing';

let s3: StorageFixture;
let store: ObjectStore;

beforeAll(async () => {
  s3 = await startStorageFixture();
  store = s3.store;
});
afterAll(() => s3.close());

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `total` random bytes, generated as they are read, and their SHA-256 once read. */
function randomBody(total: number): { body: Readable; digest: () => string } {
  const hash = createHash('sha256');
  async function* generate() {
    for (let left = total; left > 0;) {
      const chunk = randomBytes(Math.min(left, 256 * 1024));
      hash.update(chunk);
      left -= chunk.length;
      yield chunk;
    }
  }
  return { body: Readable.from(generate()), digest: () => hash.digest('hex') };
}

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition never held');
}

/** Endless random data that calls `atMidpoint` once a multipart upload for `key` exists. */
async function* endlessBody(key: string, atMidpoint: () => void | never) {
  let sent = 0;
  for (;;) {
    yield randomBytes(256 * 1024);
    sent += 256 * 1024;
    if (sent === 11 * MiB) {
      await waitUntil(async () => (await store.listMultipartUploads(key)).length > 0);
      atMidpoint();
    }
  }
}

async function expectNothingLeft(key: string): Promise<void> {
  expect(await store.head(key)).toBeNull();
  expect(await store.list('')).toEqual([]);
  expect(await store.listMultipartUploads()).toEqual([]);
  // And on s3rver's disk: no stray folder of parts either.
  const uploads = path.join(s3.directory, s3.bucket, '._S3rver_uploads');
  expect(await readdir(uploads).catch(() => [])).toEqual([]);
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

const ID = randomUUID();

describe('ObjectStore against s3rver over HTTP', () => {
  afterEach(async () => {
    await store.deletePrefix('');
  });

  it('ensureBucket is idempotent and creates a missing bucket', async () => {
    await store.ensureBucket();
    await store.ensureBucket();
    const other = new ObjectStore(s3.client, 'second-bucket', {
      partSizeBytes: 5 * MiB,
      signedUrlSeconds: 60,
    });
    await other.ensureBucket();
    await other.ensureBucket();
    const head = await s3.client.send(new HeadBucketCommand({ Bucket: 'second-bucket' }));
    expect(head.$metadata.httpStatusCode).toBe(200);
    await store.ping();
  });

  it('streams 30 MB through a multipart upload without corrupting a byte', async () => {
    const key = originalKey(ID, 1);
    const { body, digest } = randomBody(30 * MiB);
    const { bytes } = await store.putStream(key, body, { contentType: 'video/mp4' });
    expect(bytes).toBe(30 * MiB);
    expect(await store.head(key)).toEqual({
      bytes: 30 * MiB,
      contentType: 'video/mp4',
      etag: expect.any(String),
    });
    const got = await store.getStream(key);
    expect(got.contentLength).toBe(30 * MiB);
    expect(got.totalBytes).toBe(30 * MiB);
    expect(got.contentType).toBe('video/mp4');
    expect(await sha256Of(got.body)).toBe(digest());
    expect(await store.listMultipartUploads()).toEqual([]);
  });

  it('a raw streamed PutObject with the client from createS3Client is not aws-chunked', async () => {
    // lib-storage sends parts as buffers; a stream body (as @tus/s3-store sends) is what the
    // SDK would frame as aws-chunked without the WHEN_REQUIRED settings.
    const key = originalKey(ID, 9);
    const { body, digest } = randomBody(3 * MiB);
    await s3.client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body, ContentLength: 3 * MiB }),
    );
    expect((await store.head(key))?.bytes).toBe(3 * MiB);
    expect(await sha256Of((await store.getStream(key)).body)).toBe(digest());
  });

  it('stores a small body in one PUT, and putFile/downloadToFile round-trip', async () => {
    const data = randomBytes(300_000);
    const src = path.join(s3.directory, 'src.bin');
    await writeFile(src, data);
    const key = mediaKey(ID, 1, 'poster.jpg');
    expect(await store.putFile(key, src, 'image/jpeg')).toEqual({ bytes: data.length });
    const dest = path.join(s3.directory, 'dest.bin');
    expect(await store.downloadToFile(key, dest)).toEqual({ bytes: data.length });
    expect(await sha256Of(createReadStream(dest))).toBe(sha256(data));
    const listed = await store.list(`media/${ID}/`);
    expect(listed).toEqual([{ key, bytes: data.length, lastModified: expect.any(Date) }]);
  });

  it('putFile sends a file above singlePutMaxBytes in parts, byte-identical', async () => {
    const parts = new ObjectStore(s3.client, s3.bucket, {
      partSizeBytes: 5 * MiB,
      signedUrlSeconds: 60,
      singlePutMaxBytes: 6 * MiB,
    });
    const { body, digest } = randomBody(12 * MiB);
    const src = path.join(s3.directory, 'big-src.bin');
    await pipeline(body, createWriteStream(src));
    const key = mediaKey(ID, 2, '720p.mp4');
    // Calls through to the real client; only records which commands were sent.
    const spy = jest.spyOn(s3.client, 'send');
    let sent: string[];
    try {
      expect(await parts.putFile(key, src, 'video/mp4')).toEqual({ bytes: 12 * MiB });
      expect(await store.putFile(mediaKey(ID, 2, 'poster.jpg'), src, 'image/jpeg')).toEqual({
        bytes: 12 * MiB,
      });
      sent = spy.mock.calls.map(([command]) => command.constructor.name);
    } finally {
      spy.mockRestore();
    }
    // The first in parts, the second (under the default limit) in one request.
    expect(sent.filter((n) => n === 'UploadPartCommand')).toHaveLength(3);
    expect(sent.filter((n) => n === 'PutObjectCommand')).toHaveLength(1);
    expect(await sha256Of((await store.getStream(key)).body)).toBe(digest());
    expect(await store.listMultipartUploads()).toEqual([]);
  });

  it('reads byte ranges, and reports missing keys and unsatisfiable ranges', async () => {
    const key = mediaKey(ID, 1, 'captions.en.vtt');
    const text = 'WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n';
    await store.putStream(key, Readable.from([Buffer.from(text)]), { contentType: 'text/vtt' });
    const n = text.length;

    const mid = await store.getStream(key, { start: 2, end: 5 });
    expect((await readAll(mid.body)).toString()).toBe(text.slice(2, 6));
    expect(mid).toMatchObject({ contentLength: 4, totalBytes: n, contentRange: `bytes 2-5/${n}` });

    const first = await store.getStream(key, { start: 0, end: 0 });
    expect((await readAll(first.body)).toString()).toBe('W');
    expect(first.contentRange).toBe(`bytes 0-0/${n}`);

    const tail = await store.getStream(key, { start: n - 3 });
    expect((await readAll(tail.body)).toString()).toBe(text.slice(-3));

    const beyond = await rejection(store.getStream(key, { start: n }));
    expect(beyond).toMatchObject({ code: 'range_not_satisfiable' });
    expect(await rejection(store.getStream('media/none'))).toMatchObject({ code: 'not_found' });
    expect(await store.head('media/none')).toBeNull();
  });

  it('deletePrefix removes every object and unfinished upload under it, and nothing else', async () => {
    const other = randomUUID();
    for (const k of [
      originalKey(ID, 1),
      mediaKey(ID, 1, '720p.mp4'),
      mediaKey(ID, 2, 'poster.jpg'),
    ]) {
      await store.putStream(k, Readable.from([Buffer.from(k)]), {
        contentType: 'application/octet-stream',
      });
    }
    await store.putStream(mediaKey(other, 1, '720p.mp4'), Readable.from([Buffer.from('keep')]), {
      contentType: 'video/mp4',
    });
    const { UploadId } = await s3.client.send(
      new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: originalKey(ID, 2) }),
    );
    await s3.client.send(
      new UploadPartCommand({
        Bucket: s3.bucket,
        Key: originalKey(ID, 2),
        UploadId,
        PartNumber: 1,
        Body: 'x',
      }),
    );

    const [originals, media] = submissionPrefixes(ID);
    expect(await store.deletePrefix(originals)).toBe(1);
    expect(await store.deletePrefix(media)).toBe(2);
    expect(await store.list(originals)).toEqual([]);
    expect(await store.list(media)).toEqual([]);
    expect(await store.listMultipartUploads()).toEqual([]);
    expect((await store.list('')).map((o) => o.key)).toEqual([mediaKey(other, 1, '720p.mp4')]);
    expect(await rejection(store.deletePrefix(`media/${ID}`))).toMatchObject({
      code: 'bad_request',
    });
  });

  it('an aborted putStream leaves no object and no multipart upload', async () => {
    const key = originalKey(ID, 3);
    const controller = new AbortController();
    const body = Readable.from(endlessBody(key, () => controller.abort()));
    const err = await rejection(
      store.putStream(key, body, { contentType: 'video/mp4', signal: controller.signal }),
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'upload_aborted' });
    expect(body.destroyed).toBe(true);
    await expectNothingLeft(key);
  });

  it('a body that errors mid-way leaves nothing and its error comes back', async () => {
    const key = originalKey(ID, 4);
    const failure = new Error('the phone went away');
    const body = Readable.from(
      endlessBody(key, () => {
        throw failure;
      }),
    );
    expect(await rejection(store.putStream(key, body, { contentType: 'video/mp4' }))).toBe(failure);
    await expectNothingLeft(key);
  });

  it('an AppError from the body (too_large) is rethrown and leaves nothing', async () => {
    const key = originalKey(ID, 5);
    const tooLarge = new AppError('too_large', 'over the limit');
    const body = Readable.from(
      endlessBody(key, () => {
        throw tooLarge;
      }),
    );
    expect(await rejection(store.putStream(key, body, { contentType: 'video/mp4' }))).toBe(
      tooLarge,
    );
    await expectNothingLeft(key);
  });

  it('maxBytes stops the upload with too_large and leaves nothing', async () => {
    const key = originalKey(ID, 6);
    const { body } = randomBody(12 * MiB);
    const err = await rejection(
      store.putStream(key, body, { contentType: 'video/mp4', maxBytes: 7 * MiB }),
    );
    expect(err).toMatchObject({ code: 'too_large', details: { maxBytes: 7 * MiB } });
    await expectNothingLeft(key);
  });

  it('a body that closes before its end counts as aborted and leaves nothing', async () => {
    const key = originalKey(ID, 7);
    const body = new Readable({ read() {} });
    const chunk = randomBytes(MiB);
    for (let i = 0; i < 7; i++) body.push(chunk);
    const pending = store.putStream(key, body, { contentType: 'video/mp4' });
    await waitUntil(async () => (await store.listMultipartUploads(key)).length > 0);
    body.destroy();
    expect(await rejection(pending)).toMatchObject({ code: 'upload_aborted' });
    await expectNothingLeft(key);
  });

  it('an already aborted signal stores nothing', async () => {
    const key = originalKey(ID, 8);
    const err = await rejection(
      store.putStream(key, Readable.from([Buffer.from('x')]), {
        contentType: 'video/mp4',
        signal: AbortSignal.abort(),
      }),
    );
    expect(err).toMatchObject({ code: 'upload_aborted' });
    await expectNothingLeft(key);
  });

  it('presigned GET URLs work with plain fetch, with the asked-for headers', async () => {
    const key = mediaKey(ID, 1, '720p.mp4');
    const data = randomBytes(50_000);
    await store.putStream(key, Readable.from([data]), { contentType: 'video/mp4' });
    const url = await store.presignGet(key, {
      seconds: 30,
      contentDisposition: 'attachment; filename="clip.mp4"',
      contentType: 'application/octet-stream',
    });
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('30');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="clip.mp4"');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(data));
    const defaults = new URL(await store.presignGet(key));
    expect(defaults.searchParams.get('X-Amz-Expires')).toBe('60');
  });

  it('deleteKey is idempotent and downloadToFile of a missing key leaves no file', async () => {
    const key = mediaKey(ID, 1, 'gone.mp4');
    await store.putStream(key, Readable.from([Buffer.from('x')]), { contentType: 'video/mp4' });
    await store.deleteKey(key);
    await store.deleteKey(key);
    expect(await store.head(key)).toBeNull();
    const dest = path.join(s3.directory, 'missing.bin');
    expect(await rejection(store.downloadToFile(key, dest))).toMatchObject({ code: 'not_found' });
    expect(await rejection(stat(dest))).toMatchObject({ code: 'ENOENT' });
  });

  it('ping says dependency_down when nothing answers', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = srv.address() as { port: number };
        srv.close(() => resolve(p));
      });
    });
    const client = createS3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-west-2',
      accessKeyId: 'x',
      secretAccessKey: 'x',
      forcePathStyle: true,
    });
    const dead = new ObjectStore(client, 'test-bucket', {
      partSizeBytes: 5 * MiB,
      signedUrlSeconds: 60,
    });
    expect(await rejection(dead.ping())).toMatchObject({ code: 'dependency_down' });
    expect(await rejection(dead.getStream('x'))).toMatchObject({ code: 'dependency_down' });
    client.destroy();
  });
});
