import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Upload, type UploadOptions } from 'tus-js-client';
import { cleanUpExpiredUploads } from '../src/api/tus';
import { startTestStack, type TestStack } from './support/stack';
import { MEDIA_DIR, validConsent } from './support/multipart';

/**
 * Resumable uploads (tus 1.0 + creation) against the real PostgreSQL, Redis and S3 server:
 * a draft, a chunked upload cut halfway and resumed, the refusals, and the expiry sweep.
 */
let stack: TestStack;
const MAX = 12 * 1024 * 1024;
const CHUNK = 256 * 1024;

beforeAll(async () => {
  stack = await startTestStack({ env: { MAX_UPLOAD_BYTES: String(MAX), S3_PART_SIZE_MB: '5' } });
});
afterAll(() => stack.close());
afterEach(async () => {
  await stack.deps.store.deletePrefix('');
  await stack.deps.db.deleteFrom('submissions').execute();
});

const uploadsUrl = () => `${stack.baseUrl}/api/v1/uploads`;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const media = (name: string) => readFile(path.join(MEDIA_DIR, name));

async function createDraft(body: Record<string, unknown> = {}) {
  const res = await fetch(`${stack.baseUrl}/api/v1/submissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ campaign: 'demo', consent: validConsent, ...body }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function draft(): Promise<{ id: string; token: string }> {
  const res = await createDraft();
  expect(res.status).toBe(201);
  return res.body as { id: string; token: string };
}

function tusOptions(d: { id: string; token: string }, filename: string): UploadOptions {
  return {
    endpoint: uploadsUrl(),
    headers: { Authorization: `Bearer ${d.token}` },
    metadata: { submissionId: d.id, filename },
    chunkSize: CHUNK,
    retryDelays: null,
  };
}

/** Runs an upload to the end; rejects with the tus error (which carries the response). */
function run(file: Buffer, options: UploadOptions): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const upload: Upload = new Upload(file, {
      ...options,
      onSuccess: () => resolve(upload),
      onError: reject,
    });
    upload.start();
  });
}

const statusOf = (err: unknown) =>
  (err as { originalResponse?: { getStatus(): number } }).originalResponse?.getStatus();

function tusRequest(method: string, url: string, headers: Record<string, string>) {
  return fetch(url, { method, headers: { 'Tus-Resumable': '1.0.0', ...headers } });
}

async function expectNoObjects() {
  expect(await stack.deps.store.list('')).toEqual([]);
  expect(await stack.deps.store.listMultipartUploads()).toEqual([]);
}

describe('POST /api/v1/submissions (application/json draft)', () => {
  it('creates a draft in uploading with its consent, token and audit event', async () => {
    const res = await createDraft({ transcript: 'Bore da.' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      token: expect.any(String),
      status: 'uploading',
      uploadUrl: '/api/v1/uploads',
    });
    const { db } = stack.deps;
    const row = await db.selectFrom('submissions').selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe('uploading');
    const consent = await db.selectFrom('consents').selectAll().executeTakeFirstOrThrow();
    expect(consent.display_name).toBe('Test Carer');
    const audit = await db.selectFrom('audit_events').select('action').execute();
    expect(audit.map((a) => a.action)).toContain('submission.draft_created');
  });

  it('validates like the multipart route: 400 consent, 404 campaign, 409 closed', async () => {
    const bad = await createDraft({ consent: { ...validConsent, scopes: ['public'] } });
    expect(bad.status).toBe(400);
    expect((bad.body.error as { code: string }).code).toBe('invalid_consent');
    const missing = await createDraft({ consent: undefined });
    expect(missing.status).toBe(400);
    const unknown = await createDraft({ campaign: 'nope' });
    expect(unknown.status).toBe(404);
    const { db } = stack.deps;
    await db
      .updateTable('campaigns')
      .set({ closes_at: new Date(Date.now() - 1000) })
      .execute();
    try {
      const closed = await createDraft();
      expect(closed.status).toBe(409);
      expect((closed.body.error as { code: string }).code).toBe('campaign_closed');
    } finally {
      await db.updateTable('campaigns').set({ closes_at: null }).execute();
    }
    expect(await db.selectFrom('submissions').select('id').execute()).toEqual([]);
  });
});

describe('tus uploads at /api/v1/uploads', () => {
  it('resumes a dropped upload and records the exact bytes, then queues processing', async () => {
    const file = await media('welsh-speech.mp4');
    const d = await draft();
    // First attempt: stop once about half the file has been acknowledged.
    const first = await new Promise<Upload>((resolve, reject) => {
      const upload: Upload = new Upload(file, {
        ...tusOptions(d, 'welsh-speech.mp4'),
        onChunkComplete: (_size, accepted) => {
          if (accepted >= file.length / 2) void upload.abort().then(() => resolve(upload));
        },
        onSuccess: () => reject(new Error('should have been cut before the end')),
        onError: reject,
      });
      upload.start();
    });
    expect(first.url).toBe(`${uploadsUrl()}/${d.id}`);
    const head = await tusRequest('HEAD', first.url!, { Authorization: `Bearer ${d.token}` });
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(file.length);

    let resumedFrom = -1;
    await run(file, {
      ...tusOptions(d, 'welsh-speech.mp4'),
      uploadUrl: first.url!,
      onProgress: (sent) => {
        if (resumedFrom < 0) resumedFrom = sent;
      },
    });
    expect(resumedFrom).toBeGreaterThanOrEqual(offset);

    const stored = await stack.deps.store.getStream(`originals/${d.id}/1`);
    const chunks: Buffer[] = [];
    for await (const c of stored.body) chunks.push(c as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(file));
    expect(await stack.deps.store.listMultipartUploads()).toEqual([]);

    const row = await stack.deps.db
      .selectFrom('submissions')
      .selectAll()
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('uploaded');
    expect(Number(row.original_bytes)).toBe(file.length);
    expect(row.original_content_type).toBe('video/mp4');
    const job = await stack.deps.queues.queue('media').getJob(`finalise-${d.id}-v1`);
    expect(job).toBeDefined();
    const audit = await stack.deps.db.selectFrom('audit_events').select('action').execute();
    expect(audit.map((a) => a.action)).toContain('submission.upload_completed');

    // A second upload for the same submission is refused, and a HEAD still reports it done.
    const again = await run(file, tusOptions(d, 'again.mp4')).catch((e: unknown) => e);
    expect(statusOf(again)).toBe(409);
    const done = await tusRequest('HEAD', first.url!, { Authorization: `Bearer ${d.token}` });
    expect(done.headers.get('upload-offset')).toBe(String(file.length));
  });

  it('sends a new version of a sent video (receipt, issue 7) as the next original', async () => {
    const first = await media('welsh-speech.mp4');
    const second = await media('android-vfr.mp4');
    const d = await draft();
    await run(first, tusOptions(d, 'welsh-speech.mp4'));
    // Waiting for review (processing is not running here): a new version may come.
    const { db } = stack.deps;
    await db
      .updateTable('submissions')
      .set({ status: 'awaiting_review' })
      .where('id', '=', d.id)
      .execute();

    const upload = await run(second, {
      ...tusOptions(d, 'android-vfr.mp4'),
      // A client cannot choose the version: the server sets it from the submission.
      metadata: { submissionId: d.id, filename: 'android-vfr.mp4', version: '7' },
    });
    expect(upload.url).toBe(`${uploadsUrl()}/${d.id}.v2`);
    const stored = await stack.deps.store.getStream(`originals/${d.id}/2`);
    const chunks: Buffer[] = [];
    for await (const c of stored.body) chunks.push(c as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(second));
    const row = await db
      .selectFrom('submissions')
      .selectAll()
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'uploaded', media_version: 2 });
    expect(Number(row.original_bytes)).toBe(second.length);
    expect(await stack.deps.queues.queue('media').getJob(`finalise-${d.id}-v2`)).toBeDefined();

    // Now `uploaded`: no further version until this one has been through processing.
    const again = await run(second, tusOptions(d, 'again.mp4')).catch((e: unknown) => e);
    expect(statusOf(again)).toBe(409);
    const done = await tusRequest('HEAD', upload.url!, { Authorization: `Bearer ${d.token}` });
    expect(done.headers.get('upload-offset')).toBe(String(second.length));
    const stale = await tusRequest('PATCH', `${uploadsUrl()}/${d.id}.v3`, {
      Authorization: `Bearer ${d.token}`,
      'Upload-Offset': '0',
      'Content-Type': 'application/offset+octet-stream',
    });
    expect(stale.status).toBe(409);
  });

  it('resumes across real S3 parts (a file over the 5 MiB part size)', async () => {
    const head = (await media('welsh-speech.mp4')).subarray(0, 8192);
    const file = Buffer.concat([head, randomBytes(11 * 1024 * 1024)]);
    const d = await draft();
    const options = { ...tusOptions(d, 'big.mp4'), chunkSize: 3 * 1024 * 1024 };
    const url = await new Promise<string>((resolve, reject) => {
      const upload: Upload = new Upload(file, {
        ...options,
        onChunkComplete: (_size, accepted) => {
          if (accepted >= 6 * 1024 * 1024) void upload.abort().then(() => resolve(upload.url!));
        },
        onError: reject,
      });
      upload.start();
    });
    await run(file, { ...options, uploadUrl: url });
    const stored = await stack.deps.store.getStream(`originals/${d.id}/1`);
    const chunks: Buffer[] = [];
    for await (const c of stored.body) chunks.push(c as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(file));
    expect(await stack.deps.store.listMultipartUploads()).toEqual([]);
  });

  it('finishes a completed upload whose finish step failed, on the next HEAD or sweep', async () => {
    const file = await media('audio-only.m4a');
    const { db } = stack.deps;
    const viaHead = await draft();
    const viaSweep = await draft();
    for (const d of [viaHead, viaSweep]) {
      await run(file, tusOptions(d, 'audio-only.m4a'));
      // As if the database step of the finish had failed after S3 completed the object.
      await db
        .updateTable('submissions')
        .set({ status: 'uploading', original_bytes: null })
        .where('id', '=', d.id)
        .execute();
    }
    const head = await tusRequest('HEAD', `${uploadsUrl()}/${viaHead.id}`, {
      Authorization: `Bearer ${viaHead.token}`,
    });
    expect(head.headers.get('upload-offset')).toBe(String(file.length));
    await new Promise((r) => setTimeout(r, 1100));
    const sweep = await cleanUpExpiredUploads(stack.deps, { olderThanMs: 1000 });
    expect(sweep).toMatchObject({ draftsCompleted: 1, draftsDeleted: 0 });
    const rows = await db.selectFrom('submissions').select(['status', 'original_bytes']).execute();
    expect(rows).toEqual([
      { status: 'uploaded', original_bytes: expect.anything() },
      { status: 'uploaded', original_bytes: expect.anything() },
    ]);
    expect(rows.map((r) => Number(r.original_bytes))).toEqual([file.length, file.length]);
    const original = await stack.deps.store.head(`originals/${viaSweep.id}/1`);
    expect(original?.bytes).toBe(file.length);
  });

  it('refuses a missing or wrong token (401/404) with our error JSON', async () => {
    const d = await draft();
    const headers = {
      'Upload-Length': '1000',
      'Upload-Metadata': `submissionId ${Buffer.from(d.id).toString('base64')},filename ${Buffer.from('a.mp4').toString('base64')}`,
    };
    const none = await tusRequest('POST', uploadsUrl(), headers);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorised');
    const other = await draft();
    const wrong = await tusRequest('POST', uploadsUrl(), {
      ...headers,
      Authorization: `Bearer ${other.token}`,
    });
    expect(wrong.status).toBe(404);
    const patch = await tusRequest('PATCH', `${uploadsUrl()}/${d.id}`, {
      Authorization: 'Bearer not-a-token',
      'Upload-Offset': '0',
      'Content-Type': 'application/offset+octet-stream',
    });
    expect(patch.status).toBe(404);
    await expectNoObjects();
  });

  it('refuses an Upload-Length over MAX_UPLOAD_BYTES with 413 before any byte', async () => {
    const d = await draft();
    const res = await tusRequest('POST', uploadsUrl(), {
      Authorization: `Bearer ${d.token}`,
      'Upload-Length': String(MAX + 1),
      'Upload-Metadata': `submissionId ${Buffer.from(d.id).toString('base64')},filename ${Buffer.from('big.mp4').toString('base64')}`,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_large');
    await expectNoObjects();
  });

  it('refuses a file that is not video or audio with 415 and keeps nothing', async () => {
    const d = await draft();
    const err = await run(await media('not-a-video.mp4'), tusOptions(d, 'x.mp4')).catch(
      (e: unknown) => e,
    );
    expect(statusOf(err)).toBe(415);
    const body = (err as { originalResponse: { getBody(): string } }).originalResponse.getBody();
    expect((JSON.parse(body) as { error: { code: string } }).error.code).toBe('unsupported_type');
    await expectNoObjects();
    const row = await stack.deps.db
      .selectFrom('submissions')
      .select('status')
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('uploading'); // the contributor may still send the right file
  });

  it('expiry removes an abandoned upload and its draft', async () => {
    const file = await media('welsh-speech.mp4');
    const d = await draft();
    await draft(); // a draft never uploaded to expires too
    await new Promise<void>((resolve, reject) => {
      const upload: Upload = new Upload(file, {
        ...tusOptions(d, 'welsh-speech.mp4'),
        onChunkComplete: (_size, accepted) => {
          if (accepted >= CHUNK * 2) void upload.abort().then(resolve);
        },
        onError: reject,
      });
      upload.start();
    });
    expect((await stack.deps.store.list('')).length).toBeGreaterThan(0);
    // Nothing is old enough under the configured 24 hours.
    expect(await cleanUpExpiredUploads(stack.deps)).toEqual({
      uploadsRemoved: 0,
      draftsCompleted: 0,
      draftsDeleted: 0,
    });
    await new Promise((r) => setTimeout(r, 1100)); // S3 dates have one-second precision
    const sweep = await cleanUpExpiredUploads(stack.deps, { olderThanMs: 1000 });
    expect(sweep.draftsDeleted).toBe(2);
    await expectNoObjects();
    const rows = await stack.deps.db.selectFrom('submissions').select('id').execute();
    expect(rows).toEqual([]);
  });
});
