import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { sql } from 'kysely';
import { startTestStack, type TestStack } from './support/stack';
import { waitFor } from './support/wait-for';
import {
  MEDIA_DIR,
  fakeMediaStream,
  multipartBody,
  postMultipart,
  validConsent,
} from './support/multipart';

/**
 * The upload intake against the real PostgreSQL, Redis and S3 server: every refusal leaves
 * nothing behind (no row, no object, no incomplete multipart upload).
 */
let stack: TestStack;
// Larger than one 5 MiB part, so refusals happen after a multipart upload has begun.
const MAX = 12 * 1024 * 1024;

beforeAll(async () => {
  stack = await startTestStack({ env: { MAX_UPLOAD_BYTES: String(MAX), S3_PART_SIZE_MB: '5' } });
});
afterAll(() => stack.close());

const url = () => `${stack.baseUrl}/api/v1/submissions`;
const consent = (patch: Record<string, unknown> = {}) =>
  JSON.stringify({ ...validConsent, ...patch });
const clip = (name: string) => ({
  filename: name,
  body: createReadStream(path.join(MEDIA_DIR, name)),
});

async function expectNothingStored() {
  const { store, db } = stack.deps;
  expect(await store.list('')).toEqual([]);
  expect(await store.listMultipartUploads()).toEqual([]);
  const rows = await db.selectFrom('submissions').select('id').execute();
  expect(rows).toEqual([]);
}

async function cleanUp() {
  const { store, db } = stack.deps;
  await store.deletePrefix('');
  await db.deleteFrom('link_tokens').execute();
  await db.deleteFrom('submissions').execute();
}

afterEach(cleanUp);

describe('POST /api/v1/submissions (multipart)', () => {
  it('stores the exact bytes and answers 201 with id, status and token', async () => {
    const res = await postMultipart(
      url(),
      { campaign: 'demo', consent: consent() },
      clip('welsh-speech.mp4'),
    );
    expect(res.status).toBe(201);
    const body = res.json();
    expect(body).toEqual({ id: expect.any(String), status: 'uploaded', token: expect.any(String) });
    const key = `originals/${body.id as string}/1`;
    const stored = await stack.deps.store.getStream(key);
    const chunks: Buffer[] = [];
    for await (const c of stored.body) chunks.push(c as Buffer);
    expect(
      Buffer.concat(chunks).equals(await readFile(path.join(MEDIA_DIR, 'welsh-speech.mp4'))),
    ).toBe(true);
    const row = await stack.deps.db.selectFrom('submissions').selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe('uploaded');
    expect(row.original_content_type).toBe('video/mp4');
    const audit = await stack.deps.db.selectFrom('audit_events').select('action').execute();
    expect(audit.map((a) => a.action)).toContain('submission.created');
  });

  it('keeps a transcript sent with the upload, to time the captions later', async () => {
    const res = await postMultipart(
      url(),
      {
        campaign: 'demo',
        consent: consent({ language: 'cy' }),
        transcript: "Bore da. Rwy'n gofalu am fy nhad.",
      },
      clip('welsh-speech.mp4'),
    );
    expect(res.status).toBe(201);
    const rows = await stack.deps.db
      .selectFrom('caption_revisions')
      .selectAll()
      .where('submission_id', '=', res.json().id as string)
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({
        lang: 'cy',
        source: 'transcript',
        vtt: null,
        transcript: "Bore da. Rwy'n gofalu am fy nhad.",
      }),
    ]);
    await stack.deps.db.deleteFrom('caption_revisions').execute();
  });

  it('refuses a transcript that is too long before storing a byte', async () => {
    const res = await postMultipart(
      url(),
      { campaign: 'demo', consent: consent(), transcript: 'a'.repeat(20_001) },
      clip('welsh-speech.mp4'),
    );
    expect(res.status).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'bad_request',
      details: { field: 'transcript' },
    });
    await expectNothingStored();
  });

  it('refuses a file that is not a video with 415 and keeps nothing', async () => {
    const res = await postMultipart(
      url(),
      { campaign: 'demo', consent: consent() },
      clip('not-a-video.mp4'),
    );
    expect(res.status).toBe(415);
    expect(res.json()).toEqual({
      error: { code: 'unsupported_type', message: expect.any(String) },
    });
    await expectNothingStored();
  });

  it.each([
    ['missing consent', { campaign: 'demo' }, 'invalid_consent'],
    [
      'consent without jury',
      { campaign: 'demo', consent: consent({ scopes: ['public'] }) },
      'invalid_consent',
    ],
    ['consent not JSON', { campaign: 'demo', consent: '{' }, 'invalid_consent'],
    [
      'unknown statement version',
      { campaign: 'demo', consent: consent({ statementVersion: 9 }) },
      'invalid_consent',
    ],
    ['missing campaign', { consent: consent() }, 'bad_request'],
  ])('refuses %s with 400 before storing a byte', async (_label, fields, code) => {
    const res = await postMultipart(
      url(),
      fields as Record<string, string>,
      clip('welsh-speech.mp4'),
    );
    expect(res.status).toBe(400);
    expect((res.json().error as { code: string }).code).toBe(code);
    await expectNothingStored();
  });

  it('answers 404 for an unknown campaign and 409 for a closed one', async () => {
    const unknown = await postMultipart(
      url(),
      { campaign: 'nope', consent: consent() },
      clip('welsh-speech.mp4'),
    );
    expect(unknown.status).toBe(404);
    await stack.deps.db
      .updateTable('campaigns')
      .set({ closes_at: new Date(Date.now() - 1000) })
      .execute();
    try {
      const closed = await postMultipart(
        url(),
        { campaign: 'demo', consent: consent() },
        clip('welsh-speech.mp4'),
      );
      expect(closed.status).toBe(409);
      expect((closed.json().error as { code: string }).code).toBe('campaign_closed');
    } finally {
      await stack.deps.db.updateTable('campaigns').set({ closes_at: null }).execute();
    }
    await expectNothingStored();
  });

  it('refuses a body over MAX_UPLOAD_BYTES (streamed, no length) with 413 and leaves no multipart upload', async () => {
    const head = await readFile(path.join(MEDIA_DIR, 'welsh-speech.mp4'));
    const res = await postMultipart(
      url(),
      { campaign: 'demo', consent: consent() },
      { filename: 'big.mp4', body: fakeMediaStream(head.subarray(0, 8192), MAX + 6 * 1024 * 1024) },
    );
    expect(res.status).toBe(413);
    expect((res.json().error as { code: string }).code).toBe('too_large');
    await expectNothingStored();
  });

  it('refuses an announced oversize body at once with 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(url(), {
        method: 'POST',
        headers: {
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(MAX * 4),
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('--x\r\n'); // the server answers before the rest is sent
    });
    expect(status).toBe(413);
    await expectNothingStored();
  });

  it('leaves nothing behind when the client disconnects mid-upload', async () => {
    const head = await readFile(path.join(MEDIA_DIR, 'welsh-speech.mp4'));
    const { boundary, stream } = multipartBody(
      { campaign: 'demo', consent: consent() },
      {
        filename: 'cut.mp4',
        body: fakeMediaStream(head.subarray(0, 8192), 14 * 1024 * 1024 + 123),
      },
    );
    await new Promise<void>((resolve) => {
      const req = http.request(url(), {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      req.on('error', () => resolve());
      let sent = 0;
      stream.on('data', (c: Buffer) => {
        sent += c.length;
        req.write(c);
        // Cut the connection once well into the file (past the first S3 part upload start).
        if (sent > 8 * 1024 * 1024) {
          stream.destroy();
          req.destroy();
          resolve();
        }
      });
    });
    // The server notices the close, aborts the multipart upload and answers nobody.
    await waitFor(
      async () =>
        (await stack.deps.store.listMultipartUploads()).length === 0 &&
        (await stack.deps.store.list('')).length === 0,
      { what: 'the aborted upload to be cleared away', timeoutMs: 5_000, intervalMs: 100 },
    );
    await expectNothingStored();
  });

  it('refuses a second file field and an empty file', async () => {
    const empty = await postMultipart(
      url(),
      { campaign: 'demo', consent: consent() },
      {
        filename: 'empty.mp4',
        body: fakeMediaStream(Buffer.alloc(0), 0),
      },
    );
    expect(empty.status).toBe(422);
    const wrongField = await postMultipart(
      url(),
      { campaign: 'demo', consent: consent() },
      {
        ...clip('welsh-speech.mp4'),
        field: 'photo',
      },
    );
    expect(wrongField.status).toBe(400);
    await expectNothingStored();
  });
});

describe('the contract around it', () => {
  it('serves the OpenAPI document and health checks', async () => {
    const doc = (await (await fetch(`${stack.baseUrl}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/submissions',
        '/submissions/{id}',
        '/submissions/{id}/media/{name}',
      ]),
    );
    expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${stack.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { postgres: 'up', redis: 'up', s3: 'up' },
    });
  });

  it('answers unknown API routes and bad JSON with the error shape, never a stack', async () => {
    const missing = await fetch(`${stack.baseUrl}/api/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'not_found', message: expect.any(String) },
    });
    const noAuth = await fetch(`${url()}/00000000-0000-4000-8000-000000000000`);
    expect(noAuth.status).toBe(401);
  });

  it('keeps the audit log append-only', async () => {
    await expect(sql`update audit_events set action = 'x'`.execute(stack.deps.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_events`.execute(stack.deps.db)).rejects.toThrow(
      /append-only/,
    );
  });
});
