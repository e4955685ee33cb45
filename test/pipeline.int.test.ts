import { createReadStream } from 'node:fs';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import type { SubmissionJobData } from '../src/queue/jobs';
import { handleLowRendition } from '../workers/low-rendition.processor';
import { inspect } from '../src/media/test-inspect';
import { submissionPrefixes } from '../src/storage/keys';
import { startTestStack, type TestStack } from './support/stack';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { waitFor } from './support/wait-for';

/**
 * A phone video through the real parts: API → S3 → BullMQ → ffmpeg → PostgreSQL → review queue.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ workers: true });
});
afterAll(() => stack.close());

interface Created {
  id: string;
  token: string;
}

async function upload(file: string, language = 'en'): Promise<Created> {
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify({ ...validConsent, language }) },
    { filename: file, body: createReadStream(path.join(MEDIA_DIR, file)) },
  );
  expect(res.status).toBe(201);
  return res.json() as unknown as Created;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function statusOf(s: Created) {
  const res = await fetch(`${stack.baseUrl}/api/v1/submissions/${s.id}`, {
    headers: auth(s.token),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    status: string;
    failureReason?: string;
    failureCode?: string;
    media: Array<{ name: string; contentType: string; bytes: number }>;
  };
}

async function waitForSettled(s: Created, timeoutMs = 240_000) {
  let last = '';
  return waitFor(
    async () => {
      const view = await statusOf(s);
      last = view.status;
      return ['uploaded', 'processing'].includes(view.status) ? undefined : view;
    },
    { what: () => `submission ${s.id} to settle (still ${last})`, timeoutMs, intervalMs: 500 },
  );
}

/** The media listing once `name` is in it: renditions after review arrive by their own jobs. */
async function waitForMedia(s: Created, name: string, timeoutMs = 120_000) {
  return waitFor(
    async () => {
      const view = await statusOf(s);
      return view.media.some((m) => m.name === name) ? view : undefined;
    },
    { what: `${name} of submission ${s.id} to be published`, timeoutMs, intervalMs: 500 },
  );
}

/** The 360p job run directly, as a worker would run it, for a given version. */
const runLowRendition = (submissionId: string, mediaVersion: number) =>
  handleLowRendition(stack.deps, {
    data: { submissionId, mediaVersion },
  } as Job<SubmissionJobData>);

describe('processing pipeline', () => {
  let iphone: Created;
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'lev-pipe-'));
    iphone = await upload('iphone-portrait-hevc.mov');
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('takes an iPhone HEVC portrait clip to awaiting_review with a 720x1280 H.264 rendition and a poster', async () => {
    const view = await waitForSettled(iphone);
    expect(view.status).toBe('awaiting_review');
    const names = view.media.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['720p.mp4', 'poster.jpg']));

    const res = await fetch(`${stack.baseUrl}/api/v1/submissions/${iphone.id}/media/720p.mp4`, {
      headers: auth(iphone.token),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    const file = path.join(tmp, '720p.mp4');
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const probe = await inspect(file);
    const video = probe.streams.find((s) => s.codec_type === 'video');
    expect(video).toMatchObject({ codec_name: 'h264', width: 720, height: 1280 });
    expect(video?.side_data_list ?? []).toEqual([]);
    expect(probe.streams.some((s) => s.codec_type === 'audio' && s.codec_name === 'aac')).toBe(
      true,
    );
    expect(
      Object.keys(probe.format.tags ?? {}).filter((k) => /location|make|model|creation/i.test(k)),
    ).toEqual([]);

    const poster = await fetch(
      `${stack.baseUrl}/api/v1/submissions/${iphone.id}/media/poster.jpg`,
      { headers: auth(iphone.token) },
    );
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
  });

  it('then adds a 360p to the listing by its own job, to spec, without changing the state', async () => {
    const view = await waitForMedia(iphone, '360p.mp4');
    expect(view.status).toBe('awaiting_review');
    expect(view.media.find((m) => m.name === '360p.mp4')).toMatchObject({
      contentType: 'video/mp4',
    });
    const res = await fetch(`${stack.baseUrl}/api/v1/submissions/${iphone.id}/media/360p.mp4`, {
      headers: auth(iphone.token),
    });
    expect(res.status).toBe(200);
    const file = path.join(tmp, '360p.mp4');
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const probe = await inspect(file);
    const video = probe.streams.find((s) => s.codec_type === 'video');
    expect(video).toMatchObject({
      codec_name: 'h264',
      profile: 'High',
      pix_fmt: 'yuv420p',
      color_space: 'bt709',
      color_transfer: 'bt709',
      color_primaries: 'bt709',
      width: 360,
      height: 640,
    });
    expect(video?.r_frame_rate).toBe(video?.avg_frame_rate);
    expect(video?.side_data_list ?? []).toEqual([]);
    const audio = probe.streams.filter((s) => s.codec_type === 'audio');
    expect(audio).toHaveLength(1);
    expect(audio[0]).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    const tags = [probe.format.tags ?? {}, ...probe.streams.map((s) => s.tags ?? {})];
    for (const t of tags) {
      expect(Object.keys(t).filter((k) => /location|make|model|creation/i.test(k))).toEqual([]);
    }
    // +faststart: the index comes before the media data.
    const bytes = await readFile(file);
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
    // A second run of the same version finds it listed and does nothing.
    expect(await runLowRendition(iphone.id, 1)).toEqual({ lowRendition: 'present' });
  });

  it('serves byte ranges of the rendition', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/submissions/${iphone.id}/media/720p.mp4`, {
      headers: { ...auth(iphone.token), range: 'bytes=0-99' },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toMatch(/^bytes 0-99\/\d+$/);
    expect((await res.arrayBuffer()).byteLength).toBe(100);
  });

  it('ends a truncated upload as failed with a plain-language reason', async () => {
    const s = await upload('truncated.mp4');
    const view = await waitForSettled(s);
    expect(view.status).toBe('failed');
    expect(view.failureCode).toBe('unreadable');
    expect(view.failureReason).toMatch(/\w+ \w+/);
  });

  it('never lets one submission token read another submission', async () => {
    const other = await upload('welsh-speech.mp4');
    const asOther = await fetch(`${stack.baseUrl}/api/v1/submissions/${iphone.id}`, {
      headers: auth(other.token),
    });
    expect(asOther.status).toBe(404);
    const media = await fetch(`${stack.baseUrl}/api/v1/submissions/${iphone.id}/media/720p.mp4`, {
      headers: auth(other.token),
    });
    expect(media.status).toBe(404);
    const withdraw = await fetch(`${stack.baseUrl}/api/v1/submissions/${iphone.id}`, {
      method: 'DELETE',
      headers: auth(other.token),
    });
    expect(withdraw.status).toBe(404);
    await waitForSettled(other);
  });

  it('processes a new version and removes the old renditions once it is ready', async () => {
    const s = await upload('truncated.mp4');
    expect((await waitForSettled(s)).status).toBe('failed');
    const res = await postMultipart(
      `${stack.baseUrl}/api/v1/submissions/${s.id}/versions`,
      {},
      { filename: 'again.mp4', body: createReadStream(path.join(MEDIA_DIR, 'android-vfr.mp4')) },
      auth(s.token),
    );
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({ id: s.id, status: 'uploaded', mediaVersion: 2 });
    expect((await waitForSettled(s)).status).toBe('awaiting_review');

    // A third version replaces the second's renditions.
    const third = await postMultipart(
      `${stack.baseUrl}/api/v1/submissions/${s.id}/versions`,
      {},
      {
        filename: 'third.mp4',
        body: createReadStream(path.join(MEDIA_DIR, 'silent-no-audio.mp4')),
      },
      auth(s.token),
    );
    expect(third.status).toBe(201);
    const view = await waitForSettled(s);
    expect(view.status).toBe('awaiting_review');
    expect(view.media.map((m) => m.name)).toContain('720p.mp4');
    // The old renditions go just after the new version is published.
    await waitFor(async () => (await stack.deps.store.list(`media/${s.id}/2/`)).length === 0, {
      what: 'the renditions of version 2 to be deleted',
      intervalMs: 200,
    });
    expect(await stack.deps.store.list(`media/${s.id}/2/`)).toEqual([]);
    await waitForMedia(s, '360p.mp4');
    expect((await stack.deps.store.list(`media/${s.id}/3/`)).length).toBe(5);
  });

  it('skips the 360p of a version that is no longer current, quietly', async () => {
    const s = await upload('android-vfr.mp4');
    expect((await waitForSettled(s)).status).toBe('awaiting_review');
    await waitForMedia(s, '360p.mp4');
    const next = await postMultipart(
      `${stack.baseUrl}/api/v1/submissions/${s.id}/versions`,
      {},
      {
        filename: 'next.mp4',
        body: createReadStream(path.join(MEDIA_DIR, 'silent-no-audio.mp4')),
      },
      auth(s.token),
    );
    expect(next.status).toBe(201);
    expect((await waitForSettled(s)).status).toBe('awaiting_review');
    await waitFor(async () => (await stack.deps.store.list(`media/${s.id}/1/`)).length === 0, {
      what: 'the renditions of version 1 to be deleted',
      intervalMs: 200,
    });
    // A late or repeated job for version 1 (say, retried after the new version was published).
    expect(await runLowRendition(s.id, 1)).toEqual({ lowRendition: 'skipped' });
    expect(await stack.deps.store.list(`media/${s.id}/1/`)).toEqual([]);
    const rows = await stack.deps.db
      .selectFrom('media_assets')
      .select('name')
      .where('submission_id', '=', s.id)
      .where('version', '=', 1)
      .execute();
    expect(rows).toEqual([]);
    const view = await waitForMedia(s, '360p.mp4');
    expect(view.status).toBe('awaiting_review');
  });

  it('times a transcript sent during processing into Welsh captions after review is reached', async () => {
    const s = await upload('welsh-speech.mp4', 'cy');
    const put = await fetch(`${stack.baseUrl}/api/v1/submissions/${s.id}/captions/cy`, {
      method: 'PUT',
      headers: { ...auth(s.token), 'content-type': 'text/plain; charset=utf-8' },
      body: "Bore da. Rwy'n gofalu am fy nhad bob dydd.",
    });
    expect(put.status).toBe(202);
    expect((await waitForSettled(s)).status).toBe('awaiting_review');
    const names = await waitFor(
      async () => {
        const now = (await statusOf(s)).media.map((m) => m.name);
        return now.includes('captions.cy.vtt') ? now : undefined;
      },
      { what: 'the Welsh captions to be published', timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(names).toEqual(expect.arrayContaining(['720p.mp4', 'captions.cy.vtt']));
    const vtt = await fetch(`${stack.baseUrl}/api/v1/submissions/${s.id}/media/captions.cy.vtt`, {
      headers: auth(s.token),
    });
    expect(await vtt.text()).toContain('Bore da.');
  });

  it('withdrawal purges every object of the submission', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/submissions/${iphone.id}`, {
      method: 'DELETE',
      headers: auth(iphone.token),
    });
    expect(res.status).toBe(200);
    for (const prefix of submissionPrefixes(iphone.id)) {
      expect(await stack.deps.store.list(prefix)).toEqual([]);
    }
    const view = await statusOf(iphone);
    expect(view).toMatchObject({ status: 'withdrawn', media: [] });
    const consent = await stack.deps.db
      .selectFrom('consents')
      .selectAll()
      .where('submission_id', '=', iphone.id)
      .executeTakeFirstOrThrow();
    expect(consent.display_name).toBeNull();
    const media = await fetch(`${stack.baseUrl}/api/v1/submissions/${iphone.id}/media/720p.mp4`, {
      headers: auth(iphone.token),
    });
    expect(media.status).toBe(404);
    // The 360p job of a withdrawn version does nothing.
    expect(await runLowRendition(iphone.id, 1)).toEqual({ lowRendition: 'skipped' });
    expect(await stack.deps.store.list(`media/${iphone.id}/`)).toEqual([]);
  });
});
