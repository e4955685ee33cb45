import { createCampaign } from '../src/db/campaigns.queries';
import { createUser } from '../src/db/users.queries';
import { demoCampaign } from '../src/demo-campaign';
import { seedClip, staffSession } from './support/playlist-clips';
import { startTestStack, type TestStack } from './support/stack';
import { findDemoCampaign } from './support/test-database';
import { waitFor } from './support/wait-for';

/**
 * Queue pages are shared between requests for up to a second (src/api/staff/review-service.ts,
 * QUEUE_CACHE_MS). What must still hold: a moderator sees their own write at once, another
 * process's write shows within the second, and no page is shared across campaigns or roles.
 */
let stack: TestStack;
const PASSWORD = 'queue cache password 1';
let demoId: string;
let otherId: string;

// Written straight to PostgreSQL, as a worker finishing a clip does: no request of ours sees it.
const submission = (campaignId: string) =>
  seedClip(stack, { campaignId, name: 'Queue clip', status: 'awaiting_review' });

beforeAll(async () => {
  stack = await startTestStack();
  const db = stack.deps.db;
  demoId = (await findDemoCampaign(db)).id;
  otherId = (await createCampaign(db, { ...demoCampaign, slug: 'queue-cache-other' })).id;
  for (const [email, campaignIds] of [
    ['qc-demo-1@example.org', [demoId]],
    ['qc-demo-2@example.org', [demoId]],
    ['qc-other@example.org', [otherId]],
  ] as const) {
    await createUser(db, {
      email,
      role: 'moderator',
      password: PASSWORD,
      campaignIds: [...campaignIds],
    });
  }
});
afterAll(() => stack.close());

type Session = Awaited<ReturnType<typeof staffSession>>;
interface QueuePage {
  items: Array<{ id: string; claimedBy?: string }>;
  counts: Record<string, number>;
}

const queue = async (s: Session): Promise<QueuePage> => {
  const res = await fetch(`${stack.baseUrl}/api/v1/review/queue`, {
    headers: { cookie: s.cookie },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as QueuePage;
};

it('shows a moderator their own claim at once, and another moderator on the same page too', async () => {
  const id = await submission(demoId);
  const one = await staffSession(stack.baseUrl, 'qc-demo-1@example.org', PASSWORD);
  const two = await staffSession(stack.baseUrl, 'qc-demo-2@example.org', PASSWORD);
  await waitFor(async () => (await queue(one)).items.some((i) => i.id === id), {
    what: 'the new clip in the queue',
  });
  // Both read the page now, so it is cached; then one claims.
  expect((await queue(two)).items.find((i) => i.id === id)?.claimedBy).toBeUndefined();
  const claim = await fetch(`${stack.baseUrl}/api/v1/submissions/${id}/claim`, {
    method: 'POST',
    headers: { cookie: one.cookie, 'x-csrf-token': one.csrf },
  });
  expect(claim.status).toBe(200);
  expect((await queue(one)).items.find((i) => i.id === id)?.claimedBy).toBe(
    'qc-demo-1@example.org',
  );
  expect((await queue(two)).items.find((i) => i.id === id)?.claimedBy).toBe(
    'qc-demo-1@example.org',
  );
});

it('shows a change made by another process (a worker finishing a clip) within the second', async () => {
  const one = await staffSession(stack.baseUrl, 'qc-demo-1@example.org', PASSWORD);
  const before = await queue(one);
  // Written straight to PostgreSQL, as the worker does: no request of this process sees it.
  const id = await submission(demoId);
  const seen = await waitFor(
    async () => {
      const page = await queue(one);
      return page.items.some((i) => i.id === id) ? page : undefined;
    },
    { what: 'the worker-made clip in the cached queue', timeoutMs: 5000 },
  );
  expect(seen.counts.awaiting_review).toBe((before.counts.awaiting_review ?? 0) + 1);
});

it('never shares a page between moderators of different campaigns', async () => {
  const demoClip = await submission(demoId);
  const otherClip = await submission(otherId);
  const demo = await staffSession(stack.baseUrl, 'qc-demo-1@example.org', PASSWORD);
  const other = await staffSession(stack.baseUrl, 'qc-other@example.org', PASSWORD);
  await waitFor(async () => (await queue(demo)).items.some((i) => i.id === demoClip), {
    what: 'the demo clip',
  });
  const page = await queue(other);
  expect(page.items.map((i) => i.id)).toEqual([otherClip]);
  expect((await queue(demo)).items.some((i) => i.id === otherClip)).toBe(false);
});

it('answers HEAD with the headers of the page and no body', async () => {
  const one = await staffSession(stack.baseUrl, 'qc-demo-1@example.org', PASSWORD);
  const url = `${stack.baseUrl}/api/v1/review/queue`;
  const get = await fetch(url, { headers: { cookie: one.cookie } });
  const body = Buffer.from(await get.arrayBuffer());
  const head = await fetch(url, { method: 'HEAD', headers: { cookie: one.cookie } });
  expect(head.status).toBe(200);
  expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(head.headers.get('content-length')).toBe(String(body.length));
  expect((await head.arrayBuffer()).byteLength).toBe(0);
  expect(get.headers.get('content-length')).toBe(String(body.length));
  expect(JSON.parse(body.toString('utf8'))).toHaveProperty('items');
});
