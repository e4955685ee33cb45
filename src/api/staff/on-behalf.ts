import { randomUUID } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { recordAudit } from '../../db/audit.queries';
import { createLinkToken } from '../../db/link-tokens.queries';
import { insertSubmission } from '../../db/submissions.queries';
import { can, type HttpMethod } from '../../domain/authorisation';
import { AppError } from '../../domain/errors';
import { originalKey } from '../../storage/keys';
import type { ApiDeps } from '../deps';
import {
  prepareIntake,
  receiveMultipartUpload,
  type IntakeContext,
  type IntakePlan,
} from '../upload-intake';
import { guardedRoute, staffOf, type GuardedHandler } from './guard';
import type { StaffActor } from './session';

/**
 * Staff upload a video for a contributor without a smartphone or the internet: the same
 * streamed intake as the public form (fields first, checked before a byte is stored, the file
 * straight into S3), plus how consent was given and who witnessed it. The contributor's link
 * token is answered once, for the staff member to pass on; only its hash is kept.
 */

export const consentMethods = ['paper', 'phone', 'in_person'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

export interface OnBehalfContext extends IntakeContext {
  id: string;
  method: ConsentMethod;
  witness: string;
}

const field = (body: Record<string, unknown> | undefined, name: string) => {
  const v = body?.[name];
  return typeof v === 'string' ? v.trim() : '';
};

/** Checks the staff member's campaign, the consent, and how it was given, before the file. */
export function onBehalfPlan(
  deps: Pick<ApiDeps, 'db'>,
  staff: StaffActor,
  beforeFile?: (body: Record<string, unknown> | undefined) => Promise<void>,
): IntakePlan<OnBehalfContext> {
  return {
    async prepare(body) {
      await beforeFile?.(body);
      const method = consentMethods.find((m) => m === field(body, 'method'));
      if (!method) {
        throw new AppError('bad_request', 'Say how consent was given: paper, phone or in_person.', {
          field: 'method',
        });
      }
      const witness = field(body, 'witness');
      if (witness.length < 2 || witness.length > 200) {
        throw new AppError('bad_request', 'Say who witnessed the consent (name and role).', {
          field: 'witness',
        });
      }
      const intake = await prepareIntake(deps.db, body);
      if (!can(staff, 'submission.upload_on_behalf', { campaignId: intake.campaign.id })) {
        throw new AppError('campaign_not_found', 'There is no campaign with that name.');
      }
      return { ...intake, id: randomUUID(), method, witness };
    },
    keyFor: (ctx) => originalKey(ctx.id, 1),
  };
}

export async function uploadOnBehalf(
  deps: Pick<ApiDeps, 'db' | 'store' | 'queues' | 'config' | 'logger'>,
  staff: StaffActor,
  req: Request,
  res: Response,
  beforeFile?: (body: Record<string, unknown> | undefined) => Promise<void>,
) {
  const up = await receiveMultipartUpload(
    { store: deps.store, maxBytes: deps.config.uploads.maxBytes },
    onBehalfPlan(deps, staff, beforeFile),
    req,
    res,
  );
  const c = up.intake;
  let token: string;
  try {
    token = await deps.db.transaction().execute(async (trx) => {
      await insertSubmission(trx, {
        id: c.id,
        campaignId: c.campaign.id,
        statementId: c.statementId,
        consent: c.consent,
        status: 'uploaded',
        originalBytes: up.bytes,
        originalContentType: up.contentType,
      });
      await trx
        .updateTable('consents')
        .set({ method: c.method, witnessed_by: c.witness, recorded_by: staff.id })
        .where('submission_id', '=', c.id)
        .execute();
      const t = await createLinkToken(trx, {
        purpose: 'contributor',
        submissionId: c.id,
        ttlDays: deps.config.uploads.linkTokenDays,
      });
      await recordAudit(trx, {
        actor: { type: 'staff', id: staff.id },
        action: 'submission.created_on_behalf',
        subject: { type: 'submission', id: c.id },
        campaignId: c.campaign.id,
        // The witness's name stays in the consent record, not in the audit trail.
        details: {
          bytes: up.bytes,
          contentType: up.contentType,
          scopes: c.consent.scopes,
          method: c.method,
        },
      });
      return t;
    });
  } catch (err) {
    // Without its row the object would be an orphan: remove it before reporting the failure.
    await deps.store.deleteKey(up.key).catch(() => undefined);
    throw err;
  }
  try {
    await deps.queues.enqueueProcessing(c.id, 1);
  } catch (err) {
    // The row is safe in `uploaded`; the reconciler queues it once Redis answers again.
    deps.logger.error({ err, submissionId: c.id }, 'enqueue failed; left for the reconciler');
  }
  return { id: c.id, status: 'uploaded' as const, token, campaign: c.campaign.slug };
}

/** `POST /api/v1/staff/uploads`: multipart `campaign`, `consent`, `method`, `witness`, `video`. */
/** Mounts these routes on the staff API router (one router for all staff routes). */
export function addStaffOnBehalfRoutes(r: Router, deps: ApiDeps): void {
  const route = (method: HttpMethod, path: string, h: GuardedHandler) =>
    guardedRoute(r, deps.db, 'staff-api', method, path, h);
  route('post', '/staff/uploads', async (req, res, g) => {
    const created = await uploadOnBehalf(deps, staffOf(g), req, res);
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json({ id: created.id, status: created.status, token: created.token });
  });
}
