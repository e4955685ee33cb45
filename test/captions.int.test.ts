import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Job } from 'bullmq';
import express from 'express';
import { captionsRouter } from '../src/api/captions.routes';
import { apiErrorHandler } from '../src/api/error-handler';
import { listCaptionRevisions } from '../src/captions/caption-revisions';
import { listAuditForSubject } from '../src/db/audit.queries';
import type { SubmissionJobData } from '../src/queue/jobs';
import { handleCaptions } from '../workers/captions.processor';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { createUser } from '../src/db/users.queries';
import { startTestStack, type TestStack } from './support/stack';

/**
 * Captions over HTTP and in the worker, against real PostgreSQL, the S3 server, ffmpeg and
 * espeak-ng. The router is mounted here as the lead will mount it under /api/v1.
 */
let stack: TestStack;
let server: Server;
let api: string;

beforeAll(async () => {
  stack = await startTestStack();
  const app = express();
  app.use('/api/v1', captionsRouter(stack.deps), apiErrorHandler);
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await stack.close();
});

async function upload(language: 'en' | 'cy') {
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify({ ...validConsent, language }) },
    {
      filename: 'welsh-speech.mp4',
      body: createReadStream(path.join(MEDIA_DIR, 'welsh-speech.mp4')),
    },
  );
  expect(res.status).toBe(201);
  return res.json() as { id: string; token: string };
}

const put = (id: string, lang: string, token: string | null, type: string, body: string) =>
  fetch(`${api}/submissions/${id}/captions/${lang}`, {
    method: 'PUT',
    headers: { 'Content-Type': type, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body,
  });

const fakeJob = (submissionId: string) =>
  ({
    id: `captions-${submissionId}-v1`,
    data: { submissionId, mediaVersion: 1 },
    getChildrenValues: async () => ({}),
  }) as unknown as Job<SubmissionJobData>;

describe('PUT/GET /submissions/:id/captions/:lang', () => {
  it('stores an uploaded WebVTT file, lists it in the media and serves it back', async () => {
    const { id, token } = await upload('en');
    const res = await put(
      id,
      'en',
      token,
      'text/vtt',
      await readFile(path.join(MEDIA_DIR, 'captions-good.vtt'), 'utf8'),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      lang: 'en',
      status: 'ready',
      source: 'upload',
      cues: 2,
    });

    const got = await fetch(`${api}/submissions/${id}/captions/en`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toMatch(/^text\/vtt/);
    expect(await got.text()).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:00:03.200\nEvery morning I help my mum\nget out of bed.\n\n' +
        '00:00:03.300 --> 00:00:07.000\nThe carer is meant to arrive at nine,\nbut some days nobody comes.\n',
    );
    const view = await fetch(`${stack.baseUrl}/api/v1/submissions/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const media = ((await view.json()) as { media: Array<{ name: string }> }).media.map(
      (m) => m.name,
    );
    expect(media).toContain('captions.en.vtt');

    // A second upload (SRT this time) is a new revision and replaces the asset row.
    const again = await put(
      id,
      'en',
      token,
      'application/x-subrip',
      await readFile(path.join(MEDIA_DIR, 'captions-good.srt'), 'utf8'),
    );
    expect(again.status).toBe(200);
    const revisions = await listCaptionRevisions(stack.deps.db, id);
    expect(revisions.map((r) => [r.lang, r.source, r.created_by])).toEqual([
      ['en', 'upload', 'contributor'],
      ['en', 'upload', 'contributor'],
    ]);
    const audit = await listAuditForSubject(stack.deps.db, 'submission', id);
    expect(audit.filter((a) => a.action === 'captions.published')).toHaveLength(2);
  });

  it('refuses a bad file with 422 invalid_captions and the line number', async () => {
    const { id, token } = await upload('en');
    const res = await put(
      id,
      'en',
      token,
      'application/x-subrip',
      await readFile(path.join(MEDIA_DIR, 'captions-bad.srt'), 'utf8'),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_captions');
    expect(body.error.message).toMatch(/^Line 2: /);
  });

  it('refuses cues past the end of the media once its duration is known', async () => {
    const { id, token } = await upload('en');
    await stack.deps.db
      .updateTable('submissions')
      .set({ duration_seconds: 3.8 })
      .where('id', '=', id)
      .execute();
    const res = await put(
      id,
      'en',
      token,
      'text/vtt',
      await readFile(path.join(MEDIA_DIR, 'captions-good.vtt'), 'utf8'),
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /Line 7: .*after the video ends/,
    );
  });

  it('checks the token, the language, the content type and the state', async () => {
    const { id, token } = await upload('en');
    expect((await put(id, 'en', null, 'text/vtt', 'WEBVTT\n')).status).toBe(401);
    expect((await put(id, 'fr', token, 'text/vtt', 'WEBVTT\n')).status).toBe(404);
    expect((await put(id, 'en', token, 'application/json', '{}')).status).toBe(415);
    const other = await upload('en');
    expect((await put(id, 'en', other.token, 'text/vtt', 'WEBVTT\n')).status).toBe(404);
    // Once a moderator has claimed the clip, review has started: the contributor waits.
    const moderator = await createUser(stack.deps.db, {
      email: 'claims@example.org',
      role: 'moderator',
      password: 'a long enough password',
    });
    await stack.deps.db
      .insertInto('review_claims')
      .values({
        submission_id: other.id,
        user_id: moderator.id,
        expires_at: new Date(Date.now() + 60_000),
      })
      .execute();
    const claimed = await put(
      other.id,
      'en',
      other.token,
      'text/vtt',
      'WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n',
    );
    expect(claimed.status).toBe(409);
    await stack.deps.db
      .updateTable('submissions')
      .set({ status: 'approved' })
      .where('id', '=', id)
      .execute();
    const res = await put(id, 'en', token, 'text/vtt', 'WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n');
    expect(res.status).toBe(409);
    expect(
      (
        await fetch(`${api}/submissions/${id}/captions/cy`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(404);
  });
  it('times a transcript during the request once the clip is processed and short', async () => {
    const { id, token } = await upload('en');
    await stack.deps.db
      .updateTable('submissions')
      .set({ status: 'awaiting_review', duration_seconds: 3.8 })
      .where('id', '=', id)
      .execute();
    const res = await put(
      id,
      'en',
      token,
      'text/plain',
      'Good morning. I look after my father every day.',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', source: 'transcript' });
    const vtt = await (
      await fetch(`${api}/submissions/${id}/captions/en`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).text();
    expect(vtt).toContain('Good morning.');
  });
});

describe('handleCaptions (worker)', () => {
  it('times a contributor transcript against the audio and publishes Welsh captions', async () => {
    const { id, token } = await upload('cy');
    const res = await put(
      id,
      'cy',
      token,
      'text/plain; charset=utf-8',
      "Bore da. Rwy'n gofalu am fy nhad bob dydd.",
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'pending' });

    const outcome = await handleCaptions(stack.deps, fakeJob(id));
    expect(outcome).toMatchObject({
      captions: 'written',
      source: 'transcript',
      asset: { name: 'captions.cy.vtt' },
    });

    const vtt = await (
      await fetch(`${api}/submissions/${id}/captions/cy`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).text();
    expect(vtt).toMatch(/^WEBVTT\n\n/);
    expect(vtt).toContain('Bore da.');
    expect(vtt).toContain("Rwy'n gofalu am fy nhad bob dydd.");
    const revisions = await listCaptionRevisions(stack.deps.db, id);
    expect(revisions.map((r) => r.source)).toEqual(['transcript', 'transcript']);
    // A retry finds the captions already there and leaves them alone.
    expect(await handleCaptions(stack.deps, fakeJob(id))).toEqual({ captions: 'present' });
  });

  it('marks captions missing, without failing, when there is no transcript and no model', async () => {
    const { id } = await upload('en');
    expect(await handleCaptions(stack.deps, fakeJob(id))).toEqual({
      captions: 'missing',
      reason: 'no transcript and no speech recognition model',
    });
    const audit = await listAuditForSubject(stack.deps.db, 'submission', id);
    expect(audit.map((a) => a.action)).toContain('captions.missing');
  });

  it('runs whisper in its child process when a model is configured (the test model hears nothing)', async () => {
    const { id } = await upload('en');
    const model = path.join(MEDIA_DIR, '../models/whisper-for-tests-tiny.en.bin');
    const deps = { ...stack.deps, config: { ...stack.deps.config, whisperModel: model } };
    expect(await handleCaptions(deps, fakeJob(id))).toEqual({
      captions: 'missing',
      reason: 'asr found no speech',
    });
  });
});
