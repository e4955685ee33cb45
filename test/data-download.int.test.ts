import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { demoCampaign } from '../src/demo-campaign';
import { insertReview } from '../src/db/reviews.queries';
import { transitionSubmission } from '../src/db/submissions.queries';
import { createUser } from '../src/db/users.queries';
import { en } from '../src/i18n/en';
import { cy } from '../src/i18n/cy';
import { mediaKey } from '../src/storage/keys';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { startTestStack, type TestStack } from './support/stack';

/**
 * The contributor's data download from the receipt link: a zip streamed from the real S3
 * server, opened here with Debian's unzip; consent.json checked field by field.
 */
const run = promisify(execFile);
let stack: TestStack;
let dir: string;
const CLIP = path.join(MEDIA_DIR, 'android-vfr.mp4');
const STAFF_EMAIL = 'reviewer-dd@example.org';
const NOTE = 'Please film it again without the street name showing.';
const VTT = 'WEBVTT\n\n00:00.000 --> 00:01.000\nGoing to the day centre\n';
let sub: { id: string; token: string };
let staffId: string;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function put(key: string, body: string, contentType: string) {
  await stack.deps.store.putStream(key, Readable.from([Buffer.from(body)]), { contentType });
}

beforeAll(async () => {
  stack = await startTestStack();
  dir = await mkdtemp(path.join(os.tmpdir(), 'lev-dd-'));
  const db = stack.deps.db;
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    { filename: 'clip.mp4', contentType: 'video/mp4', body: createReadStream(CLIP) },
  );
  expect(res.status).toBe(201);
  sub = res.json() as { id: string; token: string };
  // What processing would have published, then a moderator asking for a change.
  await put(mediaKey(sub.id, 1, 'poster.jpg'), 'poster', 'image/jpeg');
  await put(mediaKey(sub.id, 1, 'captions.en.vtt'), VTT, 'text/vtt');
  await db
    .updateTable('submissions')
    .set({ status: 'awaiting_review' })
    .where('id', '=', sub.id)
    .execute();
  const staff = await createUser(db, {
    email: STAFF_EMAIL,
    role: 'moderator',
    password: 'correct horse battery staple',
    campaignIds: [],
  });
  staffId = staff.id;
  await insertReview(db, {
    submissionId: sub.id,
    mediaVersion: 1,
    userId: staff.id,
    decision: 'request_changes',
    consentCheck: true,
    contentCheck: false,
    reasonCode: 'personal_details',
    note: NOTE,
  });
  await transitionSubmission(
    db,
    sub.id,
    'request_changes',
    {},
    {
      actor: { type: 'staff', id: staff.id },
    },
  );
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await stack.close();
});

async function download(token: string, query = ''): Promise<{ res: Response; file: string }> {
  const res = await fetch(`${stack.baseUrl}/r/${token}/data${query}`);
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.zip`);
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  return { res, file };
}

async function entries(file: string): Promise<string[]> {
  const { stdout } = await run('zipinfo', ['-1', file]);
  return stdout.trim().split('\n').sort();
}

async function entry(file: string, name: string): Promise<Buffer> {
  const { stdout } = await run('unzip', ['-p', file, name], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

it('streams a zip of the consent record and every object held', async () => {
  const { res, file } = await download(sub.token);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  expect(res.headers.get('content-disposition')).toMatch(
    /^attachment; filename="day-in-the-life-data-\d{4}-\d{2}-\d{2}\.zip"$/,
  );
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');

  await run('unzip', ['-tq', file]); // every entry's CRC checks out
  expect(await entries(file)).toEqual([
    'README.txt',
    'consent.json',
    'media/original-v1.mp4',
    'media/v1/captions.en.vtt',
    'media/v1/poster.jpg',
  ]);
  expect(sha256(await entry(file, 'media/original-v1.mp4'))).toBe(sha256(await readFile(CLIP)));
  expect((await entry(file, 'media/v1/captions.en.vtt')).toString()).toBe(VTT);
  expect((await entry(file, 'README.txt')).toString()).toBe(`${en.dataDownload.readme}\n`);

  const raw = (await entry(file, 'consent.json')).toString();
  const doc = JSON.parse(raw) as Record<string, unknown>;
  expect(doc).toMatchObject({
    submission: {
      id: sub.id,
      campaign: { slug: 'demo', name: demoCampaign.name },
      status: 'changes_requested',
      language: 'en',
    },
    consent: {
      statementVersion: 1,
      statement: demoCampaign.statement,
      scopes: ['jury'],
      othersAppear: false,
      othersConsented: false,
      displayName: validConsent.displayName,
      language: 'en',
      withdrawnAt: null,
    },
    messagesFromModerators: [
      { decision: 'request_changes', reason: 'personal_details', message: NOTE, mediaVersion: 1 },
    ],
    files: ['media/original-v1.mp4', 'media/v1/captions.en.vtt', 'media/v1/poster.jpg'],
  });
  const history = doc.statusHistory as Array<Record<string, string>>;
  expect(history[0]).toMatchObject({ event: 'submission.created', by: 'contributor' });
  expect(history.at(-1)).toMatchObject({
    event: 'submission.request_changes',
    by: 'staff',
    from: 'awaiting_review',
    to: 'changes_requested',
  });
  // No staff identities anywhere in what the contributor receives.
  expect(raw).not.toContain(STAFF_EMAIL);
  expect(raw).not.toContain(staffId);
});

it('writes the README in Welsh when asked', async () => {
  const { res, file } = await download(sub.token, '?lang=cy');
  expect(res.status).toBe(200);
  expect((await entry(file, 'README.txt')).toString()).toBe(`${cy.dataDownload.readme}\n`);
});

it('links to it from the receipt page', async () => {
  const page = await (await fetch(`${stack.baseUrl}/r/${sub.token}`)).text();
  expect(page).toContain(`href="/r/${sub.token}/data"`);
  expect(page).toContain(en.dataDownload.link.replace(/'/g, '&#39;'));
});

it('answers an unknown link with the not-found page', async () => {
  const res = await fetch(`${stack.baseUrl}/r/${'x'.repeat(43)}/data`);
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toContain('text/html');
});

it('after withdrawal, still gives the consent record (now withdrawn) and no media', async () => {
  const del = await fetch(`${stack.baseUrl}/api/v1/submissions/${sub.id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${sub.token}` },
  });
  expect(del.status).toBe(200);
  const { res, file } = await download(sub.token);
  expect(res.status).toBe(200);
  expect(await entries(file)).toEqual(['README.txt', 'consent.json']);
  const doc = JSON.parse((await entry(file, 'consent.json')).toString()) as {
    consent: { withdrawnAt: string | null; displayName: string | null };
    files: string[];
  };
  expect(doc.consent.withdrawnAt).toEqual(expect.any(String));
  expect(doc.consent.displayName).toBeNull();
  expect(doc.files).toEqual([]);
});
