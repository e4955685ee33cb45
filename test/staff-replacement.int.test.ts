import { createReadStream } from 'node:fs';
import path from 'node:path';
import { getCampaignBySlug } from '../src/db/campaigns.queries';
import { transitionSubmission } from '../src/db/submissions.queries';
import { createUser } from '../src/db/users.queries';
import { startTestStack, type TestStack } from './support/stack';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';

/**
 * Staff send a replacement file for a submission (a new media version) with their session and
 * CSRF token; a facilitator may not, and a write without the token is refused.
 */
let stack: TestStack;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  stack = await startTestStack();
  const demo = await getCampaignBySlug(stack.deps.db, 'demo');
  for (const [email, role] of [
    ['mod@example.org', 'moderator'],
    ['fac@example.org', 'facilitator'],
  ] as const) {
    await createUser(stack.deps.db, { email, role, password: PASSWORD, campaignIds: [demo!.id] });
  }
});
afterAll(() => stack.close());

async function signIn(email: string) {
  const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return {
    cookie: res.headers.getSetCookie()[0]?.split(';')[0] ?? '',
    csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
  };
}

const clip = (name: string) => ({
  filename: name,
  body: createReadStream(path.join(MEDIA_DIR, name)),
});

it('stores a staff replacement as the next media version and queues it', async () => {
  const created = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    clip('welsh-speech.mp4'),
  );
  const { id } = created.json() as { id: string };
  // No workers here: move it to review as the pipeline would.
  await transitionSubmission(stack.deps.db, id, 'processing_started');
  await transitionSubmission(stack.deps.db, id, 'processing_succeeded');

  const url = `${stack.baseUrl}/api/v1/submissions/${id}/versions`;
  const mod = await signIn('mod@example.org');
  const noCsrf = await postMultipart(url, {}, clip('android-vfr.mp4'), { cookie: mod.cookie });
  expect(noCsrf.status).toBe(403);
  const fac = await signIn('fac@example.org');
  const facilitator = await postMultipart(url, {}, clip('android-vfr.mp4'), {
    cookie: fac.cookie,
    'x-csrf-token': fac.csrf,
  });
  expect(facilitator.status).toBe(403);
  const anonymous = await postMultipart(url, {}, clip('android-vfr.mp4'));
  expect(anonymous.status).toBe(401);

  const res = await postMultipart(url, {}, clip('android-vfr.mp4'), {
    cookie: mod.cookie,
    'x-csrf-token': mod.csrf,
  });
  expect(res.status).toBe(201);
  expect(res.json()).toEqual({ id, status: 'uploaded', mediaVersion: 2 });
  expect(await stack.deps.store.head(`originals/${id}/2`)).toMatchObject({
    contentType: 'video/mp4',
  });
  const audit = await stack.deps.db
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_id', '=', id)
    .where('action', '=', 'submission.new_version')
    .executeTakeFirstOrThrow();
  expect(audit).toMatchObject({ actor_type: 'staff' });
  const queued = await stack.conn.queues.queue('media').getJob(`finalise-${id}-v2`);
  expect(queued).toBeDefined();
});
