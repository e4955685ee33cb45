import { createReadStream } from 'node:fs';
import path from 'node:path';
import { transitionSubmission } from '../src/db/submissions.queries';
import { createUser } from '../src/db/users.queries';
import { jobIdFor } from '../src/queue/jobs';
import { mediaKey } from '../src/storage/keys';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { startTestStack, type TestStack } from './support/stack';
import { findDemoCampaign } from './support/test-database';

/**
 * A new version of an approved clip that is already in a playlist (issues 6 and 8): the clip
 * goes back through processing and review, its playlist items are flagged for re-check in the
 * same transaction, jurors and exports skip it meanwhile, and approving the new version clears
 * the flag with a change event the facilitator sees. No workers run here: the processing flow
 * is checked as enqueued and the rows are moved along by hand (the pipeline tests cover it).
 */
let stack: TestStack;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  stack = await startTestStack();
  const db = stack.deps.db;
  const demo = await findDemoCampaign(db);
  await createUser(db, {
    email: 'fac@example.org',
    role: 'facilitator',
    password: PASSWORD,
    campaignIds: [demo.id],
  });
  await createUser(db, {
    email: 'mod@example.org',
    role: 'moderator',
    password: PASSWORD,
    campaignIds: [demo.id],
  });
});
afterAll(() => stack.close());

const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;

interface Session {
  cookie: string;
  csrf: string;
}
const sessions = new Map<string, Session>();
async function as(email: string): Promise<Session> {
  const known = sessions.get(email);
  if (known) return known;
  const res = await fetch(api('/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const s = { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  sessions.set(email, s);
  return s;
}

async function call(email: string, method: string, p: string, body?: unknown) {
  const s = await as(email);
  return fetch(api(p), {
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

/** Stand-in renditions of one version (the pipeline's own tests make real ones). */
async function storeRenditions(id: string, version: number) {
  const { bytes } = await stack.deps.store.putFile(
    mediaKey(id, version, '720p.mp4'),
    path.join(MEDIA_DIR, 'odd-size-upside-down.mp4'),
    'video/mp4',
  );
  await stack.deps.db
    .insertInto('media_assets')
    .values({ submission_id: id, version, name: '720p.mp4', content_type: 'video/mp4', bytes })
    .execute();
}

/** Processing "done" by hand for the submission's current version, then approved through HTTP. */
async function processAndApprove(id: string, version: number) {
  expect((await transitionSubmission(stack.deps.db, id, 'processing_started'))?.status).toBe(
    'processing',
  );
  await transitionSubmission(stack.deps.db, id, 'processing_succeeded', { duration_seconds: 10 });
  await storeRenditions(id, version);
  expect((await call('mod@example.org', 'POST', `/submissions/${id}/claim`)).status).toBe(200);
  const res = await call('mod@example.org', 'POST', `/submissions/${id}/decision`, {
    decision: 'approve',
    consentCheck: true,
    contentCheck: true,
    note: '',
  });
  expect(res.status).toBe(200);
}

async function approvedClip(): Promise<{ id: string; token: string }> {
  const res = await postMultipart(
    api('/submissions'),
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    {
      filename: 'clip.mp4',
      body: createReadStream(path.join(MEDIA_DIR, 'odd-size-upside-down.mp4')),
    },
  );
  expect(res.status).toBe(201);
  const clip = res.json() as { id: string; token: string };
  await processAndApprove(clip.id, 1);
  return clip;
}

async function sharedPlaylistWith(submissionId: string) {
  const created = await call('fac@example.org', 'POST', '/playlists', {
    campaign: 'demo',
    title: { en: 'Session', cy: 'Sesiwn' },
    use: 'jury',
  });
  expect(created.status).toBe(201);
  const pid = ((await json(created)) as { id: string }).id;
  expect(
    (await call('fac@example.org', 'POST', `/playlists/${pid}/items`, { submissionId })).status,
  ).toBe(201);
  const share = await json(await call('fac@example.org', 'POST', `/playlists/${pid}/share`, {}));
  return { pid, watchToken: (share as { url: string }).url.split('/watch/')[1]! };
}

const newVersion = (id: string, headers: Record<string, string>) =>
  postMultipart(
    api(`/submissions/${id}/versions`),
    {},
    { filename: 'again.mp4', body: createReadStream(path.join(MEDIA_DIR, 'android-vfr.mp4')) },
    headers,
  );

const view = async (pid: string) => json(await call('fac@example.org', 'GET', `/playlists/${pid}`));

describe('a new version of an approved clip in a playlist', () => {
  it('flags the item until the new version is approved; jurors and exports skip it', async () => {
    const clip = await approvedClip();
    const { pid, watchToken } = await sharedPlaylistWith(clip.id);
    const watched = await json(await fetch(api(`/watch/${watchToken}`)));
    expect(watched.items).toHaveLength(1);
    const videoUrl = `${stack.baseUrl}${watched.items[0].video as string}`;
    expect((await fetch(videoUrl)).status).toBe(200);

    // The contributor sends a new version of the approved clip.
    const sent = await newVersion(clip.id, { authorization: `Bearer ${clip.token}` });
    expect(sent.status).toBe(201);
    expect(sent.json()).toEqual({ id: clip.id, status: 'uploaded', mediaVersion: 2 });

    // Back through processing: the flow of version 2 is queued.
    const media = stack.conn.queues.queue('media');
    const job = await media.getJob(
      jobIdFor('finalise', { submissionId: clip.id, mediaVersion: 2 }),
    );
    expect(job?.data).toEqual({ submissionId: clip.id, mediaVersion: 2 });

    let v = await view(pid);
    expect(v.items).toEqual([
      expect.objectContaining({
        submissionId: clip.id,
        mediaVersion: 1,
        needsRecheck: true,
        playable: false,
      }),
    ]);
    expect(v.runningTimeSeconds).toBe(0);
    const flagged = v.changes.find((c: { kind: string }) => c.kind === 'item_flagged');
    expect(flagged).toMatchObject({ reason: 'new_version', submissionId: clip.id, position: 0 });
    expect(flagged.message).toMatch(/new version/);

    // The flag and the state change are one transaction: PostgreSQL's now() is the
    // transaction's start, shared by the submission's updated_at and the change event.
    const row = await stack.deps.db
      .selectFrom('submissions')
      .select(['status', 'updated_at'])
      .where('id', '=', clip.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('uploaded');
    expect(new Date(flagged.at as string).toISOString()).toBe(row.updated_at.toISOString());
    const audit = await stack.deps.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('subject_id', '=', pid)
      .where('action', '=', 'playlist.item_flagged')
      .execute();
    expect(audit).toEqual([
      {
        action: 'playlist.item_flagged',
        details: { submissionId: clip.id, mediaVersion: 2, reason: 'new_version' },
      },
    ]);

    // Jurors see nothing of it, not even through a media address they already had.
    expect((await json(await fetch(api(`/watch/${watchToken}`)))).items).toEqual([]);
    expect((await fetch(videoUrl)).status).toBe(404);
    expect((await call('fac@example.org', 'POST', `/playlists/${pid}/exports`, {})).status).toBe(
      409,
    );

    // Still flagged while the new version waits for review (not approved yet).
    await transitionSubmission(stack.deps.db, clip.id, 'processing_started');
    await transitionSubmission(stack.deps.db, clip.id, 'processing_succeeded', {
      duration_seconds: 10,
    });
    await storeRenditions(clip.id, 2);
    expect((await json(await fetch(api(`/watch/${watchToken}`)))).items).toEqual([]);

    // Approved again: the flag clears, at the new version, and the facilitator sees why.
    expect((await call('mod@example.org', 'POST', `/submissions/${clip.id}/claim`)).status).toBe(
      200,
    );
    const approved = await call('mod@example.org', 'POST', `/submissions/${clip.id}/decision`, {
      decision: 'approve',
      consentCheck: true,
      contentCheck: true,
      note: '',
    });
    expect(approved.status).toBe(200);
    v = await view(pid);
    expect(v.items).toEqual([
      expect.objectContaining({ mediaVersion: 2, needsRecheck: false, playable: true }),
    ]);
    expect(v.changes.map((c: { kind: string; reason: string }) => [c.kind, c.reason])).toEqual([
      ['item_cleared', 'reapproved'],
      ['item_flagged', 'new_version'],
    ]);
    const again = await json(await fetch(api(`/watch/${watchToken}`)));
    expect(again.items).toHaveLength(1);
    expect((await fetch(`${stack.baseUrl}${again.items[0].video as string}`)).status).toBe(200);
  });

  it('lets staff of the campaign send the new version too', async () => {
    const clip = await approvedClip();
    const { pid } = await sharedPlaylistWith(clip.id);
    const s = await as('mod@example.org');
    const sent = await newVersion(clip.id, { cookie: s.cookie, 'x-csrf-token': s.csrf });
    expect(sent.status).toBe(201);
    expect((await view(pid)).items[0]).toMatchObject({ needsRecheck: true, playable: false });

    // A second new version while the first is still owed processing is refused.
    const twice = await newVersion(clip.id, { authorization: `Bearer ${clip.token}` });
    expect(twice.status).toBe(409);
  });
});
