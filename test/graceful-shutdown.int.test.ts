import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { startEmbeddedS3 } from '../src/storage/embedded-s3';
import { createTestDatabase } from './support/test-database';
import { MEDIA_DIR, multipartBody, validConsent } from './support/multipart';
import { startApiProcess } from './support/processes';

/**
 * SIGTERM on the real API process (`npm run start:api`'s entry): it stops taking new requests,
 * lets the upload in flight finish with 201, then exits 0.
 */
describe('graceful shutdown of the API process', () => {
  it('finishes an upload in flight after SIGTERM, refuses new connections, exits 0', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lev-stop-'));
    const s3 = await startEmbeddedS3({ directory: path.join(dir, 's3'), port: 0 });
    const db = await createTestDatabase();
    const { port, proc: api } = await startApiProcess({
      databaseUrl: db.url,
      s3Endpoint: s3.endpoint,
      dataDir: dir,
    });
    const exited = new Promise<number | null>((r) => api.once('exit', (code) => r(code)));
    try {
      const file = await readFile(path.join(MEDIA_DIR, 'welsh-speech.mp4'));
      const slow = new PassThrough();
      const { boundary, stream } = multipartBody(
        { campaign: 'demo', consent: JSON.stringify(validConsent) },
        { filename: 'clip.mp4', body: slow },
      );
      const response = new Promise<number>((resolve, reject) => {
        const req = http.request(`http://127.0.0.1:${port}/api/v1/submissions`, {
          method: 'POST',
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        stream.pipe(req);
      });
      slow.write(file.subarray(0, 200_000));
      await new Promise((r) => setTimeout(r, 300));
      api.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      // New connections are refused while the upload in flight goes on.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      slow.end(file.subarray(200_000));
      expect(await response).toBe(201);
      expect(await exited).toBe(0);
    } finally {
      if (api.exitCode === null) api.kill('SIGKILL');
      await s3.close();
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
