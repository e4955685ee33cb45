import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { sweepStorage } from '../../workers/storage-sweep';
import { noteFault } from '../support/fault-table';
import {
  fakeMediaStream,
  MEDIA_DIR,
  multipartBody,
  postMultipart,
  validConsent,
} from '../support/multipart';
import { startTestStack, type TestStack } from '../support/stack';
import { waitFor } from '../support/wait-for';

/**
 * Fault: 50 contributors upload at once and 10 of them lose their connection mid-file (after
 * the API has already sent parts to S3). The 40 complete; the 10 leave no row, and once the
 * reconciler's storage sweep has run, no object and no multipart upload.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

const CLIP = path.join(MEDIA_DIR, 'welsh-speech.mp4');
const MiB = 1024 * 1024;
const fields = { campaign: 'demo', consent: JSON.stringify(validConsent) };

/** Sends a 12 MiB upload and cuts the connection after `cutAfter` bytes of body. */
function uploadAndCut(head: Buffer, cutAfter: number): Promise<'cut' | number> {
  const { boundary, stream } = multipartBody(fields, {
    filename: 'clip.mp4',
    body: fakeMediaStream(head, 12 * MiB),
  });
  return new Promise((resolve) => {
    const req = http.request(`${stack.baseUrl}/api/v1/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    });
    let sent = 0;
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('cut'));
    stream.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (sent >= cutAfter) {
        stream.destroy();
        req.destroy();
        resolve('cut');
        return;
      }
      if (!req.write(chunk)) {
        stream.pause();
        req.once('drain', () => stream.resume());
      }
    });
  });
}

it('completes 40 of 50 concurrent uploads and leaves nothing of the 10 cut off', async () => {
  const head = (await readFile(CLIP)).subarray(0, 8192);
  const clipBytes = (await stat(CLIP)).size;
  const outcomes = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      i % 5 === 0
        ? uploadAndCut(head, 6 * MiB + i * 10_000) // past the first 5 MiB part
        : postMultipart(`${stack.baseUrl}/api/v1/submissions`, fields, {
            filename: 'clip.mp4',
            body: createReadStream(CLIP),
          }),
    ),
  );
  const completed = outcomes.flatMap((o) =>
    typeof o === 'object' && o.status === 201 ? [(o.json() as { id: string }).id] : [],
  );
  const cut = outcomes.filter((o) => o === 'cut').length;
  expect({ completed: completed.length, cut }).toEqual({ completed: 40, cut: 10 });

  const { store, db } = stack.deps;
  const rows = await db.selectFrom('submissions').select(['id', 'status']).execute();
  expect(rows.map((r) => r.id).sort()).toEqual([...completed].sort());
  expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['uploaded']));

  // The API aborts a cut-off upload's multipart upload itself; give it a moment to finish.
  let leftByAborts = 0;
  await waitFor(
    async () => {
      leftByAborts = (await store.listMultipartUploads('')).length;
      return leftByAborts === 0;
    },
    { what: 'the cut-off uploads to settle', intervalMs: 200 },
  ).catch(() => undefined); // whatever is left is the sweep's to clear, counted below
  const strayBefore = (await store.list('')).filter(
    (o) => !completed.some((id) => o.key === `originals/${id}/1`),
  ).length;

  // The reconciler's storage sweep, with its thresholds at zero (nothing is in flight now).
  const report = await sweepStorage(
    { ...stack.deps, queues: stack.conn.queues },
    { graceMs: 0, multipartOlderThanMs: 0, resumableOlderThanMs: 0 },
  );

  const objects = await store.list('');
  expect(objects.map((o) => o.key).sort()).toEqual(
    completed.map((id) => `originals/${id}/1`).sort(),
  );
  expect(new Set(objects.map((o) => o.bytes))).toEqual(new Set([clipBytes]));
  expect(await store.listMultipartUploads('')).toEqual([]);
  noteFault({
    fault: '50 concurrent uploads, 10 connections cut after ~6 MiB',
    measured:
      `${completed.length} complete (201, right size), ${cut} cut; before sweep: ` +
      `${leftByAborts} multipart left, ${strayBefore} stray objects; sweep aborted ` +
      `${report.multipartAborted}, deleted ${report.orphansDeleted}; after: 0 and 0`,
  });
});
