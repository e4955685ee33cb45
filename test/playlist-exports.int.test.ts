import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createUser } from '../src/db/users.queries';
import { LOUDNESS_TARGET } from '../src/media/loudness';
import { inspect, measureEbuR128 } from '../src/media/test-inspect';
import { TITLE_CARD_SECONDS } from '../src/media/playlist-export-args';
import { exportKey, mediaKey } from '../src/storage/keys';
import { startTestStack, type TestStack } from './support/stack';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { waitFor } from './support/wait-for';
import { findDemoCampaign } from './support/test-database';

/**
 * A playlist export end to end: three manifest clips of different orientations uploaded and
 * processed by the real workers, approved, put in a playlist, exported through the API by the
 * export worker (real ffmpeg), downloaded through the authorised proxy and checked with ffprobe.
 */
let stack: TestStack;
let tmp: string;
const PASSWORD = 'correct horse battery staple';
const CLIPS = ['iphone-portrait-hevc.mov', 'android-vfr.mp4', 'odd-size-upside-down.mp4'];

interface Session {
  cookie: string;
  csrf: string;
}
const sessions: Record<string, Session> = {};
const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;

async function signIn(email: string) {
  const res = await fetch(api('/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  sessions[email] = {
    cookie: res.headers.getSetCookie()[0]?.split(';')[0] ?? '',
    csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
  };
}

function call(email: string, method: string, url: string, body?: unknown) {
  const s = sessions[email]!;
  return fetch(url.startsWith('http') ? url : api(url), {
    method,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers are checked field by field
const json = async (res: Response): Promise<any> => res.json();

let clips: Array<{ id: string; token: string; file: string }> = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lev-export-'));
  stack = await startTestStack({ workers: true });
  const db = stack.deps.db;
  const demo = await findDemoCampaign(db);
  for (const [email, role] of [
    ['fac@example.org', 'facilitator'],
    ['mod@example.org', 'moderator'],
  ] as const) {
    await createUser(db, { email, role, password: PASSWORD, campaignIds: [demo.id] });
    await signIn(email);
  }
  clips = [];
  for (const [n, file] of CLIPS.entries()) {
    const res = await postMultipart(
      api('/submissions'),
      {
        campaign: 'demo',
        consent: JSON.stringify({
          ...validConsent,
          scopes: ['jury', 'livestream'],
          displayName: `Contributor ${n + 1}`,
        }),
      },
      { filename: file, body: createReadStream(path.join(MEDIA_DIR, file)) },
    );
    expect(res.status).toBe(201);
    const { id, token } = res.json() as { id: string; token: string };
    clips.push({ id, token, file });
  }
  for (const c of clips) {
    await waitFor(
      async () => {
        const res = await fetch(api(`/submissions/${c.id}`), {
          headers: { authorization: `Bearer ${c.token}` },
        });
        const status = ((await res.json()) as { status: string }).status;
        if (status === 'failed') throw new Error(`${c.file} failed processing`);
        return status === 'awaiting_review' ? status : undefined;
      },
      { what: `${c.file} processed`, timeoutMs: 300_000, intervalMs: 500 },
    );
  }
  // English captions on one clip (the 7.7 s one: the cues run to 7 s), to be burned in.
  const put = await fetch(api(`/submissions/${clips[0]!.id}/captions/en`), {
    method: 'PUT',
    headers: { authorization: `Bearer ${clips[0]!.token}`, 'content-type': 'text/vtt' },
    body: await readFile(path.join(MEDIA_DIR, 'captions-good.vtt'), 'utf8'),
  });
  expect([put.status, put.status === 200 ? '' : await put.text()]).toEqual([200, '']);
  for (const c of clips) {
    expect((await call('mod@example.org', 'POST', `/submissions/${c.id}/claim`)).status).toBe(200);
    const res = await call('mod@example.org', 'POST', `/submissions/${c.id}/decision`, {
      decision: 'approve',
      consentCheck: true,
      contentCheck: true,
      note: '',
    });
    expect(res.status).toBe(200);
  }
}, 900_000);

afterAll(async () => {
  await stack?.close();
  await rm(tmp, { recursive: true, force: true });
});

it('renders three clips of different orientations into one MP4 with title cards', async () => {
  const created = await call('fac@example.org', 'POST', '/playlists', {
    campaign: 'demo',
    title: { en: 'Live session', cy: 'Sesiwn fyw' },
    use: 'livestream',
  });
  expect(created.status).toBe(201);
  const pid = (await json(created)).id as string;
  for (const c of clips) {
    expect(
      (await call('fac@example.org', 'POST', `/playlists/${pid}/items`, { submissionId: c.id }))
        .status,
    ).toBe(201);
  }
  const first = (await json(await call('fac@example.org', 'GET', `/playlists/${pid}`))).items[0];
  await call('fac@example.org', 'PUT', `/playlists/${pid}/items/${first.id}`, {
    intro: { en: 'Mornings at home', cy: 'Boreau gartref' },
  });

  const bad = await call('fac@example.org', 'POST', `/playlists/${pid}/exports`, { height: 480 });
  expect(bad.status).toBe(400);
  const started = await call('fac@example.org', 'POST', `/playlists/${pid}/exports`, {
    lang: 'en',
    height: 720,
  });
  expect(started.status).toBe(201);
  const queued = await json(started);
  expect(queued).toMatchObject({ status: 'queued', progress: 0, lang: 'en', height: 720 });

  const seen = new Set<string>();
  const done = await waitFor(
    async () => {
      const e = await json(
        await call('fac@example.org', 'GET', `/playlists/${pid}/exports/${queued.id}`),
      );
      seen.add(e.status);
      expect(e.progress).toBeGreaterThanOrEqual(0);
      expect(e.progress).toBeLessThanOrEqual(100);
      return e.status === 'ready' || e.status === 'failed' ? e : undefined;
    },
    { what: 'the export', timeoutMs: 600_000, intervalMs: 500 },
  );
  expect(done).toMatchObject({ status: 'ready', progress: 100, clips: 3 });
  expect(seen.has('queued') || seen.has('rendering')).toBe(true);
  expect(done.url).toBe(`${stack.baseUrl}/api/v1/playlists/${pid}/exports/${queued.id}/download`);
  expect(await stack.deps.store.list(`exports/${pid}/`)).toEqual([
    expect.objectContaining({ key: exportKey(pid, queued.id) }),
  ]);

  const download = await call('fac@example.org', 'GET', done.url);
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('video/mp4');
  expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
  const out = path.join(tmp, 'export.mp4');
  await writeFile(out, Buffer.from(await download.arrayBuffer()));

  let clipSeconds = 0;
  for (const c of clips) {
    const file = path.join(tmp, `${c.id}.mp4`);
    await stack.deps.store.downloadToFile(mediaKey(c.id, 1, '720p.mp4'), file);
    clipSeconds += Number((await inspect(file)).format.duration);
  }
  const probe = await inspect(out);
  const expected = clipSeconds + CLIPS.length * TITLE_CARD_SECONDS;
  expect(Math.abs(Number(probe.format.duration) - expected)).toBeLessThanOrEqual(0.5);
  const video = probe.streams.filter((s) => s.codec_type === 'video');
  expect(video).toHaveLength(1);
  expect(video[0]).toMatchObject({ width: 1280, height: 720 });
  expect(probe.streams.filter((s) => s.codec_type === 'audio')).toHaveLength(1);
  // Every clip is brought to the same loudness (EBU R128), so the whole file reads as the target.
  const loudness = await measureEbuR128(out, tmp);
  expect(Math.abs(loudness.integrated - LOUDNESS_TARGET.integrated)).toBeLessThanOrEqual(1);

  const list = await json(await call('fac@example.org', 'GET', `/playlists/${pid}/exports`));
  expect(list.items.map((e: { id: string }) => e.id)).toEqual([queued.id]);
  const actions = (
    await stack.deps.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', pid)
      .orderBy('id')
      .execute()
  ).map((r) => r.action);
  expect(actions).toEqual(
    expect.arrayContaining([
      'playlist.export_requested',
      'playlist.export_ready',
      'playlist.export_downloaded',
    ]),
  );

  // Withdrawing one of its clips deletes the file and tells the facilitator.
  const gone = clips[2]!;
  const withdrawn = await fetch(api(`/submissions/${gone.id}`), {
    method: 'DELETE',
    headers: { authorization: `Bearer ${gone.token}` },
  });
  expect(withdrawn.status).toBeLessThan(300);
  expect(await stack.deps.store.list(`exports/${pid}/`)).toEqual([]);
  const after = await json(await call('fac@example.org', 'GET', `/playlists/${pid}`));
  expect(after.items).toHaveLength(2);
  expect(after.changes).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'export_deleted', exportId: queued.id }),
      expect.objectContaining({ kind: 'item_removed', reason: 'withdrawn', submissionId: gone.id }),
    ]),
  );
});

it('marks an export failed, with the reason, when a clip cannot be read after its retries', async () => {
  const created = await call('fac@example.org', 'POST', '/playlists', {
    campaign: 'demo',
    title: { en: 'Broken', cy: 'Wedi torri' },
    use: 'jury',
  });
  const pid = (await json(created)).id as string;
  const c = clips[1]!;
  expect(
    (await call('fac@example.org', 'POST', `/playlists/${pid}/items`, { submissionId: c.id }))
      .status,
  ).toBe(201);
  // The rendition disappears from storage (an operator's mistake): nothing to render from.
  await stack.deps.store.deleteKey(mediaKey(c.id, 1, '720p.mp4'));
  const started = await json(
    await call('fac@example.org', 'POST', `/playlists/${pid}/exports`, { lang: 'cy' }),
  );
  const done = await waitFor(
    async () => {
      const e = await json(
        await call('fac@example.org', 'GET', `/playlists/${pid}/exports/${started.id}`),
      );
      return e.status === 'failed' || e.status === 'ready' ? e : undefined;
    },
    { what: 'the failure', timeoutMs: 300_000, intervalMs: 500 },
  );
  expect(done).toMatchObject({ status: 'failed', reason: expect.any(String) });
  expect(done.url).toBeUndefined();
  expect(await stack.deps.store.list(`exports/${pid}/`)).toEqual([]);
  const failed = await stack.deps.db
    .selectFrom('audit_events')
    .select('action')
    .where('subject_id', '=', pid)
    .where('action', '=', 'playlist.export_failed')
    .execute();
  expect(failed).toHaveLength(1);
});
