import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { startEmbeddedS3 } from './embedded-s3';
import { createS3Client } from './s3-client';

it('starts on a free port with the bucket made, and closes (twice) even with live sockets', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'lev-embedded-'));
  const s3 = await startEmbeddedS3({
    directory: path.join(directory, 'nested'),
    port: 0,
    bucket: 'pre-made',
  });
  expect(s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const client = createS3Client({
    endpoint: s3.endpoint,
    region: 'eu-west-2',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });
  const head = await client.send(new HeadBucketCommand({ Bucket: 'pre-made' }));
  expect(head.$metadata.httpStatusCode).toBe(200);
  // The client keeps its socket alive; close must not wait for it.
  await s3.close();
  await s3.close();
  await expect(fetch(s3.endpoint)).rejects.toThrow();
  client.destroy();
  await rm(directory, { recursive: true, force: true });
});
