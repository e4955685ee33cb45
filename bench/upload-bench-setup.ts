import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createS3Client } from '../src/storage/s3-client';
import { UPLOAD_QUEUE_SIZE } from '../src/storage/streamed-upload';
import { createTestDatabase } from '../test/support/test-database';
import { startApiProcess } from '../test/support/processes';
import { freePort, mediaHead, repeatingStream, startProcess, waitForReady } from './bench-support';

export const BENCH_BUCKET = 'lived-experience';

/** What the upload benchmarks share: an S3 server, an API on it, and a client for it. */
export interface UploadBenchRig {
  /** The API's base URL. */
  base: string;
  api: ChildProcess;
  s3Proc: ChildProcess;
  s3Client: S3Client;
  /** The first bytes of a real video, repeated to make the upload. */
  head: Buffer;
  partMb: number;
  /** Stops both processes and removes the database and the files. */
  close(): Promise<void>;
}

/**
 * Starts the S3 server in its own process (sharing the client's event loop would slow both),
 * a fresh database, and the API with S3_PART_SIZE_MB = BENCH_PART_MB (5 by default) and room
 * for `bytes`.
 */
export async function startUploadBench(name: string, bytes: number): Promise<UploadBenchRig> {
  const partMb = Number(process.env.BENCH_PART_MB ?? 5);
  const dir = await mkdtemp(path.join(os.tmpdir(), `lev-bench-${name}-`));
  const s3Port = await freePort();
  const s3Proc = startProcess('bench/s3-server.ts', {
    S3_DIR: path.join(dir, 's3'),
    S3_PORT: String(s3Port),
  });
  const endpoint = `http://127.0.0.1:${s3Port}`;
  await waitForReady(`${endpoint}/`, 30_000).catch(() => undefined);
  const db = await createTestDatabase();
  const { port, proc: api } = await startApiProcess({
    databaseUrl: db.url,
    s3Endpoint: endpoint,
    dataDir: dir,
    env: {
      S3_PART_SIZE_MB: String(partMb),
      MAX_UPLOAD_BYTES: String(bytes * 2),
      LOG_LEVEL: 'warn',
    },
  });
  const s3Client = createS3Client({
    endpoint,
    region: 'eu-west-2',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });
  const stop = (p: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (p.exitCode !== null || p.signalCode !== null) return resolve();
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
  return {
    base: `http://127.0.0.1:${port}`,
    api,
    s3Proc,
    s3Client,
    head: await mediaHead(),
    partMb,
    async close() {
      s3Client.destroy();
      await stop(api);
      await stop(s3Proc);
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The reference: `bytes` as a lib-storage multipart upload straight to S3; milliseconds. */
export async function directMultipartMs(rig: UploadBenchRig, bytes: number): Promise<number> {
  const t = Date.now();
  await new Upload({
    client: rig.s3Client,
    params: {
      Bucket: BENCH_BUCKET,
      Key: 'bench/multipart',
      Body: repeatingStream(rig.head, bytes),
    },
    partSize: rig.partMb * 1024 * 1024,
    queueSize: UPLOAD_QUEUE_SIZE,
  }).done();
  return Date.now() - t;
}
