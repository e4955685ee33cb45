import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Job } from 'bullmq';
import { listCaptionRevisions } from '../src/captions/caption-revisions';
import { parseCaptions } from '../src/captions/parse-captions';
import { probeFile, runFfmpeg } from '../src/media';
import { buildRedactArgs } from '../src/media/redact-args';
import { getCampaignBySlug } from '../src/db/campaigns.queries';
import { getRedaction, insertRedaction } from '../src/db/redactions.queries';
import { getSubmission } from '../src/db/submissions.queries';
import { createUser } from '../src/db/users.queries';
import type { JobPayloads } from '../src/queue/jobs';
import { handleRedact } from '../workers/redact.processor';
import { startTestStack, type TestStack } from './support/stack';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { waitFor } from './support/wait-for';

/**
 * Trim and redact through the real stack: a moderator holding the claim trims the portrait
 * iPhone clip and blurs a rectangle; the workers render version 2 with real ffmpeg, shift the
 * captions and run the normal pipeline back to review. The picture is measured, not trusted.
 */
const run = promisify(execFile);
const CLIP = 'iphone-portrait-hevc.mov';
const PASSWORD = 'correct horse battery staple';
const TRIM = { start: 1, end: 6 };
const BLUR = { start: 2, end: 5, x: 0.55, y: 0.1, width: 0.4, height: 0.35 };

let stack: TestStack;
let dir: string;

beforeAll(async () => {
  stack = await startTestStack({ workers: true });
  dir = await mkdtemp(path.join(os.tmpdir(), 'redact-test-'));
  const demo = await getCampaignBySlug(stack.deps.db, 'demo');
  await createUser(stack.deps.db, {
    email: 'mod@example.org',
    role: 'moderator',
    password: PASSWORD,
    campaignIds: [demo!.id],
  });
}, 60_000);
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;

async function signIn() {
  const res = await fetch(api('/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'mod@example.org', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

/** The submission once it reaches `status` at `version`; a failed submission fails at once. */
async function waitForVersion(id: string, status: string, version: number, timeoutMs = 240_000) {
  let last = 'missing';
  return waitFor(
    async () => {
      const s = await getSubmission(stack.deps.db, id);
      last = `${s?.status} v${s?.media_version}`;
      if (s?.status === 'failed') throw new Error(`failed: ${s.failure_detail ?? s.failure_code}`);
      return s?.status === status && s.media_version === version ? s : undefined;
    },
    { what: () => `${id} to be ${status} v${version} (still ${last})`, timeoutMs, intervalMs: 500 },
  );
}

async function download(url: string, headers: Record<string, string>, file: string) {
  const res = await fetch(url, { headers });
  expect(res.status).toBe(200);
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

async function ffprobeJson(file: string) {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    '-count_frames',
    file,
  ]);
  return JSON.parse(stdout) as {
    format: { duration: string };
    streams: Array<{
      codec_type: string;
      width?: number;
      height?: number;
      nb_read_frames?: string;
      r_frame_rate: string;
    }>;
  };
}

/** One frame as 8-bit grey pixels, the same size for both versions. */
async function greyFrame(file: string, at: number, size: { w: number; h: number }) {
  const out = path.join(dir, `${path.basename(file)}-${at}.gray`);
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-ss',
    at.toFixed(3),
    '-i',
    file,
    '-frames:v',
    '1',
    '-vf',
    `scale=${size.w}:${size.h}`,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'gray',
    out,
  ]);
  return readFile(out);
}

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Mean absolute difference between neighbouring pixels: high for detail, near 0 when blurred. */
function edgeEnergy(px: Buffer, w: number, r: Rect): number {
  let sum = 0;
  let n = 0;
  for (let y = r.y0; y < r.y1 - 1; y++) {
    for (let x = r.x0; x < r.x1 - 1; x++) {
      const p = px[y * w + x]!;
      sum += Math.abs(p - px[y * w + x + 1]!) + Math.abs(p - px[(y + 1) * w + x]!);
      n++;
    }
  }
  return sum / n;
}

function meanAbsDiff(a: Buffer, b: Buffer, w: number, r: Rect): number {
  let sum = 0;
  let n = 0;
  for (let y = r.y0; y < r.y1; y++) {
    for (let x = r.x0; x < r.x1; x++) {
      sum += Math.abs(a[y * w + x]! - b[y * w + x]!);
      n++;
    }
  }
  return sum / n;
}

it('trims and blurs into a new version that returns to review, captions shifted', async () => {
  const created = await postMultipart(
    api('/submissions'),
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    { filename: CLIP, body: createReadStream(path.join(MEDIA_DIR, CLIP)) },
  );
  expect(created.status).toBe(201);
  const { id, token } = created.json() as { id: string; token: string };
  const bearer = { authorization: `Bearer ${token}` };
  await waitForVersion(id, 'awaiting_review', 1);
  const vtt = await readFile(path.join(MEDIA_DIR, 'captions-good.vtt'), 'utf8');
  const put = await fetch(api(`/submissions/${id}/captions/en`), {
    method: 'PUT',
    headers: { ...bearer, 'content-type': 'text/vtt' },
    body: vtt,
  });
  expect(put.status).toBe(200);
  // Version 1's renditions are removed once version 2 is published: keep a copy to compare.
  const old720 = await download(
    api(`/submissions/${id}/media/720p.mp4`),
    bearer,
    path.join(dir, 'v1.mp4'),
  );

  const staff = await signIn();
  const post = (body: unknown, headers: Record<string, string> = staff) =>
    fetch(api(`/submissions/${id}/edits`), {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const edit = { trim: TRIM, blurs: [BLUR], mediaVersion: 1 };

  // Nobody edits without a staff session, nor without holding the claim.
  expect((await post(edit, bearer)).status).toBe(401);
  expect((await post(edit)).status).toBe(409);
  const claim = await fetch(api(`/submissions/${id}/claim`), { method: 'POST', headers: staff });
  expect(claim.status).toBe(200);

  // The review page offers the form to the claim holder; a refused edit comes back in words.
  const pageUrl = `${stack.baseUrl}/staff/submissions/${id}`;
  const page = await fetch(pageUrl, { headers: { cookie: staff.cookie } });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Trim or blur');
  expect(html).toContain('id="blur1Width"');
  for (const [lang, words] of [
    ['en', 'The end must be no later than the end of the clip (7.7 seconds)'],
    ['cy', 'Ni chaiff y diwedd fod yn hwyrach na diwedd y clip (7.7 eiliad)'],
  ] as const) {
    const refused = await fetch(`${pageUrl}/edits?lang=${lang}`, {
      method: 'POST',
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: staff['x-csrf-token'],
        mediaVersion: '1',
        trimStart: '1',
        trimEnd: '99',
      }),
    });
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(text).toContain(words);
    expect(text).toContain('href="#trimEnd"');
    expect(text).toContain('value="99"');
  }

  // Bad specs: a 400 that says what is wrong, and nothing is queued.
  for (const [body, field, message] of [
    [{}, 'trim', /start and end points, or add at least one area/],
    [{ trim: { start: 1, end: 99 } }, 'trim.end', /after the end of the clip/],
    [{ trim: { start: 3, end: 3.5 } }, 'trim.end', /at least 1 second/],
    [{ blurs: [{ ...BLUR, x: 0.9, width: 0.3 }] }, 'blurs.0.width', /past the edge/],
    [{ trim: TRIM, blurs: [{ ...BLUR, start: 6.5, end: 7 }] }, 'blurs.0.start', /outside the part/],
    [{ trim: { start: 'one', end: 6 } }, 'trim.start', /not valid/],
    [{ trim: TRIM, rotate: 90 }, undefined, /not valid/],
  ] as const) {
    const res = await post(body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as {
      error: { code: string; message: string; field?: string };
    };
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(message);
    if (field) expect(JSON.stringify(error)).toContain(field);
  }
  expect((await post({ ...edit, mediaVersion: 7 })).status).toBe(409);

  const accepted = await post(edit);
  expect(accepted.status).toBe(202);
  expect(await accepted.json()).toMatchObject({
    id,
    status: 'queued',
    fromVersion: 1,
    mediaVersion: 2,
  });
  // A second edit while the first renders is refused.
  expect((await post(edit)).status).toBe(409);

  const v2 = await waitForVersion(id, 'awaiting_review', 2);
  expect(v2.duration_seconds).toBeCloseTo(TRIM.end - TRIM.start, 0);
  const audit = await stack.deps.db
    .selectFrom('audit_events')
    .select('action')
    .where('subject_id', '=', id)
    .execute();
  expect(audit.map((a) => a.action)).toEqual(
    expect.arrayContaining(['submission.edit_requested', 'submission.redacted']),
  );

  // The new 720p lasts (out - in) to within a frame.
  const new720 = await download(
    api(`/submissions/${id}/media/720p.mp4`),
    bearer,
    path.join(dir, 'v2.mp4'),
  );
  const probed = await ffprobeJson(new720);
  const video = probed.streams.find((s) => s.codec_type === 'video')!;
  const [num, den] = video.r_frame_rate.split('/').map(Number) as [number, number];
  const frame = den / num;
  const frames = Number(video.nb_read_frames);
  expect(Math.abs(frames * frame - (TRIM.end - TRIM.start))).toBeLessThanOrEqual(frame + 1e-6);
  expect(Math.abs(Number(probed.format.duration) - (TRIM.end - TRIM.start))).toBeLessThan(0.1);
  const size = { w: video.width!, h: video.height! };
  expect(size).toEqual({ w: 720, h: 1280 });

  // Inside the rectangle, during the blur: far smoother than the same place in version 1.
  // Elsewhere in the same frame: the same picture (both went through one more encode only).
  const oldAt = 3.5;
  const [before, after] = await Promise.all([
    greyFrame(old720, oldAt, size),
    greyFrame(new720, oldAt - TRIM.start, size),
  ]);
  const inset = 0.1;
  const inside: Rect = {
    x0: Math.ceil((BLUR.x + BLUR.width * inset) * size.w),
    y0: Math.ceil((BLUR.y + BLUR.height * inset) * size.h),
    x1: Math.floor((BLUR.x + BLUR.width * (1 - inset)) * size.w),
    y1: Math.floor((BLUR.y + BLUR.height * (1 - inset)) * size.h),
  };
  const below: Rect = { x0: 0, y0: Math.ceil(0.55 * size.h), x1: size.w, y1: size.h };
  const detailBefore = edgeEnergy(before, size.w, inside);
  const detailAfter = edgeEnergy(after, size.w, inside);
  const unchanged = meanAbsDiff(before, after, size.w, below);
  expect(detailBefore).toBeGreaterThan(2);
  expect(detailAfter).toBeLessThan(detailBefore * 0.25);
  expect(unchanged).toBeLessThan(4);
  // Outside the blur's time range the rectangle is sharp again.
  const [lateOld, lateNew] = await Promise.all([
    greyFrame(old720, 5.5, size),
    greyFrame(new720, 5.5 - TRIM.start, size),
  ]);
  expect(edgeEnergy(lateNew, size.w, inside)).toBeGreaterThan(
    edgeEnergy(lateOld, size.w, inside) * 0.6,
  );

  // Captions moved with the trim: the cue at 3.3 s now starts at 2.3 s, the first is clipped.
  const captions = await fetch(api(`/submissions/${id}/captions/en`), { headers: bearer });
  expect(captions.status).toBe(200);
  const cues = parseCaptions(await captions.text(), 'vtt');
  expect(cues.map((c) => [c.start, c.end])).toEqual([
    [0, 2.2],
    [3.3 - TRIM.start, TRIM.end - TRIM.start],
  ]);

  // The unredacted original: staff only, and only until the edited clip is approved.
  const originalUrl = api(`/submissions/${id}/versions/1/original`);
  expect((await fetch(originalUrl, { headers: bearer })).status).toBe(401);
  expect((await fetch(originalUrl)).status).toBe(401);
  const original = await fetch(originalUrl, { headers: { cookie: staff.cookie } });
  expect(original.status).toBe(200);
  expect((await original.arrayBuffer()).byteLength).toBe(
    (await stat(path.join(MEDIA_DIR, CLIP))).size,
  );
  const edits = await fetch(api(`/submissions/${id}/edits`), { headers: { cookie: staff.cookie } });
  expect(await edits.json()).toMatchObject({
    items: [{ status: 'done', fromVersion: 1, mediaVersion: 2, originalAvailable: true }],
  });

  expect(
    (await fetch(api(`/submissions/${id}/claim`), { method: 'POST', headers: staff })).status,
  ).toBe(200);
  const approve = await fetch(api(`/submissions/${id}/decision`), {
    method: 'POST',
    headers: { ...staff, 'content-type': 'application/json' },
    body: JSON.stringify({
      decision: 'approve',
      consentCheck: true,
      contentCheck: true,
      mediaVersion: 2,
    }),
  });
  expect(approve.status).toBe(200);
  expect((await fetch(originalUrl, { headers: { cookie: staff.cookie } })).status).toBe(404);
  expect(await stack.deps.store.head(`originals/${id}/1`)).toBeNull();
  expect(await stack.deps.store.head(`originals/${id}/2`)).not.toBeNull();
}, 600_000);

/** Replaces one method of a dependency with a failure: a crash at that point of the job. */
function failing<T extends object>(target: T, method: keyof T & string): T {
  return new Proxy(target, {
    get(t, prop) {
      if (prop === method) return () => Promise.reject(new Error(`injected crash in ${method}`));
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

it('finishes an edit interrupted at any point with the new version live and captions carried once', async () => {
  const created = await postMultipart(
    api('/submissions'),
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    {
      filename: 'android-vfr.mp4',
      body: createReadStream(path.join(MEDIA_DIR, 'android-vfr.mp4')),
    },
  );
  expect(created.status).toBe(201);
  const { id, token } = created.json() as { id: string; token: string };
  const bearer = { authorization: `Bearer ${token}` };
  await waitForVersion(id, 'awaiting_review', 1);
  const vtt = 'WEBVTT\n\n00:00.000 --> 00:03.200\nOne\n\n00:03.300 --> 00:05.500\nTwo\n';
  const put = await fetch(api(`/submissions/${id}/captions/en`), {
    method: 'PUT',
    headers: { ...bearer, 'content-type': 'text/vtt' },
    body: vtt,
  });
  expect(put.status).toBe(200);

  // The edit as the API records it, but run here step by step rather than by the workers.
  const mod = await stack.deps.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'mod@example.org')
    .executeTakeFirstOrThrow();
  const r = await insertRedaction(stack.deps.db, {
    submissionId: id,
    fromVersion: 1,
    spec: { trim: { start: 1, end: 5 }, blurs: [] },
    requestedBy: mod.id,
  });
  if (!r) throw new Error('edit not recorded');
  // handleRedact reads only these members of a BullMQ Job; an attempt that is not the last.
  const job = {
    id: `redact-${r.id}`,
    data: { submissionId: id, redactionId: r.id },
    opts: { attempts: 3 },
    attemptsMade: 0,
    updateProgress: async () => undefined,
  } as unknown as Job<JobPayloads['redact']>;
  const carried = async () =>
    (await listCaptionRevisions(stack.deps.db, id)).filter((c) => c.media_version === 2);

  // Crash while the captions are carried, after the new original is stored: nothing moved,
  // the edit is still owed (the reconciler queues it again if Redis lost the job).
  await expect(
    handleRedact({ ...stack.deps, store: failing(stack.deps.store, 'putStream') }, job),
  ).rejects.toThrow(/injected crash/);
  expect((await getRedaction(stack.deps.db, r.id))?.status).toBe('queued');
  expect(await getSubmission(stack.deps.db, id)).toMatchObject({
    status: 'awaiting_review',
    media_version: 1,
  });
  expect(await carried()).toEqual([]);

  // Crash after the version is recorded, before processing is queued: the version is live
  // and already has its captions.
  await expect(
    handleRedact({ ...stack.deps, queues: failing(stack.deps.queues, 'enqueueProcessing') }, job),
  ).rejects.toThrow(/injected crash/);
  expect((await getRedaction(stack.deps.db, r.id))?.status).toBe('done');
  expect(await getSubmission(stack.deps.db, id)).toMatchObject({
    status: 'uploaded',
    media_version: 2,
  });
  expect((await carried()).map((c) => [c.lang, c.source])).toEqual([['en', 'edit']]);

  // The rerun queues processing and carries nothing a second time.
  expect(await handleRedact(stack.deps, job)).toMatchObject({ outcome: 'done', mediaVersion: 2 });
  await waitForVersion(id, 'awaiting_review', 2);
  expect((await carried()).map((c) => [c.lang, c.source])).toEqual([['en', 'edit']]);
  const captions = await fetch(api(`/submissions/${id}/captions/en`), { headers: bearer });
  expect(captions.status).toBe(200);
  expect(parseCaptions(await captions.text(), 'vtt').map((c) => [c.start, c.end, c.text])).toEqual([
    [0, 2.2, 'One'],
    [2.3, 4, 'Two'],
  ]);
}, 600_000);

describe('the redact render on real clips (ffprobe checks the output)', () => {
  it.each([
    // clip, upright size of the output (null: audio only), pixel format, has audio
    ['iphone-hdr-hlg.mov', [720, 1280], 'yuv420p10le', true],
    ['odd-size-upside-down.mp4', [320, 240], 'yuv420p', true],
    ['browser-recording.webm', [640, 480], 'yuv420p', true],
    ['android-vfr.mp4', [1280, 720], 'yuv420p', true],
    ['two-audio-tracks.mov', [1280, 720], 'yuv420p', true],
    ['silent-no-audio.mp4', [1280, 720], 'yuv420p', false],
    ['audio-only.m4a', null, null, true],
  ] as const)('%s', async (clip, size, pixFmt, hasAudio) => {
    const input = path.join(MEDIA_DIR, clip);
    const probe = (await probeFile(input, { threads: 2 })).probe!;
    const trim = { start: 0.5, end: Math.min(probe.durationSeconds!, 2.5) };
    const blurs = probe.video
      ? [{ start: 0.6, end: 1.5, x: 0.2, y: 0.2, width: 0.5, height: 0.5 }]
      : [];
    const output = path.join(dir, `${clip}.mp4`);
    await runFfmpeg(
      buildRedactArgs({
        inputPath: input,
        outputPath: output,
        spec: { trim, blurs },
        probe,
        threads: 2,
      }),
      { timeoutMs: 120_000 },
    );
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-print_format',
      'json',
      '-show_format',
      '-show_streams',
      output,
    ]);
    const out = JSON.parse(stdout) as {
      format: { duration: string };
      streams: Array<{
        codec_type: string;
        width?: number;
        height?: number;
        pix_fmt?: string;
        color_transfer?: string;
        side_data_list?: unknown[];
      }>;
    };
    expect(Math.abs(Number(out.format.duration) - (trim.end - trim.start))).toBeLessThan(0.1);
    const video = out.streams.find((s) => s.codec_type === 'video');
    if (size) {
      // Upright pixels with no display matrix left for a player to turn a second time.
      expect([video?.width, video?.height]).toEqual(size);
      expect(video?.pix_fmt).toBe(pixFmt);
      expect(video?.side_data_list ?? []).toEqual([]);
      if (probe.video?.hdr === 'hlg') expect(video?.color_transfer).toBe('arib-std-b67');
    } else {
      expect(video).toBeUndefined();
    }
    expect(out.streams.some((s) => s.codec_type === 'audio')).toBe(hasAudio);
  });
});
