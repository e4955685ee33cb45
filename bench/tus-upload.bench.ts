import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Upload } from '@aws-sdk/lib-storage';
import { createS3Client } from '../src/storage/s3-client';
import { UPLOAD_QUEUE_SIZE } from '../src/storage/streamed-upload';
import { createTestDatabase } from '../test/support/test-database';
import { validConsent } from '../test/support/multipart';
import { startApiProcess } from '../test/support/processes';
import {
  freePort,
  mbPerSecond,
  mediaHead,
  memoryOf,
  repeatingStream,
  startProcess,
  waitForReady,
} from './bench-support';

/**
 * Issue 7's benchmark: the same bytes (500 MB by default) as a tus upload through the API
 * (raw tus 1.0 requests: one streamed PATCH, as a Node client sends a stream, and 5 MB PATCHes,
 * as the page's tus-js-client sends them) against a direct lib-storage multipart upload to the
 * same S3 server in the same run; plus the API process's peak RSS growth.
 */
export async function benchTusUpload(
  bytes = Number(process.env.BENCH_TUS_BYTES ?? 500 * 1000 * 1000),
) {
  const partMb = Number(process.env.BENCH_PART_MB ?? 5);
  const chunkMb = Number(process.env.BENCH_TUS_CHUNK_MB ?? 5);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lev-bench-tus-'));
  const s3Port = await freePort();
  const s3Proc = startProcess('bench/s3-server.ts', {
    S3_DIR: path.join(dir, 's3'),
    S3_PORT: String(s3Port),
  });
  const s3 = { endpoint: `http://127.0.0.1:${s3Port}` };
  await waitForReady(`${s3.endpoint}/`, 30_000).catch(() => undefined);
  const db = await createTestDatabase();
  const { port, proc: api } = await startApiProcess({
    databaseUrl: db.url,
    s3Endpoint: s3.endpoint,
    dataDir: dir,
    env: {
      S3_PART_SIZE_MB: String(partMb),
      MAX_UPLOAD_BYTES: String(bytes * 2),
      LOG_LEVEL: 'warn',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const head = await mediaHead();
    const client = createS3Client({
      endpoint: s3.endpoint,
      region: 'eu-west-2',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });

    let t = Date.now();
    await new Upload({
      client,
      params: {
        Bucket: 'lived-experience',
        Key: 'bench/multipart',
        Body: repeatingStream(head, bytes),
      },
      partSize: partMb * 1024 * 1024,
      queueSize: UPLOAD_QUEUE_SIZE,
    }).done();
    const multipartMs = Date.now() - t;
    client.destroy();

    const before = await memoryOf(api.pid!);
    t = Date.now();
    await tusUpload(base, repeatingStream(head, bytes), bytes, bytes);
    const tusOneMs = Date.now() - t;
    t = Date.now();
    await tusUpload(base, repeatingStream(head, bytes), bytes, chunkMb * 1024 * 1024);
    const tusChunkedMs = Date.now() - t;
    const after = await memoryOf(api.pid!);

    const multipartMbps = mbPerSecond(bytes, multipartMs);
    const oneMbps = mbPerSecond(bytes, tusOneMs);
    const chunkedMbps = mbPerSecond(bytes, tusChunkedMs);
    const ratio = (x: number) => Math.round((x / multipartMbps) * 100) / 100;
    return {
      bytes,
      partSizeMb: partMb,
      directMultipartMBps: multipartMbps,
      tusOnePatchMBps: oneMbps,
      tusChunkedMBps: chunkedMbps,
      tusChunkMb: chunkMb,
      ratioTusOnePatchToDirectMultipart: ratio(oneMbps),
      ratioTusChunkedToDirectMultipart: ratio(chunkedMbps),
      apiRssBeforeMb: Math.round(before.rssMb),
      apiPeakRssGrowthMb: Math.round(after.hwmMb - before.rssMb),
      targets: { ratio: '>= 0.8', rssGrowthMb: '< 80' },
    };
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    s3Proc.kill('SIGTERM');
    await new Promise((r) => s3Proc.once('exit', r));
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A draft, then tus creation and PATCH requests of `chunk` bytes read from one stream. */
async function tusUpload(base: string, body: Readable, bytes: number, chunk: number) {
  const draftRes = await fetch(`${base}/api/v1/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ campaign: 'demo', consent: validConsent }),
  });
  if (draftRes.status !== 201) throw new Error(`draft: ${draftRes.status}`);
  const draft = (await draftRes.json()) as { id: string; token: string };
  const auth = { authorization: `Bearer ${draft.token}`, 'tus-resumable': '1.0.0' };
  const created = await fetch(`${base}/api/v1/uploads`, {
    method: 'POST',
    headers: {
      ...auth,
      'upload-length': String(bytes),
      'upload-metadata': `submissionId ${b64(draft.id)},filename ${b64('bench.mp4')}`,
    },
  });
  const location = created.headers.get('location');
  if (created.status !== 201 || !location) throw new Error(`create: ${created.status}`);
  const url = new URL(location, base).toString();

  // Cut the one stream into PATCH bodies of `chunk` bytes, each streamed, never held whole.
  const reader = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let carry: Buffer | undefined;
  let offset = 0;
  while (offset < bytes) {
    const size = Math.min(chunk, bytes - offset);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(url, {
        method: 'PATCH',
        headers: {
          ...auth,
          'content-type': 'application/offset+octet-stream',
          'upload-offset': String(offset),
          'content-length': String(size),
        },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      void (async () => {
        let left = size;
        while (left > 0) {
          let piece = carry;
          carry = undefined;
          if (!piece) {
            const next = await reader.next();
            if (next.done) break;
            piece = next.value;
          }
          if (piece.length > left) {
            carry = piece.subarray(left);
            piece = piece.subarray(0, left);
          }
          left -= piece.length;
          if (!req.write(piece)) await new Promise((r) => req.once('drain', r));
        }
        req.end();
      })().catch(reject);
    });
    if (status !== 204) throw new Error(`PATCH at ${offset}: ${status}`);
    offset += size;
  }
}
