import { createReadStream } from 'node:fs';
import path from 'node:path';
import { startWorkers } from '../../workers';
import { reconcileSubmissions } from '../../workers/reconciler';
import { noteFault } from '../support/fault-table';
import { startTestStack, type TestStack } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { MEDIA_DIR, postMultipart, validConsent } from '../support/multipart';

/**
 * Fault: Redis loses the queue (flushed) after uploads were accepted. PostgreSQL still says
 * what is owed; the reconciler queues it again and every submission ends where it should.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

async function flushQueueKeys() {
  const { redis } = stack.conn;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(
      cursor,
      'MATCH',
      `${stack.config.redis.prefix}:*`,
      'COUNT',
      500,
    );
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

it('re-queues accepted uploads whose jobs were lost, and they complete', async () => {
  const ids: Record<string, string> = {};
  for (const file of ['welsh-speech.mp4', 'truncated.mp4']) {
    const res = await postMultipart(
      `${stack.baseUrl}/api/v1/submissions`,
      { campaign: 'demo', consent: JSON.stringify(validConsent) },
      { filename: file, body: createReadStream(path.join(MEDIA_DIR, file)) },
    );
    expect(res.status).toBe(201);
    ids[file] = (res.json() as { id: string }).id;
  }
  await flushQueueKeys();
  const media = stack.conn.queues.queue('media');
  expect(await media.getJob(`finalise-${ids['welsh-speech.mp4']}-v1`)).toBeUndefined();

  const deps = { db: stack.deps.db, queues: stack.conn.queues, logger: stack.deps.logger };
  expect(await reconcileSubmissions(deps, { olderThanSeconds: 0 })).toEqual({
    requeued: 2,
    failed: 0,
  });
  // A second pass finds live jobs and leaves them alone.
  expect(await reconcileSubmissions(deps, { olderThanSeconds: 0 })).toEqual({
    requeued: 0,
    failed: 0,
  });

  const workers = await startWorkers(
    { config: stack.config, logger: stack.deps.logger, ...stack.conn },
    { reconcileEverySeconds: 3600 },
  );
  try {
    const statuses = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(ids).map(async ([file, id]) => {
            const s = await stack.deps.db
              .selectFrom('submissions')
              .select('status')
              .where('id', '=', id)
              .executeTakeFirstOrThrow();
            return [file, s.status] as const;
          }),
        ),
      );
    let now = await statuses();
    await waitFor(
      async () => {
        now = await statuses();
        return !Object.values(now).some((s) => s === 'uploaded' || s === 'processing');
      },
      {
        what: () => `both submissions to settle (now ${JSON.stringify(now)})`,
        timeoutMs: 120_000,
        intervalMs: 300,
      },
    );
    expect(now).toEqual({ 'welsh-speech.mp4': 'awaiting_review', 'truncated.mp4': 'failed' });
    noteFault({
      fault: 'Redis queue keys flushed after 2 uploads were accepted',
      measured:
        'reconciler re-queued 2 (a second pass 0); the good clip reached awaiting_review, ' +
        'the truncated one failed',
    });
  } finally {
    await workers.close();
  }
});
