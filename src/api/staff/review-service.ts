import { recordAudit } from '../../db/audit.queries';
import { getCampaignBySlug } from '../../db/campaigns.queries';
import {
  claimSubmission,
  countReviewQueue,
  getClaim,
  insertReview,
  listReviewQueue,
  lockSubmissionForReview,
  releaseClaim,
  setEscalated,
  type QueueStatus,
} from '../../db/reviews.queries';
import { getSubmission, transitionSubmission } from '../../db/submissions.queries';
import { can } from '../../domain/authorisation';
import { AppError } from '../../domain/errors';
import {
  CLAIM_SECONDS,
  checkDecision,
  type DecisionInput,
  type ReviewReasonCode,
} from '../../domain/review-rules';
import type { ApiDeps } from '../deps';
import { withdrawSubmission } from '../submission-service';
import type { StaffActor } from './session';

/** Review actions shared by the JSON API and the staff pages. */

type Deps = Pick<ApiDeps, 'db'>;

const notFound = () => new AppError('not_found', 'No submission was found.');
const scopeOf = (s: StaffActor) => (s.kind === 'admin' ? ('all' as const) : s.campaignIds);

export interface QueueQuery {
  campaign?: string;
  status?: QueueStatus;
  language?: 'en' | 'cy';
}

export async function reviewQueue(deps: Deps, staff: StaffActor, query: QueueQuery) {
  let campaignId: string | undefined;
  if (query.campaign) {
    // Only a slug's shape reaches PostgreSQL: a NUL byte there is an error, not "no such campaign"
    // (found by test/fuzz-api.int.test.ts). Same rule as the upload intake.
    const c = /^[a-z0-9][a-z0-9-]{0,62}$/.test(query.campaign)
      ? await getCampaignBySlug(deps.db, query.campaign)
      : undefined;
    if (!c || !can(staff, 'review.queue', { campaignId: c.id })) {
      throw new AppError('not_found', 'No campaign with that name is yours to review.');
    }
    campaignId = c.id;
  }
  const filter = {
    scope: scopeOf(staff),
    ...(campaignId ? { campaignId } : {}),
    ...(query.language ? { language: query.language } : {}),
  };
  const [rows, counts] = await Promise.all([
    listReviewQueue(deps.db, { ...filter, status: query.status ?? 'awaiting_review', limit: 100 }),
    countReviewQueue(deps.db, filter),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      campaign: r.campaign,
      language: r.language,
      createdAt: r.created_at.toISOString(),
      mediaVersion: r.media_version,
      escalated: r.escalated_at !== null,
      ...(r.claimed_by ? { claimedBy: r.claimed_by } : {}),
      captionsMissing: r.captions_missing,
    })),
    counts,
  };
}

/** Loads a submission the staff member may act on with `action`, else 404. */
export async function submissionForStaff(
  deps: Deps,
  staff: StaffActor,
  id: string,
  action: Parameters<typeof can>[1],
) {
  const s = await getSubmission(deps.db, id);
  if (!s || !can(staff, action, { campaignId: s.campaign_id, submissionId: s.id })) {
    throw notFound();
  }
  return s;
}

export async function claimForReview(deps: Deps, staff: StaffActor, id: string) {
  const s = await submissionForStaff(deps, staff, id, 'submission.claim');
  if (s.status !== 'awaiting_review') {
    throw new AppError('wrong_state', 'This submission is not waiting for review.', {
      status: s.status,
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    const won = await claimSubmission(trx, id, staff.id, CLAIM_SECONDS);
    if (!won) {
      const holder = await getClaim(trx, id);
      throw new AppError('claim_conflict', 'Another member of staff holds this claim.', {
        claimedBy: holder?.email,
        expiresAt: holder?.expires_at.toISOString(),
      });
    }
    await recordAudit(trx, {
      actor: { type: 'staff', id: staff.id },
      action: won.renewed ? 'review.claim_renewed' : 'review.claimed',
      subject: { type: 'submission', id },
      campaignId: s.campaign_id,
      details: { expiresAt: won.expires_at.toISOString() },
    });
    return { id, claimedBy: staff.email, expiresAt: won.expires_at.toISOString() };
  });
}

export interface DecisionRequest extends DecisionInput {
  note: string;
  reasonCode?: ReviewReasonCode;
}

/**
 * Records a decision: the rules are checked against the locked row and the live claim, then
 * the state moves through the state machine, and the review row, the audit event and the
 * claim release commit together or not at all.
 */
export async function decide(deps: Deps, staff: StaffActor, id: string, d: DecisionRequest) {
  if (d.decision !== 'approve' && !d.reasonCode && d.note.trim() === '') {
    throw new AppError('bad_request', 'Give a reason or a note for this decision.', {
      field: 'reasonCode',
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    const s = await lockSubmissionForReview(trx, id);
    if (!s || !can(staff, 'submission.decide', { campaignId: s.campaign_id })) throw notFound();
    const claim = await getClaim(trx, id);
    const event = checkDecision(d, {
      actorId: staff.id,
      now: new Date(),
      submission: { status: s.status, mediaVersion: s.media_version, escalatedAt: s.escalated_at },
      claim: claim ? { userId: claim.user_id, expiresAt: claim.expires_at } : undefined,
    });
    const review = await insertReview(trx, {
      submissionId: id,
      mediaVersion: s.media_version,
      userId: staff.id,
      decision: d.decision,
      consentCheck: d.consentCheck,
      contentCheck: d.contentCheck,
      reasonCode: d.reasonCode ?? null,
      note: d.note,
    });
    const details = {
      reviewId: review.id,
      mediaVersion: s.media_version,
      consentCheck: d.consentCheck,
      contentCheck: d.contentCheck,
      reasonCode: d.reasonCode ?? null,
    };
    let status = s.status;
    if (event) {
      const moved = await transitionSubmission(
        trx,
        id,
        event,
        {},
        { actor: { type: 'staff', id: staff.id }, action: `review.${d.decision}`, details },
      );
      if (!moved) throw new AppError('wrong_state', 'The submission moved on meanwhile.');
      status = moved.status;
    } else {
      await setEscalated(trx, id, true);
      await recordAudit(trx, {
        actor: { type: 'staff', id: staff.id },
        action: 'review.escalate',
        subject: { type: 'submission', id },
        campaignId: s.campaign_id,
        details,
      });
    }
    await releaseClaim(trx, id);
    return { id, status, decision: d.decision, reviewId: review.id, escalated: !event };
  });
}

export async function closeEscalation(deps: Deps, staff: StaffActor, id: string) {
  return deps.db.transaction().execute(async (trx) => {
    const s = await lockSubmissionForReview(trx, id);
    if (!s || !can(staff, 'escalation.close', { campaignId: s.campaign_id })) throw notFound();
    if (!s.escalated_at) throw new AppError('wrong_state', 'This submission is not escalated.');
    await setEscalated(trx, id, false);
    await recordAudit(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'review.escalation_closed',
      subject: { type: 'submission', id },
      campaignId: s.campaign_id,
    });
    return { id, status: s.status, escalated: false };
  });
}

/** Staff withdraw on a contributor's behalf (they phoned, wrote, or asked in person). */
export async function withdrawOnBehalf(
  deps: Pick<ApiDeps, 'db' | 'store' | 'queues' | 'config' | 'logger'>,
  staff: StaffActor,
  id: string,
) {
  await submissionForStaff(deps, staff, id, 'submission.withdraw');
  await withdrawSubmission(deps, id, { type: 'staff', id: staff.id });
  await releaseClaim(deps.db, id);
  return { id, status: 'withdrawn' as const };
}
