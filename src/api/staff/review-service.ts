import { recordAudit } from '../../db/audit.queries';
import { getCampaignBySlug } from '../../db/campaigns.queries';
import {
  claimSubmission,
  getClaim,
  insertReview,
  lockSubmissionForReview,
  readReviewQueue,
  releaseClaim,
  setEscalated,
  type QueueStatus,
} from '../../db/reviews.queries';
import {
  closeOpenEscalation,
  findOpenEscalation,
  openEscalation,
} from '../../db/escalations.queries';
import { checkChecklist, normaliseChecklist } from '../../domain/review-checklist';
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
import { ReadCache } from '../read-cache';
import { writeGeneration } from '../write-generation';
import { clearAfterApproval, rejectFromPlaylists } from '../playlist-changes';
import { withdrawSubmission } from '../submission-service';
import { discardRedactedOriginals } from './redact-service';
import type { StaffActor } from './session';

/** Review actions shared by the JSON API and the staff pages. */

type Deps = Pick<ApiDeps, 'db'>;

const notFound = () => new AppError('not_found', 'No submission was found.');
const scopeOf = (s: StaffActor) => (s.kind === 'admin' ? ('all' as const) : s.campaignIds);

export interface QueueQuery {
  campaign?: string;
  status?: QueueStatus;
  language?: 'en' | 'cy';
  captionsMissing?: boolean;
  flagged?: boolean;
  /** The `next` of the previous page. */
  after?: string;
}

/** A page of the queue; `next` asks for the one after it. */
export const QUEUE_PAGE_SIZE = 50;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeQueueCursor(createdKey: string, id: string): string {
  return Buffer.from(JSON.stringify([createdKey, id]), 'utf8').toString('base64url');
}

export function decodeQueueCursor(raw: string): { createdAt: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      typeof v[0] === 'string' &&
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/.test(v[0]) &&
      typeof v[1] === 'string' &&
      UUID_RE.test(v[1])
    ) {
      return { createdAt: v[0], id: v[1] };
    }
  } catch {
    /* answered below */
  }
  throw new AppError('bad_request', 'The page link is not valid; start from the first page.', {
    field: 'after',
  });
}

/**
 * Queue pages are read far more often than the queue changes (every moderator's page and poll
 * asks for the same first page), so a page is shared for up to this long by every request with
 * the same role, campaigns and filters. Any write request in this process (a claim, a decision,
 * an upload) makes the next read fresh at once (write-generation.ts); a change made by another
 * process (a worker finishing a clip, a second API process) shows within this long.
 */
export const QUEUE_CACHE_MS = 1000;
type QueuePage = Awaited<ReturnType<typeof readQueuePage>>;
const queueCaches = new WeakMap<Deps['db'], ReadCache<QueuePage>>();

/** A page of the review queue, oldest first, with the counts. Callers must not change it. */
export async function reviewQueue(
  deps: Deps,
  staff: StaffActor,
  query: QueueQuery,
): Promise<QueuePage> {
  let cache = queueCaches.get(deps.db);
  if (!cache) queueCaches.set(deps.db, (cache = new ReadCache(QUEUE_CACHE_MS)));
  const key = JSON.stringify([staff.kind, scopeOf(staff), query]);
  const page = await cache.get(key, writeGeneration(), () => readQueuePage(deps, staff, query));
  // readQueuePage always answers a page or throws; the cache's type allows "none".
  if (!page) throw new Error('review queue read answered nothing');
  return page;
}

async function readQueuePage(deps: Deps, staff: StaffActor, query: QueueQuery) {
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
  const after = query.after ? decodeQueueCursor(query.after) : undefined;
  const { items: rows, counts } = await readReviewQueue(deps.db, {
    ...filter,
    status: query.status ?? 'awaiting_review',
    ...(query.captionsMissing ? { captionsMissing: true } : {}),
    ...(query.flagged ? { flagged: true } : {}),
    ...(after ? { after } : {}),
    limit: QUEUE_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, QUEUE_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      status: r.status,
      campaign: r.campaign,
      language: r.language,
      createdAt: r.created_at,
      mediaVersion: r.media_version,
      escalated: r.escalated,
      ...(r.claimed_by ? { claimedBy: r.claimed_by } : {}),
      captionsMissing: r.captions_missing,
    })),
    counts,
    ...(rows.length > QUEUE_PAGE_SIZE && last
      ? { next: encodeQueueCursor(last.created_key, last.id) }
      : {}),
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
  /** The content checklist as ticked (the page sends it; API clients may). */
  checklist?: { checked?: string[]; concerns?: string[]; adultAtRisk?: boolean };
}

/**
 * Records a decision: the rules are checked against the locked row and the live claim, then
 * the state moves through the state machine, and the review row, the audit event and the
 * claim release commit together or not at all.
 */
export async function decide(
  deps: Pick<ApiDeps, 'db' | 'store'>,
  staff: StaffActor,
  id: string,
  d: DecisionRequest,
) {
  const result = await decideInTransaction(deps, staff, id, d);
  // Trim and redact: the unredacted original goes once the edited clip is approved. A failed
  // delete must not turn a recorded decision into an error; the edit list still shows it.
  if (result.status === 'approved') await discardRedactedOriginals(deps, id).catch(() => []);
  return result;
}

async function decideInTransaction(deps: Deps, staff: StaffActor, id: string, d: DecisionRequest) {
  if (d.decision !== 'approve' && !d.reasonCode && d.note.trim() === '') {
    throw new AppError('bad_request', 'Give a reason or a note for this decision.', {
      field: 'reasonCode',
    });
  }
  const checklist = normaliseChecklist(d.checklist ?? {});
  checkChecklist(d.decision, checklist, d.note);
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
      checklist,
    });
    // The checklist goes in the audit too, so the trail shows what was checked for each decision.
    const details = {
      reviewId: review.id,
      mediaVersion: s.media_version,
      consentCheck: d.consentCheck,
      contentCheck: d.contentCheck,
      reasonCode: d.reasonCode ?? null,
      checklist,
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
      // Playlists: a rejected clip leaves them; an approved new version plays in them again.
      if (d.decision === 'reject') await rejectFromPlaylists(trx, id);
      if (d.decision === 'approve') await clearAfterApproval(trx, id, s.media_version);
    } else {
      await setEscalated(trx, id, true);
      await openEscalation(trx, {
        submissionId: id,
        campaignId: s.campaign_id,
        reviewId: review.id,
        raisedBy: staff.id,
        concern: d.note.trim(),
      });
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

/**
 * Closes a safeguarding escalation with a written outcome. It takes a second member of staff:
 * whoever escalated it cannot close it (the database refuses it too).
 */
export async function closeEscalation(deps: Deps, staff: StaffActor, id: string, outcome: string) {
  if (outcome.trim() === '') {
    throw new AppError('bad_request', 'Write the outcome of the escalation.', { field: 'outcome' });
  }
  return deps.db.transaction().execute(async (trx) => {
    const s = await lockSubmissionForReview(trx, id);
    if (!s || !can(staff, 'escalation.close', { campaignId: s.campaign_id })) throw notFound();
    if (!s.escalated_at) throw new AppError('wrong_state', 'This submission is not escalated.');
    const open = await findOpenEscalation(trx, id);
    if (open && open.raised_by === staff.id) {
      throw new AppError(
        'conflict',
        'Someone other than the person who escalated it must close it.',
        {
          reason: 'same_person',
        },
      );
    }
    if (open) await closeOpenEscalation(trx, open.id, staff.id, outcome.trim());
    await setEscalated(trx, id, false);
    await recordAudit(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'review.escalation_closed',
      subject: { type: 'submission', id },
      campaignId: s.campaign_id,
      details: { escalationId: open?.id ?? null, outcome: outcome.trim() },
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
