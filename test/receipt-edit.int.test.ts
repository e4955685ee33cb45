import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { createUser } from '../src/db/users.queries';
import { originalKey } from '../src/storage/keys';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { startTestStack, type TestStack } from './support/stack';

/**
 * The receipt's forms (issue 7) against the real PostgreSQL, Redis and S3 server: a new version
 * through the streaming intake, and captions as a file or typed words, in English and Welsh.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

const media = (name: string) => path.join(MEDIA_DIR, name);

async function submission(): Promise<{ id: string; token: string }> {
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    { filename: 'welsh-speech.mp4', body: createReadStream(media('welsh-speech.mp4')) },
  );
  expect(res.status).toBe(201);
  return res.json() as { id: string; token: string };
}

/** Moves a submission as processing and review would (the workers are not running here). */
async function setStatus(id: string, status: 'awaiting_review' | 'changes_requested') {
  await stack.deps.db.updateTable('submissions').set({ status }).where('id', '=', id).execute();
}

let userCount = 0;
async function moderator() {
  userCount += 1;
  return createUser(stack.deps.db, {
    email: `receipt-mod-${userCount}@example.org`,
    role: 'moderator',
    password: 'a long enough password',
  });
}

async function requestChanges(id: string, note: string) {
  const user = await moderator();
  await stack.deps.db
    .insertInto('reviews')
    .values({
      submission_id: id,
      media_version: 1,
      user_id: user.id,
      decision: 'request_changes',
      consent_check: true,
      content_check: false,
      reason_code: null,
      note,
    })
    .execute();
  await setStatus(id, 'changes_requested');
}

const web = () => request(stack.baseUrl);

describe('a new version from the receipt', () => {
  it('shows the moderators’ message and takes a new file through the streaming intake', async () => {
    const { id, token } = await submission();
    await requestChanges(id, 'Please leave out the street sign at the start.');

    const receipt = await web().get(`/r/${token}`).expect(200);
    expect(receipt.text).toContain('Please leave out the street sign at the start.');
    expect(receipt.text).toContain(`href="/r/${token}/new-version"`);
    const form = await web().get(`/r/${token}/new-version`).expect(200);
    expect(form.text).toContain('Please leave out the street sign at the start.');

    const sent = await web()
      .post(`/r/${token}/new-version?lang=en`)
      .attach('video', media('android-vfr.mp4'))
      .expect(303);
    expect(sent.headers.location).toBe(`/r/${token}?sent=version&lang=en`);

    const row = await stack.deps.db
      .selectFrom('submissions')
      .select(['status', 'media_version', 'original_bytes'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'uploaded', media_version: 2 });
    const stored = await stack.deps.store.head(originalKey(id, 2));
    expect(stored?.bytes).toBe((await readFile(media('android-vfr.mp4'))).length);
    const after = await web()
      .get(sent.headers.location as string)
      .expect(200);
    expect(after.text).toContain('We have your new version');
  });

  it('refuses a file that is not a video, in Welsh, and keeps the video as it was', async () => {
    const { id, token } = await submission();
    await setStatus(id, 'awaiting_review');
    const res = await web()
      .post(`/r/${token}/new-version?lang=cy`)
      .attach('video', media('not-a-video.mp4'))
      .expect(415);
    expect(res.text).toContain('<html lang="cy"');
    expect(res.text).toMatch(/govuk-error-summary[\s\S]*href="#video"/);
    const row = await stack.deps.db
      .selectFrom('submissions')
      .select(['status', 'media_version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'awaiting_review', media_version: 1 });
    expect(await stack.deps.store.head(originalKey(id, 2))).toBeNull();
  });

  it('is refused while the first version is still being prepared', async () => {
    const { token } = await submission(); // `uploaded`: processing has not finished
    await web().get(`/r/${token}/new-version`).expect(303).expect('Location', `/r/${token}`);
    // A small body: the refusal comes before the file is read.
    const res = await web()
      .post(`/r/${token}/new-version`)
      .attach('video', Buffer.from('not sent'), 'new.mp4')
      .expect(409);
    expect(res.text).toContain('A new version cannot be sent now');
  });
});

describe('captions from the receipt', () => {
  it('publishes an uploaded WebVTT file in the chosen language', async () => {
    const { id, token } = await submission();
    await setStatus(id, 'awaiting_review');
    const receipt = await web().get(`/r/${token}`).expect(200);
    expect(receipt.text).toContain(`href="/r/${token}/captions"`);

    const res = await web()
      .post(`/r/${token}/captions?lang=en`)
      .field('captionsLang', 'en')
      .attach('captionsFile', media('captions-good.vtt'))
      .expect(303);
    expect(res.headers.location).toBe(`/r/${token}?captions=ready&lang=en`);
    const assets = await stack.deps.db
      .selectFrom('media_assets')
      .select('name')
      .where('submission_id', '=', id)
      .execute();
    expect(assets.map((a) => a.name)).toContain('captions.en.vtt');
  });

  it('keeps typed words for timing after processing (pending), and says why a bad file fails', async () => {
    const { id, token } = await submission(); // still `uploaded`: the job times the words
    const typed = await web()
      .post(`/r/${token}/captions`)
      .field('captionsLang', 'cy')
      .field('transcript', 'Bore da. Dw i’n gofalu am fy nhad.')
      .expect(303);
    expect(typed.headers.location).toBe(`/r/${token}?captions=pending&lang=en`);
    const saved = await stack.deps.db
      .selectFrom('caption_revisions')
      .select(['lang', 'source', 'vtt', 'transcript'])
      .where('submission_id', '=', id)
      .execute();
    expect(saved).toEqual([
      {
        lang: 'cy',
        source: 'transcript',
        vtt: null,
        transcript: 'Bore da. Dw i’n gofalu am fy nhad.',
      },
    ]);

    const bad = await web()
      .post(`/r/${token}/captions?lang=cy`)
      .field('captionsLang', 'en')
      .attach('captionsFile', media('captions-bad.srt'))
      .expect(422);
    expect(bad.text).toContain('<html lang="cy"');
    expect(bad.text).toContain('Doedd dim modd i ni ddarllen y capsiynau');
  });

  it('stops once a moderator has claimed the clip', async () => {
    const { id, token } = await submission();
    await setStatus(id, 'awaiting_review');
    const user = await moderator();
    await stack.deps.db
      .insertInto('review_claims')
      .values({ submission_id: id, user_id: user.id, expires_at: new Date(Date.now() + 60_000) })
      .execute();
    const receipt = await web().get(`/r/${token}`).expect(200);
    expect(receipt.text).not.toContain(`/r/${token}/captions"`);
    const res = await web().post(`/r/${token}/captions`).field('transcript', 'Hello.').expect(409);
    expect(res.text).toContain('our team has started to review your video');
  });
});
