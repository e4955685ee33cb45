import type { Request, Response } from 'express';
import { z } from 'zod';
import { recordAudit } from '../../db/audit.queries';
import {
  finishRedaction,
  insertRedaction,
  keptRedactedVersions,
  listRedactions,
  markOriginalsRemoved,
  openRedaction,
} from '../../db/redactions.queries';
import { getClaim, lockSubmissionForReview } from '../../db/reviews.queries';
import { getSubmission } from '../../db/submissions.queries';
import { can } from '../../domain/authorisation';
import { AppError } from '../../domain/errors';
import { checkRedaction, type RedactionRequest } from '../../domain/redaction';
import { claimIsLive } from '../../domain/review-rules';
import { originalKey } from '../../storage/keys';
import { sendObject } from '../../storage/send-object';
import type { ApiDeps } from '../deps';
import type { StaffActor } from './session';

/**
 * Trim and redact: a moderator holding the claim asks for an edit of the clip under review;
 * the `redact` job renders it into the next media version (workers/redact.processor.ts).
 * The unredacted original stays readable by staff only, until the edited clip is approved.
 */

// Only the shape here: ranges are checked against the clip by checkRedaction, whose refusals
// carry a reason the staff page can put into words.
const seconds = z.number().finite();
const fraction = z.number().finite();

export const editBody = z
  .object({
    trim: z.object({ start: seconds, end: seconds }).strict().optional(),
    blurs: z
      .array(
        z
          .object({
            start: seconds,
            end: seconds,
            x: fraction,
            y: fraction,
            width: fraction,
            height: fraction,
          })
          .strict(),
      )
      // Bounded by the JSON body limit; checkRedaction says "at most MAX_BLURS" in words.
      .optional(),
    /** The version the moderator was looking at: times and rectangles are measured on it. */
    mediaVersion: z.number().int().positive().optional(),
  })
  .strict();
export type EditBody = z.infer<typeof editBody>;

const notFound = () => new AppError('not_found', 'No submission was found.');

export async function requestRedaction(
  deps: Pick<ApiDeps, 'db' | 'queues'>,
  staff: StaffActor,
  id: string,
  body: EditBody,
) {
  const edit = await deps.db.transaction().execute(async (trx) => {
    const locked = await lockSubmissionForReview(trx, id);
    if (!locked || !can(staff, 'submission.redact', { campaignId: locked.campaign_id })) {
      throw notFound();
    }
    if (locked.status !== 'awaiting_review') {
      throw new AppError('wrong_state', 'Only a clip waiting for review can be edited.', {
        status: locked.status,
      });
    }
    if (body.mediaVersion !== undefined && body.mediaVersion !== locked.media_version) {
      throw new AppError('stale_version', 'This clip changed after you opened it.', {
        mediaVersion: locked.media_version,
      });
    }
    const claim = await getClaim(trx, id);
    const live = claim ? { userId: claim.user_id, expiresAt: claim.expires_at } : undefined;
    if (!claimIsLive(live, new Date()) || live?.userId !== staff.id) {
      throw new AppError('claim_conflict', 'Claim the clip before editing it.');
    }
    const s = await getSubmission(trx, id);
    const request: RedactionRequest = { trim: body.trim, blurs: body.blurs };
    const spec = checkRedaction(request, {
      durationSeconds: s?.duration_seconds ?? null,
      kind: s?.kind ?? null,
    });
    const row = await insertRedaction(trx, {
      submissionId: id,
      fromVersion: locked.media_version,
      spec,
      requestedBy: staff.id,
    });
    if (!row) return null;
    await recordAudit(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'submission.edit_requested',
      subject: { type: 'submission', id },
      campaignId: locked.campaign_id,
      details: {
        redactionId: row.id,
        fromVersion: row.from_version,
        trim: spec.trim,
        blurs: spec.blurs,
      },
    });
    return row;
  });
  if (!edit) {
    // The open edit's job is queued again (a no-op while it exists), so an edit whose job was
    // lost with Redis does not block the clip for ever: asking again sets it going.
    const open = await openRedaction(deps.db, id);
    if (open) await deps.queues.enqueueRedact({ submissionId: id, redactionId: open.id });
    throw new AppError('conflict', 'An edit of this clip is already being made.');
  }
  try {
    await deps.queues.enqueueRedact({ submissionId: id, redactionId: edit.id });
  } catch (err) {
    // A queued row with no job would block every later edit: record the failure, then report it.
    await finishRedaction(deps.db, edit.id, 'failed', 'could not be queued');
    throw err;
  }
  return {
    id,
    editId: edit.id,
    status: edit.status,
    fromVersion: edit.from_version,
    mediaVersion: edit.to_version,
  };
}

/** Loads a submission the staff member may edit, else 404. */
async function redactableSubmission(deps: Pick<ApiDeps, 'db'>, staff: StaffActor, id: string) {
  const s = await getSubmission(deps.db, id);
  if (!s || !can(staff, 'submission.redact', { campaignId: s.campaign_id })) throw notFound();
  return s;
}

export async function listEdits(deps: Pick<ApiDeps, 'db'>, staff: StaffActor, id: string) {
  await redactableSubmission(deps, staff, id);
  const [rows, kept] = await Promise.all([
    listRedactions(deps.db, id),
    keptRedactedVersions(deps.db, id),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      fromVersion: r.from_version,
      mediaVersion: r.to_version,
      createdAt: r.created_at.toISOString(),
      originalAvailable: kept.includes(r.from_version),
    })),
  };
}

/**
 * The unredacted original of a version an edit was made from, for staff only (the route
 * takes no contributor token). Gone once the edited clip is approved.
 */
export async function sendRedactedOriginal(
  deps: Pick<ApiDeps, 'db' | 'store'>,
  staff: StaffActor,
  id: string,
  version: number,
  req: Request,
  res: Response,
) {
  const s = await redactableSubmission(deps, staff, id);
  if (s.status === 'withdrawn' || !(await keptRedactedVersions(deps.db, id)).includes(version)) {
    throw new AppError('not_found', 'There is no such version.');
  }
  await sendObject(res, deps.store, originalKey(id, version), req.headers.range, {
    disposition: 'attachment',
    filename: `original-v${version}`,
  });
}

/**
 * Once the edited clip is approved, the unredacted originals it was made from are deleted:
 * the face or the number plate must not outlive the decision. Safe to call more than once.
 */
export async function discardRedactedOriginals(
  deps: Pick<ApiDeps, 'db' | 'store'>,
  id: string,
): Promise<number[]> {
  const s = await getSubmission(deps.db, id);
  // Never the live version's own original, whatever the rows say.
  const versions = (await keptRedactedVersions(deps.db, id)).filter(
    (v) => s !== undefined && v < s.media_version,
  );
  for (const v of versions) await deps.store.deleteKey(originalKey(id, v));
  await markOriginalsRemoved(deps.db, id, versions);
  return versions;
}
