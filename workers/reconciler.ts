import { sql } from 'kysely';
import type { Db } from '../src/db/database';
import { recordAudit } from '../src/db/audit.queries';
import { listSubmissionsOwingWork, transitionSubmission } from '../src/db/submissions.queries';
import { jobIdFor } from '../src/queue/jobs';
import type { JobQueues } from '../src/queue/queues';
import type { Logger } from '../src/logger';
import { decideOwedWork } from './reconcile-rules';

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
  claimsExpired: number;
}

/** One reconciler pass over PostgreSQL (every minute and at start-up). */
export async function runReconcilerPass(
  deps: { db: Db; queues: JobQueues; logger: Logger },
  opts: { olderThanSeconds: number },
): Promise<ReconcileReport> {
  const work = await reconcileSubmissions(deps, opts);
  return { ...work, claimsExpired: await expireStaleClaims(deps) };
}
