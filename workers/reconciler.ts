import { sql } from 'kysely';
import type { Db } from '../src/db/database';
import { recordAudit } from '../src/db/audit.queries';
import { finishRedaction, listQueuedRedactions } from '../src/db/redactions.queries';
import {
  listSubmissionsOwingWork,
  listVersionsOwingCaptions,
  listVersionsOwingLowRendition,
  transitionSubmission,
} from '../src/db/submissions.queries';
import { jobIdFor, type SubmissionJobData } from '../src/queue/jobs';
import type { JobQueues } from '../src/queue/queues';
import type { Logger } from '../src/logger';
import { decideOwedFollowUp, decideOwedWork, decideQueuedRedaction } from './reconcile-rules';

/**
 * PostgreSQL says what work is owed; the queue is derived from it. Submissions stuck in
 * `uploaded` or `processing` with no live job (Redis lost, enqueue failed, flow dead) are queued
 * again; a flow that failed for good without recording it fails the submission.
 */
export async function reconcileSubmissions(
  deps: { db: Db; queues: JobQueues; logger: Logger },
  opts: { olderThanSeconds: number },
): Promise<{ requeued: number; failed: number }> {
  const media = deps.queues.queue('media');
  let requeued = 0;
  let failed = 0;
  for (const s of await listSubmissionsOwingWork(deps.db, opts.olderThanSeconds)) {
    const data = { submissionId: s.id, mediaVersion: s.media_version };
    const finalise = await media.getJob(jobIdFor('finalise', data));
    const state = finalise ? await finalise.getState() : 'missing';
    const action = decideOwedWork(state);
    if (action === 'leave') continue;
    if (action === 'fail') {
      const moved = await transitionSubmission(deps.db, s.id, 'processing_failed', {
        failure_code: 'processing_error',
        failure_detail: finalise?.failedReason?.slice(-2000) ?? null,
      });
      if (moved) failed++;
      continue;
    }
    await deps.queues.requeueProcessing(s.id, s.media_version);
    requeued++;
    deps.logger.warn({ submissionId: s.id, state }, 'reconciler re-queued a submission');
  }
  return { requeued, failed };
}

/**
 * Trim-and-blur edits are owed work too: a `queued` redactions row whose `redact` job Redis lost
 * is queued again (the processor supersedes it if the clip moved on meanwhile); one whose job
 * failed for good, or finished, without the row saying so is marked failed, as the processor
 * would have, so the clip is not blocked from further edits.
 */
export async function reconcileRedactions(
  deps: { db: Db; queues: JobQueues; logger: Logger },
  opts: { olderThanSeconds: number },
): Promise<{ requeued: number; failed: number }> {
  const media = deps.queues.queue('media');
  let requeued = 0;
  let failed = 0;
  for (const r of await listQueuedRedactions(deps.db, opts.olderThanSeconds)) {
    // The id JobQueues.enqueueRedact gives the job: one per redactions row.
    const job = await media.getJob(`redact-${r.id}`);
    const state = job ? await job.getState() : 'missing';
    const action = decideQueuedRedaction(state);
    if (action === 'leave') continue;
    if (action === 'fail') {
      const detail = job?.failedReason?.slice(-2000) ?? `job ${state} without finishing the edit`;
      const marked = await deps.db.transaction().execute(async (trx) => {
        if (!(await finishRedaction(trx, r.id, 'failed', detail))) return false;
        await recordAudit(trx, {
          actor: { type: 'system', id: 'reconciler' },
          action: 'submission.redaction_failed',
          subject: { type: 'submission', id: r.submission_id },
          campaignId: r.campaign_id,
          details: { redactionId: r.id, fromVersion: r.from_version },
        });
        return true;
      });
      if (marked) failed++;
      continue;
    }
    // A job in a state BullMQ did not name would block a new add under the same id.
    await job?.remove();
    await deps.queues.enqueueRedact({ submissionId: r.submission_id, redactionId: r.id });
    requeued++;
    deps.logger.warn(
      { submissionId: r.submission_id, redactionId: r.id, state },
      'reconciler re-queued an edit',
    );
  }
  return { requeued, failed };
}

type FollowUp = 'lowRendition' | 'captions';

/** The versions owing each follow-up job's work, and how that job is queued. */
const followUps: Record<
  FollowUp,
  {
    owing: typeof listVersionsOwingLowRendition;
    enqueue: (q: JobQueues, data: SubmissionJobData) => Promise<void>;
    what: string;
  }
> = {
  lowRendition: {
    owing: listVersionsOwingLowRendition,
    enqueue: (q, data) => q.enqueueLowRendition(data),
    what: 'a 360p',
  },
  captions: {
    owing: listVersionsOwingCaptions,
    enqueue: (q, data) => q.enqueueCaptions(data),
    what: 'captions',
  },
};

/**
 * Jobs finalise queues after a version is published (its 360p, its captions): if Redis lost one,
 * the version would stay without that work for good, and without a recorded reason. Queued again
 * here under the same id, so a job that is still there is never doubled.
 */
async function reconcileFollowUp(
  kind: FollowUp,
  deps: { db: Db; queues: JobQueues; logger: Logger },
  opts: { olderThanSeconds: number },
): Promise<number> {
  const { owing, enqueue, what } = followUps[kind];
  const media = deps.queues.queue('media');
  let requeued = 0;
  for (const v of await owing(deps.db, opts.olderThanSeconds)) {
    const data = { submissionId: v.id, mediaVersion: v.media_version };
    const job = await media.getJob(jobIdFor(kind, data));
    const state = job ? await job.getState() : 'missing';
    if (decideOwedFollowUp(state) === 'leave') continue;
    await enqueue(deps.queues, data);
    requeued++;
    deps.logger.warn(
      { submissionId: v.id, mediaVersion: v.media_version },
      `reconciler re-queued ${what}`,
    );
  }
  return requeued;
}

export const reconcileLowRenditions = (
  deps: { db: Db; queues: JobQueues; logger: Logger },
  opts: { olderThanSeconds: number },
) => reconcileFollowUp('lowRendition', deps, opts);

/** Captions: owed while a version has neither captions nor a `captions.missing` reason. */
export const reconcileCaptions = (
  deps: { db: Db; queues: JobQueues; logger: Logger },
  opts: { olderThanSeconds: number },
) => reconcileFollowUp('captions', deps, opts);

/**
 * Claims already lapse when read (a decision needs a live claim); this removes the lapsed rows
 * so the queue and the audit log say plainly that nobody holds the clip any more. Each removal
 * is audited in the same transaction as the delete.
 */
export async function expireStaleClaims(deps: { db: Db; logger: Logger }): Promise<number> {
  const expired = await deps.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('review_claims')
      .where('expires_at', '<=', sql<Date>`now()`)
      .returning(['submission_id', 'user_id', 'expires_at'])
      .execute();
    if (gone.length === 0) return 0;
    const campaigns = new Map(
      (
        await trx
          .selectFrom('submissions')
          .select(['id', 'campaign_id'])
          .where(
            'id',
            'in',
            gone.map((g) => g.submission_id),
          )
          .execute()
      ).map((s) => [s.id, s.campaign_id]),
    );
    for (const g of gone) {
      await recordAudit(trx, {
        actor: { type: 'system', id: 'reconciler' },
        action: 'review.claim_expired',
        subject: { type: 'submission', id: g.submission_id },
        campaignId: campaigns.get(g.submission_id) ?? null,
        details: { userId: g.user_id, expiresAt: g.expires_at.toISOString() },
      });
    }
    return gone.length;
  });
  if (expired) deps.logger.info({ expired }, 'reconciler cleared lapsed review claims');
  return expired;
}

export interface ReconcileReport {
  requeued: number;
  failed: number;
  redactionsRequeued: number;
  redactionsFailed: number;
  lowRenditionsRequeued: number;
  captionsRequeued: number;
  claimsExpired: number;
}

/** One reconciler pass over PostgreSQL (every minute and at start-up). */
export async function runReconcilerPass(
  deps: { db: Db; queues: JobQueues; logger: Logger },
  opts: { olderThanSeconds: number },
): Promise<ReconcileReport> {
  const work = await reconcileSubmissions(deps, opts);
  const edits = await reconcileRedactions(deps, opts);
  return {
    ...work,
    redactionsRequeued: edits.requeued,
    redactionsFailed: edits.failed,
    lowRenditionsRequeued: await reconcileLowRenditions(deps, opts),
    captionsRequeued: await reconcileCaptions(deps, opts),
    claimsExpired: await expireStaleClaims(deps),
  };
}
