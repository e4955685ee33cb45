import { createReadStream } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Job } from 'bullmq';
import { flagNewVersion } from '../src/api/playlist-changes';
import type { JobPayloads } from '../src/queue/jobs';
import { handlePurge } from '../workers/purge.processor';
import { createCampaign } from '../src/db/campaigns.queries';
import { transitionSubmission } from '../src/db/submissions.queries';
import { createUser } from '../src/db/users.queries';
import { demoCampaign } from '../src/demo-campaign';
import { findDemoCampaign } from './support/test-database';
import { exportKey, mediaKey } from '../src/storage/keys';
import { startTestStack, type TestStack } from './support/stack';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';

/**
 * Jury playlists through the real API on PostgreSQL, Redis and the S3 server: eligibility
 * refusals, ordering under concurrent edits, share links (expiry, revocation, media), and clips
 * leaving on their own (withdrawal, rejection of a new version) with their exports deleted.
 */
let stack: TestStack;
const PASSWORD = 'correct horse battery staple';
let demoId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const db = stack.deps.db;
  const other = await createCampaign(db, { ...demoCampaign, slug: 'other' });
  demoId = (await findDemoCampaign(db)).id;
  const make = (email: string, role: 'admin' | 'moderator' | 'facilitator', ids: string[]) =>
    createUser(db, { email, role, password: PASSWORD, campaignIds: ids });
  await make('boss@example.org', 'admin', []);
  await make('fac1@example.org', 'facilitator', [demoId]);
  await make('fac2@example.org', 'facilitator', [demoId]);
  await make('far@example.org', 'facilitator', [other.id]);
  await make('mod@example.org', 'moderator', [demoId]);
});
afterAll(() => stack.close());

const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;

interface Session {
  cookie: string;
  csrf: string;
}

// One sign-in per account, shared by concurrent requests.
const sessions = new Map<string, Promise<Session>>();
function as(email: string): Promise<Session> {
  let s = sessions.get(email);
  if (!s) {
    s = (async () => {
      const res = await fetch(api('/auth/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie()[0]?.split(';')[0] ?? '';
      return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    })();
    sessions.set(email, s);
  }
  return s;
}

async function call(email: string | undefined, method: string, p: string, body?: unknown) {
  const s = email ? await as(email) : undefined;
  return fetch(api(p), {
    method,
    headers: {
      ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers are checked field by field
const json = async (res: Response): Promise<any> => res.json();

interface Clip {
  id: string;
  token: string;
}

/** A clip uploaded through the API, moved along the state machine, with stand-in renditions. */
async function clip(
  opts: {
    scopes?: string[];
    campaign?: string;
    status?: 'approved' | 'awaiting_review';
    escalated?: boolean;
    name?: string;
  } = {},
): Promise<Clip> {
  const res = await postMultipart(
    api('/submissions'),
    {
      campaign: opts.campaign ?? 'demo',
      consent: JSON.stringify({
        ...validConsent,
        scopes: opts.scopes ?? ['jury'],
        displayName: opts.name ?? 'Test Carer',
      }),
    },
    {
      filename: 'clip.mp4',
      body: createReadStream(path.join(MEDIA_DIR, 'odd-size-upside-down.mp4')),
    },
  );
  expect(res.status).toBe(201);
  const { id, token } = res.json() as { id: string; token: string };
  const db = stack.deps.db;
  await transitionSubmission(db, id, 'processing_started');
  await transitionSubmission(db, id, 'processing_succeeded', { duration_seconds: 10.5 });
  // Stand-ins for the renditions (the pipeline's own tests cover the real ones).
  const files: Array<[string, string, string]> = [
    ['720p.mp4', 'odd-size-upside-down.mp4', 'video/mp4'],
    ['captions.cy.vtt', 'captions-good.vtt', 'text/vtt'],
  ];
  for (const [name, file, type] of files) {
    const { bytes } = await stack.deps.store.putFile(
      mediaKey(id, 1, name),
      path.join(MEDIA_DIR, file),
      type,
    );
    await db
      .insertInto('media_assets')
      .values({ submission_id: id, version: 1, name, content_type: type, bytes })
      .execute();
  }
  if (opts.escalated) {
    await db
      .updateTable('submissions')
      .set({ escalated_at: new Date() })
      .where('id', '=', id)
      .execute();
  }
  if ((opts.status ?? 'approved') === 'approved') await transitionSubmission(db, id, 'approve');
  return { id, token };
}

async function playlist(use = 'jury', email = 'fac1@example.org'): Promise<string> {
  const res = await call(email, 'POST', '/playlists', {
    campaign: 'demo',
    title: { en: 'Session one', cy: 'Sesiwn un' },
    use,
    date: '2027-01-14',
    notes: 'Room 2',
  });
  expect(res.status).toBe(201);
  return ((await json(res)) as { id: string }).id;
}

async function add(pid: string, submissionId: string, email = 'fac1@example.org') {
  return call(email, 'POST', `/playlists/${pid}/items`, { submissionId });
}

async function items(
  pid: string,
): Promise<Array<{ id: string; submissionId: string; position: number }>> {
  return (await json(await call('fac1@example.org', 'GET', `/playlists/${pid}`))).items;
}

async function auditActions(pid: string) {
  const rows = await stack.deps.db
    .selectFrom('audit_events')
    .select('action')
    .where('subject_id', '=', pid)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('playlists', () => {
  it('creates a playlist and lists it per campaign, only for staff of that campaign', async () => {
    const pid = await playlist();
    const got = await json(await call('fac1@example.org', 'GET', `/playlists/${pid}`));
    expect(got).toMatchObject({
      id: pid,
      campaign: 'demo',
      title: { en: 'Session one', cy: 'Sesiwn un' },
      use: 'jury',
      date: '2027-01-14',
      notes: 'Room 2',
      items: [],
      runningTimeSeconds: 0,
      changes: [],
    });
    const list = await json(await call('fac2@example.org', 'GET', '/playlists?campaign=demo'));
    expect(list.items.map((p: { id: string }) => p.id)).toContain(pid);
    expect((await call('far@example.org', 'GET', `/playlists/${pid}`)).status).toBe(404);
    expect((await call('far@example.org', 'GET', '/playlists?campaign=demo')).status).toBe(404);
    expect((await call(undefined, 'GET', `/playlists/${pid}`)).status).toBe(401);
    // Moderators may look, not change.
    expect((await call('mod@example.org', 'GET', `/playlists/${pid}`)).status).toBe(200);
    expect((await call('mod@example.org', 'PUT', `/playlists/${pid}`, { notes: 'x' })).status).toBe(
      403,
    );
    const bad = await call('fac1@example.org', 'POST', '/playlists', {
      campaign: 'demo',
      title: { en: 'x', cy: '' },
      use: 'jury',
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({
      code: 'bad_request',
      details: { field: 'title.cy' },
    });
    expect(await auditActions(pid)).toEqual(['playlist.created']);
  });

  it('updates the title, date and notes', async () => {
    const pid = await playlist();
    const res = await call('fac1@example.org', 'PUT', `/playlists/${pid}`, {
      title: { cy: 'Sesiwn dau' },
      date: null,
      notes: 'Hall',
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      title: { en: 'Session one', cy: 'Sesiwn dau' },
      date: null,
      notes: 'Hall',
    });
  });
});

describe('eligibility', () => {
  it.each<
    [string, () => Promise<{ submission: string; playlistUse: string; email?: string }>, string]
  >([
    [
      'consent does not cover a live stream',
      async () => ({ submission: (await clip()).id, playlistUse: 'livestream' }),
      'consent_scope',
    ],
    [
      'consent does not cover a public showing',
      async () => ({
        submission: (await clip({ scopes: ['jury', 'livestream'] })).id,
        playlistUse: 'public',
      }),
      'consent_scope',
    ],
    [
      'not approved yet',
      async () => ({
        submission: (await clip({ status: 'awaiting_review' })).id,
        playlistUse: 'jury',
      }),
      'not_approved',
    ],
    [
      'escalated',
      async () => ({
        submission: (await clip({ status: 'awaiting_review', escalated: true })).id,
        playlistUse: 'jury',
      }),
      'escalated',
    ],
    [
      'withdrawn',
      async () => {
        const c = await clip();
        const res = await fetch(api(`/submissions/${c.id}`), {
          method: 'DELETE',
          headers: { authorization: `Bearer ${c.token}` },
        });
        expect(res.status).toBeLessThan(300);
        return { submission: c.id, playlistUse: 'jury' };
      },
      'withdrawn',
    ],
    [
      'another campaign (an admin sees both)',
      async () => ({
        submission: (await clip({ campaign: 'other' })).id,
        playlistUse: 'jury',
        email: 'boss@example.org',
      }),
      'other_campaign',
    ],
  ])('refuses a clip when %s (422 not_eligible with the reason)', async (_n, setup, reason) => {
    const { submission, playlistUse, email } = await setup();
    const pid = await playlist(playlistUse);
    const res = await add(pid, submission, email);
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error).toMatchObject({ code: 'not_eligible', details: { reason } });
    expect(body.error.message).toEqual(expect.any(String));
    expect(await items(pid)).toEqual([]);
  });

  it('adds an eligible clip once, and the picker shows ineligible approved clips with why', async () => {
    const pid = await playlist('livestream');
    const yes = await clip({ scopes: ['jury', 'livestream'], name: 'Sam' });
    const no = await clip({ scopes: ['jury'], name: 'Alex' });
    const added = await add(pid, yes.id);
    expect(added.status).toBe(201);
    expect((await add(pid, yes.id)).status).toBe(409);
    const picker = await json(
      await call('fac1@example.org', 'GET', `/playlists/${pid}/clips?lang=cy`),
    );
    const byId = new Map(picker.items.map((c: { submissionId: string }) => [c.submissionId, c]));
    expect(byId.get(yes.id)).toMatchObject({ eligible: true, inPlaylist: true, name: 'Sam' });
    expect(byId.get(no.id)).toMatchObject({
      eligible: false,
      inPlaylist: false,
      reason: 'consent_scope',
      message: expect.stringContaining('cytuno'),
    });
    // A facilitator cannot reach another campaign's clip at all.
    const far = await clip({ campaign: 'other' });
    expect((await add(pid, far.id)).status).toBe(404);
    expect(await auditActions(pid)).toEqual(['playlist.created', 'playlist.item_added']);
  });
});

describe('ordering', () => {
  async function filled(n: number) {
    const pid = await playlist();
    for (let i = 0; i < n; i++) expect((await add(pid, (await clip()).id)).status).toBe(201);
    return pid;
  }

  it('moves up, down and to a position, removes, and keeps positions 0..n-1', async () => {
    const pid = await filled(4);
    const [a, b, c, d] = (await items(pid)).map((i) => i.id) as [string, string, string, string];
    const move = (id: string, body: unknown) =>
      call('fac1@example.org', 'POST', `/playlists/${pid}/items/${id}/move`, body);
    expect((await move(c, { direction: 'up' })).status).toBe(200);
    expect((await items(pid)).map((i) => i.id)).toEqual([a, c, b, d]);
    await move(a, { direction: 'down' });
    expect((await items(pid)).map((i) => i.id)).toEqual([c, a, b, d]);
    await move(d, { position: 0 });
    expect((await items(pid)).map((i) => i.id)).toEqual([d, c, a, b]);
    expect((await move(d, { direction: 'up' })).status).toBe(200); // already first: no change
    expect((await move(d, { somewhere: 1 })).status).toBe(400);
    const del = await call('fac1@example.org', 'DELETE', `/playlists/${pid}/items/${c}`);
    expect(del.status).toBe(200);
    const after = await items(pid);
    expect(after.map((i) => [i.id, i.position])).toEqual([
      [d, 0],
      [a, 1],
      [b, 2],
    ]);
    const view = await json(await call('fac1@example.org', 'GET', `/playlists/${pid}`));
    expect(view.runningTimeSeconds).toBe(32); // 3 x 10.5 s, rounded up
    expect(await auditActions(pid)).toEqual(
      expect.arrayContaining(['playlist.item_moved', 'playlist.item_removed']),
    );
  });

  it('sets an intro line per clip in both languages', async () => {
    const pid = await filled(1);
    const [item] = await items(pid);
    const res = await call('fac1@example.org', 'PUT', `/playlists/${pid}/items/${item!.id}`, {
      intro: { en: 'Mornings at home', cy: 'Boreau gartref' },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).items[0].intro).toEqual({
      en: 'Mornings at home',
      cy: 'Boreau gartref',
    });
    const markup = await call('fac1@example.org', 'PUT', `/playlists/${pid}/items/${item!.id}`, {
      intro: { en: '<script>' },
    });
    expect(markup.status).toBe(400);
  });

  it('never loses or doubles a clip when two facilitators reorder at once', async () => {
    const pid = await filled(6);
    const ids = (await items(pid)).map((i) => i.id);
    const requests = Array.from({ length: 24 }, (_, n) => {
      const id = ids[(n * 5) % ids.length]!;
      const body =
        n % 3 === 0 ? { position: (n * 7) % 6 } : { direction: n % 2 === 0 ? 'up' : 'down' };
      return call(
        n % 2 ? 'fac1@example.org' : 'fac2@example.org',
        'POST',
        `/playlists/${pid}/items/${id}/move`,
        body,
      );
    });
    const answers = await Promise.all(requests);
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    const after = await items(pid);
    expect(after.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(after.map((i) => i.id).sort()).toEqual([...ids].sort());
    // Two "move to the top" at once: both apply, one after the other.
    const [x, y] = [ids[2]!, ids[4]!];
    await Promise.all([
      call('fac1@example.org', 'POST', `/playlists/${pid}/items/${x}/move`, { position: 0 }),
      call('fac2@example.org', 'POST', `/playlists/${pid}/items/${y}/move`, { position: 0 }),
    ]);
    const top = (await items(pid)).slice(0, 2).map((i) => i.id);
    expect(top.sort()).toEqual([x, y].sort());
  });
});

describe('share links', () => {
  async function shared(days?: number) {
    const pid = await playlist();
    const c = await clip({ name: 'Morgan' });
    expect((await add(pid, c.id)).status).toBe(201);
    const res = await call(
      'fac1@example.org',
      'POST',
      `/playlists/${pid}/share`,
      days ? { days } : {},
    );
    expect(res.status).toBe(201);
    const share = await json(res);
    const token = (share.url as string).split('/watch/')[1]!;
    return { pid, c, share, token };
  }

  it('gives an unguessable, hashed, expiring link that opens the playlist and its media', async () => {
    const { pid, share, token } = await shared();
    expect(share.url).toBe(`${stack.baseUrl}/watch/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(share.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThan(14.1);
    const stored = await stack.deps.db
      .selectFrom('link_tokens')
      .select(['token_hash'])
      .where('playlist_id', '=', pid)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash.toString('utf8')).not.toContain(token);

    const watch = await fetch(api(`/watch/${token}`));
    expect(watch.status).toBe(200);
    const body = await json(watch);
    expect(body).toMatchObject({
      title: { en: 'Session one', cy: 'Sesiwn un' },
      date: '2027-01-14',
    });
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      name: 'Morgan',
      captions: ['cy'],
      durationSeconds: 10.5,
    });

    const video = await fetch(`${stack.baseUrl}${body.items[0].video}`, {
      headers: { range: 'bytes=0-99' },
    });
    expect(video.status).toBe(206);
    expect(video.headers.get('content-range')).toMatch(/^bytes 0-99\//);
    expect((await video.arrayBuffer()).byteLength).toBe(100);
    const vtt = await fetch(`${stack.baseUrl}${body.items[0].captionUrls.cy}`);
    expect(vtt.status).toBe(200);
    expect(await vtt.text()).toMatch(/^WEBVTT/);
    const other = await fetch(api(`/watch/${token}/items/${body.items[0].id}/original.mov`));
    expect(other.status).toBe(404);

    const list = await json(await call('fac1@example.org', 'GET', `/playlists/${pid}/shares`));
    expect(list.items).toEqual([
      expect.objectContaining({ id: share.id, live: true, lastUsedAt: expect.any(String) }),
    ]);
  });

  it('stops working at once when revoked, media requests included', async () => {
    const { pid, share, token } = await shared();
    const body = await json(await fetch(api(`/watch/${token}`)));
    const media = `${stack.baseUrl}${body.items[0].video}`;
    expect((await fetch(media, { headers: { range: 'bytes=0-9' } })).status).toBe(206);
    const revoke = await call('fac1@example.org', 'DELETE', `/playlists/${pid}/shares/${share.id}`);
    expect(revoke.status).toBe(200);
    expect((await json(revoke)).items[0]).toMatchObject({
      live: false,
      revokedAt: expect.any(String),
    });
    expect((await fetch(api(`/watch/${token}`))).status).toBe(404);
    expect((await fetch(media, { headers: { range: 'bytes=0-9' } })).status).toBe(404);
    expect(
      (await call('fac1@example.org', 'DELETE', `/playlists/${pid}/shares/${share.id}`)).status,
    ).toBe(404);
    expect(await auditActions(pid)).toEqual(
      expect.arrayContaining(['playlist.shared', 'playlist.share_revoked']),
    );
  });

  it('stops working once expired, and a chosen lifetime is honoured', async () => {
    const { share, token } = await shared(2);
    const days = (Date.parse(share.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(1.9);
    expect(days).toBeLessThan(2.1);
    const body = await json(await fetch(api(`/watch/${token}`)));
    await sql`update link_tokens set expires_at = now() - interval '1 second' where id = ${share.id}`.execute(
      stack.deps.db,
    );
    expect((await fetch(api(`/watch/${token}`))).status).toBe(404);
    expect((await fetch(`${stack.baseUrl}${body.items[0].video}`)).status).toBe(404);
    expect((await fetch(api(`/watch/${'x'.repeat(43)}`))).status).toBe(404);
    expect(
      (await call('fac1@example.org', 'POST', `/playlists/${share.id}/share`, { days: 0 })).status,
    ).toBe(404);
  });
});

describe('clips that change after they were added', () => {
  it('removes a withdrawn clip from every playlist and deletes exports holding it', async () => {
    const keep = await clip();
    const gone = await clip();
    const [p1, p2] = [await playlist(), await playlist()];
    for (const pid of [p1, p2]) {
      expect((await add(pid, gone.id)).status).toBe(201);
      expect((await add(pid, keep.id)).status).toBe(201);
    }
    // A finished export of p1 holding both clips (the export worker has its own test).
    const db = stack.deps.db;
    const exp = await db
      .insertInto('playlist_exports')
      .values({
        playlist_id: p1,
        lang: 'en',
        height: 720,
        status: 'ready',
        progress: 100,
        submission_ids: [gone.id, keep.id],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await stack.deps.store.putFile(
      exportKey(p1, exp.id),
      path.join(MEDIA_DIR, 'odd-size-upside-down.mp4'),
      'video/mp4',
    );
    expect(await stack.deps.store.list(`exports/${p1}/`)).toHaveLength(1);

    const res = await fetch(api(`/submissions/${gone.id}`), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${gone.token}` },
    });
    expect(res.status).toBeLessThan(300);

    for (const pid of [p1, p2]) {
      const view = await json(await call('fac1@example.org', 'GET', `/playlists/${pid}`));
      expect(
        view.items.map((i: { submissionId: string; position: number }) => [
          i.submissionId,
          i.position,
        ]),
      ).toEqual([[keep.id, 0]]);
      expect(view.changes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'item_removed',
            reason: 'withdrawn',
            submissionId: gone.id,
            position: 0,
            message: expect.stringContaining('withdrew'),
          }),
        ]),
      );
    }
    const ex = await json(
      await call('fac1@example.org', 'GET', `/playlists/${p1}/exports/${exp.id}`),
    );
    expect(ex).toMatchObject({ status: 'deleted', reason: 'withdrawn' });
    expect(ex.url).toBeUndefined();
    const p1view = await json(await call('fac1@example.org', 'GET', `/playlists/${p1}`));
    expect(p1view.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'export_deleted', reason: 'withdrawn', exportId: exp.id }),
      ]),
    );
    expect(await stack.deps.store.list(`exports/${p1}/`)).toEqual([]);
    expect(
      (await call('fac1@example.org', 'GET', `/playlists/${p1}/exports/${exp.id}/download`)).status,
    ).toBe(409);
    expect(await auditActions(p1)).toEqual(
      expect.arrayContaining(['playlist.item_auto_removed', 'playlist.export_deleted']),
    );
  });

  it('the purge sweep removes an export file a render uploaded after the withdrawal', async () => {
    const gone = await clip();
    const pid = await playlist();
    expect((await add(pid, gone.id)).status).toBe(201);
    const withdrawn = await fetch(api(`/submissions/${gone.id}`), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${gone.token}` },
    });
    expect(withdrawn.status).toBeLessThan(300);
    // A render that had started before the withdrawal marked it: the row says deleted, yet
    // the worker uploaded its file afterwards.
    const exp = await stack.deps.db
      .insertInto('playlist_exports')
      .values({
        playlist_id: pid,
        lang: 'cy',
        height: 1080,
        status: 'deleted',
        submission_ids: [gone.id],
        failure_reason: 'withdrawn',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await stack.deps.store.putFile(
      exportKey(pid, exp.id),
      path.join(MEDIA_DIR, 'odd-size-upside-down.mp4'),
      'video/mp4',
    );
    const job = { data: { submissionId: gone.id, reason: 'withdrawn' } } as Job<
      JobPayloads['purge']
    >;
    await handlePurge(stack.deps, job);
    expect(await stack.deps.store.list(`exports/${pid}/`)).toEqual([]);
    await handlePurge(stack.deps, job); // twice is fine
  });

  it('flags a clip with a new version, clears it on approval, removes it on rejection', async () => {
    const db = stack.deps.db;
    const [first, second] = [await clip(), await clip()];
    const pid = await playlist();
    for (const c of [first, second]) expect((await add(pid, c.id)).status).toBe(201);
    const { token } = await json(
      await call('fac1@example.org', 'POST', `/playlists/${pid}/share`, {}),
    ).then((s: { url: string }) => ({ token: s.url.split('/watch/')[1]! }));

    // A new version of each, reviewed again. The state machine sends new versions through
    // review; here the rows are moved there directly and the same hook the upload uses runs.
    for (const c of [first, second]) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('submissions')
          .set({ status: 'awaiting_review', media_version: 2 })
          .where('id', '=', c.id)
          .execute();
        await flagNewVersion(trx, c.id, 2);
      });
    }
    let view = await json(await call('fac1@example.org', 'GET', `/playlists/${pid}`));
    expect(
      view.items.map((i: { needsRecheck: boolean; playable: boolean }) => [
        i.needsRecheck,
        i.playable,
      ]),
    ).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(view.runningTimeSeconds).toBe(0);
    expect((await json(await fetch(api(`/watch/${token}`)))).items).toEqual([]);
    expect((await call('fac1@example.org', 'POST', `/playlists/${pid}/exports`, {})).status).toBe(
      409,
    );

    const decide = async (id: string, decision: string) => {
      expect((await call('mod@example.org', 'POST', `/submissions/${id}/claim`)).status).toBe(200);
      const res = await call('mod@example.org', 'POST', `/submissions/${id}/decision`, {
        decision,
        consentCheck: true,
        contentCheck: true,
        note: decision === 'reject' ? 'Shows a street name' : '',
      });
      expect(res.status).toBe(200);
    };
    await decide(first.id, 'approve');
    await decide(second.id, 'reject');

    view = await json(await call('fac1@example.org', 'GET', `/playlists/${pid}`));
    expect(view.items).toHaveLength(1);
    expect(view.items[0]).toMatchObject({
      submissionId: first.id,
      position: 0,
      needsRecheck: false,
      playable: true,
      mediaVersion: 2,
    });
    const kinds = view.changes.map((c: { kind: string; reason: string; submissionId: string }) => [
      c.kind,
      c.reason,
      c.submissionId,
    ]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['item_flagged', 'new_version', first.id],
        ['item_flagged', 'new_version', second.id],
        ['item_cleared', 'reapproved', first.id],
        ['item_removed', 'rejected', second.id],
      ]),
    );
  });
});
