import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createS3Client } from '../src/storage/s3-client';
import { UPLOAD_QUEUE_SIZE } from '../src/storage/streamed-upload';
import { createTestDatabase } from '../test/support/test-database';
import { multipartBody, validConsent } from '../test/support/multipart';
import { startApiProcess } from '../test/support/processes';
import {
  cpuSecondsOf,
  freePort,
  mbPerSecond,
  mediaHead,
  memoryOf,
  repeatingStream,
  startProcess,
  waitForReady,
} from './bench-support';

/**
 * Issue 3's benchmark: the same bytes (1 GiB by default) through POST /api/v1/submissions,
 * through a direct lib-storage multipart upload with the same part size, and as one streamed
 * PUT, all into the same S3 server in the same run; plus the API process's peak RSS growth.
 */
export async function benchUploadThroughput(
  bytes = Number(process.env.BENCH_UPLOAD_BYTES ?? 1024 ** 3),
) {
  const partMb = Number(process.env.BENCH_PART_MB ?? 5);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lev-bench-'));
  // The S3 server runs in its own process: sharing the client's event loop would slow both.
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
  const cpuOfAll = async () => ({
    client: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    api: await cpuSecondsOf(api.pid!),
    s3: await cpuSecondsOf(s3Proc.pid!),
  });
  const diffCpu = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.keys(a).map((k) => [k, Math.round(((b[k] ?? 0) - (a[k] ?? 0)) * 10) / 10]),
    );
  try {
    const head = await mediaHead();
    const client = createS3Client({
      endpoint: s3.endpoint,
      region: 'eu-west-2',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });

    // Single streamed PUT: the reference.
    let t = Date.now();
    await client.send(
      new PutObjectCommand({
        Bucket: 'lived-experience',
        Key: 'bench/put',
        Body: repeatingStream(head, bytes),
        ContentLength: bytes,
      }),
    );
    const putMs = Date.now() - t;

    // Direct multipart from a client, same part size as the API uses.
    let cpu = await cpuOfAll();
    t = Date.now();
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
    const multipartCpu = diffCpu(cpu, await cpuOfAll());

    // Through the API.
    const before = await memoryOf(api.pid!);
    cpu = await cpuOfAll();
    t = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const { boundary, stream } = multipartBody(
        { campaign: 'demo', consent: JSON.stringify(validConsent) },
        { filename: 'bench.mp4', contentType: 'video/mp4', body: repeatingStream(head, bytes) },
      );
      const req = http.request(`http://127.0.0.1:${port}/api/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      stream.pipe(req);
    });
    const apiMs = Date.now() - t;
    const apiCpu = diffCpu(cpu, await cpuOfAll());
    const after = await memoryOf(api.pid!);
    client.destroy();
    if (status !== 201) throw new Error(`API answered ${status}`);
    const apiMbps = mbPerSecond(bytes, apiMs);
    const multipartMbps = mbPerSecond(bytes, multipartMs);
    return {
      bytes,
      partSizeMb: partMb,
      singlePutMBps: mbPerSecond(bytes, putMs),
      directMultipartMBps: multipartMbps,
      apiMBps: apiMbps,
      ratioApiToDirectMultipart: Math.round((apiMbps / multipartMbps) * 100) / 100,
      cpuSecondsDirectMultipart: multipartCpu,
      cpuSecondsThroughApi: apiCpu,
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
