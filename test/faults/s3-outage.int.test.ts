import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { Upload, type UploadOptions } from 'tus-js-client';
import { sweepStorage } from '../../workers/storage-sweep';
import { noteFault } from '../support/fault-table';
import {
  fakeMediaStream,
  MEDIA_DIR,
  multipartBody,
  postMultipart,
  validConsent,
  type RawResponse,
} from '../support/multipart';
import { startChildStack, type ChildStack } from './child-stack';

/**
 * Fault: the S3 server stops while a contributor is uploading. The client gets a clear error
 * (503 `dependency_down`), nothing half-written is kept, and once S3 is back the same API
 * process (never restarted) takes a retried form upload and resumes a tus upload to the end.
 */
let stack: ChildStack;
const MiB = 1024 * 1024;
const fields = { campaign: 'demo', consent: JSON.stringify(validConsent) };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  stack = await startChildStack();
});
afterAll(() => stack.close());

const stopS3 = () => stack.stopS3();
const restartS3 = () => stack.startS3();
const sweepDeps = () => ({ ...stack.conn, config: stack.config, logger: stack.logger });

/** Streams a 40 MiB upload and stops S3 once 8 MiB of it has been sent. */
function uploadWhileS3Stops(head: Buffer): Promise<RawResponse | 'reset'> {
  const { boundary, stream } = multipartBody(fields, {
    filename: 'clip.mp4',
    body: fakeMediaStream(head, 40 * MiB),
  });
  return new Promise((resolve) => {
    const req = http.request(`${stack.baseUrl}/api/v1/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    });
    let sent = 0;
    let stopping: Promise<void> | undefined;
    req.on('response', (res) => {
      stream.destroy();
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) }),
      );
    });
    req.on('error', () => resolve('reset'));
    stream.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (sent >= 8 * MiB && !stopping) {
        stream.pause();
        stopping = stopS3().then(() => void stream.resume());
      }
      if (!req.write(chunk)) {
        stream.pause();
        req.once('drain', () => void (stopping ?? Promise.resolve()).then(() => stream.resume()));
      }
    });
    stream.on('end', () => req.end());
  });
}

it('answers a form upload cut off by S3 with 503, keeps nothing, and takes the retry', async () => {
  const clip = await readFile(path.join(MEDIA_DIR, 'welsh-speech.mp4'));
  const res = await uploadWhileS3Stops(clip.subarray(0, 8192));
  expect(res).not.toBe('reset');
  const answer = res as RawResponse;
  expect(answer.status).toBe(503);
  expect(answer.json()).toMatchObject({ error: { code: 'dependency_down' } });
  expect(await stack.conn.db.selectFrom('submissions').select('id').execute()).toEqual([]);

  const ready = await fetch(`${stack.baseUrl}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ checks: { s3: 'down', postgres: 'up' } });

  await restartS3();
  const { store } = stack.conn;
  // The API could not abort its multipart upload while S3 was down: the sweep does.
  const leftOver = (await store.listMultipartUploads('')).length;
  const objectsAfterOutage = (await store.list('')).length;
  const report = await sweepStorage(sweepDeps(), {
    graceMs: 0,
    multipartOlderThanMs: 0,
    resumableOlderThanMs: 0,
  });
  expect(await store.listMultipartUploads('')).toEqual([]);
  expect(await store.list('')).toEqual([]);

  const retry = await postMultipart(`${stack.baseUrl}/api/v1/submissions`, fields, {
    filename: 'clip.mp4',
    body: (async function* () {
      yield clip;
    })() as unknown as import('node:stream').Readable,
  });
  expect(retry.status).toBe(201);
  const { id } = retry.json() as { id: string };
  const stored = await store.getStream(`originals/${id}/1`);
  const chunks: Buffer[] = [];
  for await (const c of stored.body) chunks.push(c as Buffer);
  expect(sha256(Buffer.concat(chunks))).toBe(sha256(clip));
  expect((await store.list('')).map((o) => o.key)).toEqual([`originals/${id}/1`]);
  noteFault({
    fault: 'S3 server stopped 8 MiB into a 40 MiB form upload',
    measured:
      `client got ${answer.status} dependency_down; /readyz 503 naming s3; no row; after restart ` +
      `${leftOver} multipart upload(s) and ${objectsAfterOutage} object(s) left, sweep aborted ` +
      `${report.multipartAborted}; retry 201 with identical bytes`,
  });
});

it('fails a tus upload clearly while S3 is down, then resumes it to the end', async () => {
  const head = (await readFile(path.join(MEDIA_DIR, 'welsh-speech.mp4'))).subarray(0, 8192);
  const file = Buffer.concat([head, Buffer.alloc(11 * MiB, 7)]);
  const draft = await fetch(`${stack.baseUrl}/api/v1/submissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ campaign: 'demo', consent: validConsent }),
  });
  expect(draft.status).toBe(201);
  const d = (await draft.json()) as { id: string; token: string };
  const options: UploadOptions = {
    endpoint: `${stack.baseUrl}/api/v1/uploads`,
    headers: { Authorization: `Bearer ${d.token}` },
    metadata: { submissionId: d.id, filename: 'big.mp4' },
    chunkSize: 3 * MiB,
    retryDelays: null,
  };

  let acceptedBeforeOutage = 0;
  const failure = await new Promise<{ url: string; err: unknown }>((resolve, reject) => {
    let stopped: Promise<void> | undefined;
    const upload: Upload = new Upload(file, {
      ...options,
      onChunkComplete: (_size, accepted) => {
        acceptedBeforeOutage = accepted;
        stopped ??= stopS3();
      },
      // The PATCH after the stop is what fails; wait for the stop so it cannot race past it.
      onBeforeRequest: async () => {
        await stopped;
      },
      onSuccess: () => reject(new Error('the upload should have failed while S3 was down')),
      onError: (err) => resolve({ url: upload.url!, err }),
    });
    upload.start();
  });
  const response = (
    failure.err as { originalResponse?: { getStatus(): number; getBody(): string } }
  ).originalResponse;
  expect(response?.getStatus()).toBe(503);
  expect(JSON.parse(response?.getBody() ?? '{}')).toMatchObject({
    error: { code: 'dependency_down' },
  });

  await restartS3();
  await new Promise<void>((resolve, reject) => {
    const upload: Upload = new Upload(file, {
      ...options,
      uploadUrl: failure.url,
      onSuccess: () => resolve(),
      onError: reject,
    });
    upload.start();
  });
  const stored = await stack.conn.store.getStream(`originals/${d.id}/1`);
  const chunks: Buffer[] = [];
  for await (const c of stored.body) chunks.push(c as Buffer);
  expect(sha256(Buffer.concat(chunks))).toBe(sha256(file));
  const row = await stack.conn.db
    .selectFrom('submissions')
    .select('status')
    .where('id', '=', d.id)
    .executeTakeFirstOrThrow();
  expect(row.status).toBe('uploaded');
  expect(await stack.conn.store.listMultipartUploads('')).toEqual([]);
  noteFault({
    fault: 'S3 server stopped between chunks of an 11 MiB tus upload',
    measured:
      `PATCH answered ${response?.getStatus()} dependency_down after ${acceptedBeforeOutage} ` +
      'bytes; resumed at the same URL after restart; identical bytes, submission uploaded',
  });
});
