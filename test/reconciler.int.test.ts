import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CreateMultipartUploadCommand } from '@aws-sdk/client-s3';
import { Worker, type Job } from 'bullmq';
import { sql } from 'kysely';
import { insertRedaction } from '../src/db/redactions.queries';
import { transitionSubmission } from '../src/db/submissions.queries';
import { createS3Client } from '../src/storage/s3-client';
import { recordAudit } from '../src/db/audit.queries';
import {
  expireStaleClaims,
  reconcileCaptions,
  reconcileLowRenditions,
  reconcileRedactions,
  runReconcilerPass,
} from '../workers/reconciler';
import {
  abortAbandonedMultipartUploads,
  deleteOrphanedObjects,
  sweepStorage,
} from '../workers/storage-sweep';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { startTestStack, type TestStack } from './support/stack';

/** The reconciler's clean-up rules against the real PostgreSQL and S3 server. */
let stack: TestStack;
const HOUR = 3600 * 1000;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

async function upload(): Promise<string> {
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    {
      filename: 'clip.mp4',
      body: createReadStream(path.join(MEDIA_DIR, 'odd-size-upside-down.mp4')),
    },
  );
  expect(res.status).toBe(201);
  return (res.json() as { id: string }).id;
}

const put = (key: string) =>
  stack.deps.store.putStream(key, Readable.from([Buffer.from('bytes')]), {
    contentType: 'application/octet-stream',
  });

async function startMultipart(key: string): Promise<string> {
  const client = createS3Client({ ...stack.config.s3, endpoint: stack.s3.endpoint });
  try {
    const out = await client.send(
      new CreateMultipartUploadCommand({ Bucket: stack.config.s3.bucket, Key: key }),
    );
    return out.UploadId!;
  } finally {
    client.destroy();
  }
}

describe('orphaned objects', () => {
  it('deletes objects with no row once past the grace period, and nothing else', async () => {
    const kept = await upload();
    const orphan = randomUUID();
    await put(`originals/${orphan}/1`);
    await put(`media/${orphan}/1/720p.mp4`);
    const orphanExport = `exports/${randomUUID()}/${randomUUID()}.mp4`; // no such playlist
    await put(orphanExport);
    await put('notes/not-ours.txt');
    const keys = async () => (await stack.deps.store.list('')).map((o) => o.key).sort();

    // Within the grace period (an upload in flight writes its object before its row): kept.
    expect(await deleteOrphanedObjects(stack.deps, { graceMs: HOUR })).toBe(0);
    expect(await keys()).toEqual(
      [
        orphanExport,
        `media/${orphan}/1/720p.mp4`,
        'notes/not-ours.txt',
        `originals/${kept}/1`,
        `originals/${orphan}/1`,
      ].sort(),
    );

    // Seen from two hours on, the orphans are past the grace period; the rest stay.
    const later = new Date(Date.now() + 2 * HOUR);
    expect(await deleteOrphanedObjects(stack.deps, { graceMs: HOUR, now: later })).toBe(3);
    expect(await keys()).toEqual(['notes/not-ours.txt', `originals/${kept}/1`]);
  });
});

describe('abandoned multipart uploads', () => {
  it('aborts uploads older than the threshold and leaves younger ones', async () => {
    const key = `originals/${randomUUID()}/1`;
    await startMultipart(key);
    const pending = async () =>
      (await stack.deps.store.listMultipartUploads('originals/')).map((u) => u.key);

    expect(await abortAbandonedMultipartUploads(stack.deps, { olderThanMs: HOUR })).toBe(0);
    expect(await pending()).toContain(key);
    const later = new Date(Date.now() + 2 * HOUR);
    expect(
      await abortAbandonedMultipartUploads(stack.deps, { olderThanMs: HOUR, now: later }),
    ).toBe(1);
    expect(await pending()).not.toContain(key);
  });

  it('with the configured thresholds, the whole sweep keeps work in progress', async () => {
    const key = `originals/${randomUUID()}/1`;
    await startMultipart(key);
    const report = await sweepStorage({ ...stack.deps, queues: stack.conn.queues });
    expect(report).toEqual({
      expiredUploads: { uploadsRemoved: 0, draftsCompleted: 0, draftsDeleted: 0 },
      multipartAborted: 0,
      orphansDeleted: 0,
    });
    expect((await stack.deps.store.listMultipartUploads('originals/')).map((u) => u.key)).toEqual([
      key,
    ]);
    await abortAbandonedMultipartUploads(stack.deps, { olderThanMs: 0 });
  });
});

describe('lapsed review claims', () => {
  it('removes lapsed claims with an audit event and keeps live ones', async () => {
    const [lapsed, live] = [await upload(), await upload()];
    const admin = await stack.deps.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    await stack.deps.db
      .insertInto('review_claims')
      .values([
        {
          submission_id: lapsed,
          user_id: admin.id,
          claimed_at: sql<Date>`now() - interval '20 minutes'`,
          expires_at: sql<Date>`now() - interval '5 minutes'`,
        },
        {
          submission_id: live,
          user_id: admin.id,
          expires_at: sql<Date>`now() + interval '10 minutes'`,
        },
      ])
      .execute();

    expect(await expireStaleClaims(stack.deps)).toBe(1);
    const claims = await stack.deps.db
      .selectFrom('review_claims')
      .select('submission_id')
      .execute();
    expect(claims.map((c) => c.submission_id)).toEqual([live]);
    const audit = await stack.deps.db
      .selectFrom('audit_events')
      .select(['actor_type', 'action', 'subject_id', 'campaign_id', 'details'])
      .where('action', '=', 'review.claim_expired')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'system', subject_id: lapsed });
    expect(audit[0]?.campaign_id).toEqual(expect.any(String));
    expect(audit[0]?.details).toMatchObject({ userId: admin.id });

    // A whole pass: nothing more to expire, and uploads this young are left to their jobs.
    const report = await runReconcilerPass(
      { db: stack.deps.db, queues: stack.conn.queues, logger: stack.deps.logger },
      { olderThanSeconds: 3600 },
    );
    expect(report).toEqual({
      requeued: 0,
      failed: 0,
      redactionsRequeued: 0,
      redactionsFailed: 0,
      lowRenditionsRequeued: 0,
      captionsRequeued: 0,
      claimsExpired: 0,
    });
  });
});

describe('edits waiting in a lost queue', () => {
  const reconcile = () =>
    reconcileRedactions(
      { db: stack.deps.db, queues: stack.conn.queues, logger: stack.deps.logger },
      { olderThanSeconds: 60 },
    );
  const media = () => stack.conn.queues.queue('media');

  /** A clip in review with a queued edit asked for `ageSeconds` ago and no job in Redis. */
  async function queuedEdit(ageSeconds: number) {
    const id = await upload();
    await transitionSubmission(stack.deps.db, id, 'processing_started');
    await transitionSubmission(stack.deps.db, id, 'processing_succeeded', { duration_seconds: 5 });
    const admin = await stack.deps.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const row = await insertRedaction(stack.deps.db, {
      submissionId: id,
      fromVersion: 1,
      spec: { trim: { start: 0, end: 2 }, blurs: [] },
      requestedBy: admin.id,
    });
    // created_at is written by the database only; the test ages it by hand.
    await sql`UPDATE redactions SET created_at = now() - make_interval(secs => ${ageSeconds})
      WHERE id = ${row!.id}`.execute(stack.deps.db);
    return { submissionId: id, redactionId: row!.id };
  }

  it('queues again an edit whose job Redis lost, once, and leaves young edits alone', async () => {
    const lost = await queuedEdit(600);
    const young = await queuedEdit(0);

    expect(await reconcile()).toEqual({ requeued: 1, failed: 0 });
    const job = await media().getJob(`redact-${lost.redactionId}`);
    expect(job?.name).toBe('redact');
    expect(job?.data).toEqual(lost);
    expect(await job?.getState()).toBe('waiting');
    expect(await media().getJob(`redact-${young.redactionId}`)).toBeUndefined();

    // Its job is live now: the next pass leaves it.
    expect(await reconcile()).toEqual({ requeued: 0, failed: 0 });
    await job?.remove();
    await stack.deps.db
      .updateTable('redactions')
      .set({ status: 'superseded' })
      .where('id', 'in', [lost.redactionId, young.redactionId])
      .execute();
  });

  it('marks failed an edit whose job failed for good unrecorded, with an audit event', async () => {
    const edit = await queuedEdit(600);
    // The job failed on its last attempt while PostgreSQL was unreachable, so the row still
    // says queued.
    await failForGood(
      () => stack.conn.queues.enqueueRedact(edit),
      `redact-${edit.redactionId}`,
      'ffmpeg exited with code 1',
    );

    expect(await reconcile()).toEqual({ requeued: 0, failed: 1 });
    const row = await stack.deps.db
      .selectFrom('redactions')
      .select(['status', 'failure_detail'])
      .where('id', '=', edit.redactionId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', failure_detail: 'ffmpeg exited with code 1' });
    const audit = await stack.deps.db
      .selectFrom('audit_events')
      .select(['actor_type', 'actor_id', 'subject_id', 'details'])
      .where('action', '=', 'submission.redaction_failed')
      .execute();
    expect(audit).toEqual([
      {
        actor_type: 'system',
        actor_id: 'reconciler',
        subject_id: edit.submissionId,
        details: { redactionId: edit.redactionId, fromVersion: 1 },
      },
    ]);
    // Nothing more to do on the next pass.
    expect(await reconcile()).toEqual({ requeued: 0, failed: 0 });
  });
});

/**
 * Queues one job on an emptied media queue and fails it for good, the way BullMQ documents
 * manual processing: take the job with a lock token, fail it on its last attempt.
 */
async function failForGood(enqueue: () => Promise<void>, jobId: string, reason: string) {
  const media = stack.conn.queues.queue('media');
  await media.drain(true);
  await enqueue();
  const worker = new Worker('media', null, {
    connection: stack.conn.redis,
    prefix: stack.conn.queues.keyPrefix,
  });
  try {
    const token = randomUUID();
    const job = (await worker.getNextJob(token)) as Job | undefined;
    expect(job?.id).toBe(jobId);
    job!.opts.attempts = 1;
    await job!.moveToFailed(new Error(reason), token);
    expect(await job!.getState()).toBe('failed');
  } finally {
    await worker.close();
  }
}

/** A clip in review whose 720p was listed `ageSeconds` ago, with `names` listed beside it. */
async function published(ageSeconds: number, names: string[] = []) {
  const id = await upload();
  await transitionSubmission(stack.deps.db, id, 'processing_started');
  await transitionSubmission(stack.deps.db, id, 'processing_succeeded', { duration_seconds: 5 });
  for (const name of ['720p.mp4', ...names]) {
    await stack.deps.db
      .insertInto('media_assets')
      .values({ submission_id: id, version: 1, name, content_type: 'video/mp4', bytes: 5 })
      .execute();
  }
  // created_at is written by the database only; the test ages it by hand.
  await sql`UPDATE media_assets SET created_at = now() - make_interval(secs => ${ageSeconds})
    WHERE submission_id = ${id}`.execute(stack.deps.db);
  return id;
}

describe('360p renditions whose job was lost', () => {
  const reconcile = () =>
    reconcileLowRenditions(
      { db: stack.deps.db, queues: stack.conn.queues, logger: stack.deps.logger },
      { olderThanSeconds: 60 },
    );
  const media = () => stack.conn.queues.queue('media');

  it('queues again a lost 360p job once, and leaves young, complete and withdrawn clips alone', async () => {
    const lost = await published(600);
    const young = await published(0);
    const complete = await published(600, ['360p.mp4']);
    const withdrawn = await published(600);
    await transitionSubmission(stack.deps.db, withdrawn, 'withdraw');

    expect(await reconcile()).toBe(1);
    const job = await media().getJob(`lowRendition-${lost}-v1`);
    expect(job?.data).toEqual({ submissionId: lost, mediaVersion: 1 });
    expect(await job?.getState()).toBe('waiting');
    for (const other of [young, complete, withdrawn]) {
      expect(await media().getJob(`lowRendition-${other}-v1`)).toBeUndefined();
    }
    // The job is there now (no worker runs in this test): the next pass adds nothing.
    expect(await reconcile()).toBe(0);
    // As the job would have: the 360p listed, so later tests find nothing owed here.
    await job?.remove();
    await stack.deps.db
      .insertInto('media_assets')
      .values({
        submission_id: lost,
        version: 1,
        name: '360p.mp4',
        content_type: 'video/mp4',
        bytes: 5,
      })
      .execute();
  });

  it('leaves a version whose 360p job failed for good: the clip still plays at 720p', async () => {
    const id = await published(600);
    await failForGood(
      () => stack.conn.queues.enqueueLowRendition({ submissionId: id, mediaVersion: 1 }),
      `lowRendition-${id}-v1`,
      'ffmpeg exited with code 1',
    );
    expect(await reconcile()).toBe(0);
  });
});

describe('captions whose job was lost', () => {
  const reconcile = () =>
    reconcileCaptions(
      { db: stack.deps.db, queues: stack.conn.queues, logger: stack.deps.logger },
      { olderThanSeconds: 60 },
    );
  const media = () => stack.conn.queues.queue('media');
  const captionsJob = (id: string) => media().getJob(`captions-${id}-v1`);
  /** As a captions job that could make none records it (workers/captions.processor.ts). */
  const recordMissing = (
    id: string,
    mediaVersion: number,
    reason: string,
    actorId = 'job:captions',
  ) =>
    recordAudit(stack.deps.db, {
      actor: { type: 'system', id: actorId },
      action: 'captions.missing',
      subject: { type: 'submission', id },
      details: { lang: 'en', mediaVersion, reason },
    });

  beforeAll(async () => {
    // Versions the 360p tests above left without captions are not this test's business.
    const earlier = await stack.deps.db.selectFrom('submissions').select('id').execute();
    for (const { id } of earlier) {
      await recordMissing(id, 1, 'set up by the test', 'test');
    }
  });

  it('queues again lost captions once, and leaves clips with captions or a reason alone', async () => {
    const lost = await published(600);
    const young = await published(0);
    const captioned = await published(600);
    await stack.deps.db
      .insertInto('caption_revisions')
      .values({
        submission_id: captioned,
        media_version: 1,
        lang: 'en',
        source: 'upload',
        vtt: 'WEBVTT\n',
        transcript: null,
        created_by: 'contributor',
      })
      .execute();
    const explained = await published(600);
    await recordMissing(explained, 1, 'no transcript and no model');
    // A reason recorded for an earlier version does not cover this one.
    const olderReason = await published(600);
    await recordMissing(olderReason, 7, 'another version');
    const withdrawn = await published(600);
    await transitionSubmission(stack.deps.db, withdrawn, 'withdraw');

    expect(await reconcile()).toBe(2);
    for (const id of [lost, olderReason]) {
      const job = await captionsJob(id);
      expect(job?.data).toEqual({ submissionId: id, mediaVersion: 1 });
      expect(await job?.getState()).toBe('waiting');
    }
    for (const other of [young, captioned, explained, withdrawn]) {
      expect(await captionsJob(other)).toBeUndefined();
    }
    // The jobs are there now (no worker runs in this test): the next pass adds nothing.
    expect(await reconcile()).toBe(0);
    // As the jobs would have (no model here): a reason recorded, so later tests find nothing owed.
    for (const id of [lost, olderReason]) {
      await (await captionsJob(id))?.remove();
      await recordMissing(id, 1, 'no transcript and no model');
    }
  });

  it('leaves a version whose captions job failed for good: staff can add captions by hand', async () => {
    const id = await published(600);
    await failForGood(
      () => stack.conn.queues.enqueueCaptions({ submissionId: id, mediaVersion: 1 }),
      `captions-${id}-v1`,
      'whisper crashed',
    );
    expect(await reconcile()).toBe(0);
  });
});
