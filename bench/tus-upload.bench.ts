import http from 'node:http';
import type { Readable } from 'node:stream';
import { validConsent } from '../test/support/multipart';
import { mbPerSecond, memoryOf, repeatingStream } from './bench-support';
import { directMultipartMs, startUploadBench } from './upload-bench-setup';

// The upload page's own chunk rule (a plain browser script that also exports it to Node).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const page = require('../src/web/static/js/upload.js') as {
  tusChunkBytes(fileSize: number): number;
};

/**
 * Issue 7's benchmark: the same bytes (500 MB by default) as a tus upload through the API
 * (raw tus 1.0 requests: one streamed PATCH, as a Node client sends a stream, and PATCHes of
 * the page's chunk size, as its tus-js-client sends them, one after another) against a direct
 * lib-storage multipart upload to the same S3 server in the same run; plus the API process's
 * peak RSS growth. BENCH_TUS_CHUNK_MB overrides the chunk size to compare.
 */
export async function benchTusUpload(
  bytes = Number(process.env.BENCH_TUS_BYTES ?? 500 * 1000 * 1000),
) {
  const chunkBytes = process.env.BENCH_TUS_CHUNK_MB
    ? Number(process.env.BENCH_TUS_CHUNK_MB) * 1024 * 1024
    : page.tusChunkBytes(bytes);
  const rig = await startUploadBench('tus', bytes);
  try {
    const multipartMs = await directMultipartMs(rig, bytes);
    const before = await memoryOf(rig.api.pid!);
    let t = Date.now();
    await tusUpload(rig.base, repeatingStream(rig.head, bytes), bytes, bytes);
    const tusOneMs = Date.now() - t;
    t = Date.now();
    await tusUpload(rig.base, repeatingStream(rig.head, bytes), bytes, chunkBytes);
    const tusChunkedMs = Date.now() - t;
    const after = await memoryOf(rig.api.pid!);

    const multipartMbps = mbPerSecond(bytes, multipartMs);
    const oneMbps = mbPerSecond(bytes, tusOneMs);
    const chunkedMbps = mbPerSecond(bytes, tusChunkedMs);
    const ratio = (x: number) => Math.round((x / multipartMbps) * 100) / 100;
    return {
      bytes,
      partSizeMb: rig.partMb,
      directMultipartMBps: multipartMbps,
      tusOnePatchMBps: oneMbps,
      tusChunkedMBps: chunkedMbps,
      tusChunkMiB: Math.round((chunkBytes / 1024 / 1024) * 10) / 10,
      ratioTusOnePatchToDirectMultipart: ratio(oneMbps),
      ratioTusChunkedToDirectMultipart: ratio(chunkedMbps),
      apiRssBeforeMb: Math.round(before.rssMb),
      apiPeakRssGrowthMb: Math.round(after.hwmMb - before.rssMb),
      targets: { ratio: '>= 0.8', rssGrowthMb: '< 80' },
    };
  } finally {
    await rig.close();
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
