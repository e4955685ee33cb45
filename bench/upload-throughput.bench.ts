import http from 'node:http';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { multipartBody, validConsent } from '../test/support/multipart';
import { cpuSecondsOf, mbPerSecond, memoryOf, repeatingStream } from './bench-support';
import { BENCH_BUCKET, directMultipartMs, startUploadBench } from './upload-bench-setup';

/**
 * Issue 3's benchmark: the same bytes (1 GiB by default) through POST /api/v1/submissions,
 * through a direct lib-storage multipart upload with the same part size, and as one streamed
 * PUT, all into the same S3 server in the same run; plus the API process's peak RSS growth.
 */
export async function benchUploadThroughput(
  bytes = Number(process.env.BENCH_UPLOAD_BYTES ?? 1024 ** 3),
) {
  const rig = await startUploadBench('multipart', bytes);
  const { api, s3Proc, head, partMb } = rig;
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
    const client = rig.s3Client;
    // Single streamed PUT: the reference.
    let t = Date.now();
    await client.send(
      new PutObjectCommand({
        Bucket: BENCH_BUCKET,
        Key: 'bench/put',
        Body: repeatingStream(head, bytes),
        ContentLength: bytes,
      }),
    );
    const putMs = Date.now() - t;

    // Direct multipart from a client, same part size as the API uses.
    let cpu = await cpuOfAll();
    const multipartMs = await directMultipartMs(rig, bytes);
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
      const req = http.request(`${rig.base}/api/v1/submissions`, {
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
    await rig.close();
  }
}
