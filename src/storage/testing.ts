import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { startEmbeddedS3 } from './embedded-s3';
import { ObjectStore } from './object-store';
import { createS3Client } from './s3-client';

/** For tests: a real embedded S3 server over HTTP in a temporary folder, with a store on it. */
export interface StorageFixture {
  directory: string;
  endpoint: string;
  bucket: string;
  client: S3Client;
  store: ObjectStore;
  close(): Promise<void>;
}

export const MiB = 1024 * 1024;

export async function startStorageFixture(
  options: { bucket?: string; partSizeBytes?: number } = {},
): Promise<StorageFixture> {
  // s3rver writes several small files per object; on a RAM disk that is several times faster.
  const root = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const directory = await mkdtemp(path.join(root, 'lev-s3-'));
  const s3 = await startEmbeddedS3({ directory, port: 0 });
  const bucket = options.bucket ?? 'test-bucket';
  const client = createS3Client({
    endpoint: s3.endpoint,
    region: 'eu-west-2',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });
  const store = new ObjectStore(client, bucket, {
    // The smallest part S3 allows, so multipart paths run with little data.
    partSizeBytes: options.partSizeBytes ?? 5 * MiB,
    signedUrlSeconds: 60,
  });
  await store.ensureBucket();
  return {
    directory,
    endpoint: s3.endpoint,
    bucket,
    client,
    store,
    async close() {
      client.destroy();
      await s3.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
