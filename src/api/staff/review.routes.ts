import type { Router } from 'express';
import { z } from 'zod';
import { listAudit } from '../../db/reviews.queries';
import type { HttpMethod } from '../../domain/authorisation';
import { abuseKinds, contentChecklistItems } from '../../domain/review-checklist';
import { reviewDecisions, reviewReasonCodes } from '../../domain/review-rules';
import { submissionStatuses } from '../../domain/submission-states';
import type { ApiDeps } from '../deps';
import { guardedRoute, staffOf, uuidParam, type GuardedHandler } from './guard';
import {
  claimForReview,
  closeEscalation,
  decide,
  reviewQueue,
  withdrawOnBehalf,
} from './review-service';
import { parseBody } from './validation';

export const queueQuery = z.object({
  campaign: z.string().max(63).optional(),
  status: z.enum([...submissionStatuses, 'escalated']).optional(),
  language: z.enum(['en', 'cy']).optional(),
  // Query strings carry text: `captionsMissing=true` and `flagged=true` turn the filters on.
  captionsMissing: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  after: z.string().max(200).optional(),
});

export const decisionBody = z.object({
  decision: z.enum(reviewDecisions),
  consentCheck: z.boolean(),
  contentCheck: z.boolean(),
  note: z.string().max(4000).default(''),
  reasonCode: z.enum(reviewReasonCodes).optional(),
  mediaVersion: z.number().int().positive().optional(),
  checklist: z
    .object({
      checked: z.array(z.enum(contentChecklistItems)).max(20).optional(),
      concerns: z.array(z.enum(abuseKinds)).max(20).optional(),
      adultAtRisk: z.boolean().optional(),
    })
    .optional(),
});

const closeBody = z.object({ outcome: z.string().trim().min(1).max(4000) });

const auditQuery = z.object({
  subjectId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
});

const JSON_TYPE = 'application/json; charset=utf-8';
const AUDIT_JSON_LIMIT = 1000;
const AUDIT_CSV_LIMIT = 50_000;

// Spreadsheets run a cell starting with = + - @ as a formula; a leading apostrophe stops that.
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Mounts these routes on the staff API router (one router for all staff routes). */
export function addStaffReviewRoutes(r: Router, deps: ApiDeps): void {
  const route = (method: HttpMethod, path: string, h: GuardedHandler) =>
    guardedRoute(r, deps.db, 'staff-api', method, path, h);

  // A queue page is shared by many requests (review-service.ts): serialise each page once.
  const queueBodies = new WeakMap<object, Buffer>();
  route('get', '/review/queue', async (req, res, g) => {
    const q = parseBody(queueQuery, req.query);
    const page = await reviewQueue(deps, staffOf(g), q);
    let body = queueBodies.get(page);
    if (!body) queueBodies.set(page, (body = Buffer.from(JSON.stringify(page))));
    // Written directly rather than through res.send: a no-store answer has no use for send's
    // freshness check and MIME lookups, and this is the busiest read (bench/review-queue).
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', JSON_TYPE);
    res.setHeader('Content-Length', body.length);
    res.end(body);
  });

  route('post', '/submissions/:id/claim', async (req, res, g) => {
    res.json(await claimForReview(deps, staffOf(g), uuidParam(req.params.id)));
  });

  route('post', '/submissions/:id/decision', async (req, res, g) => {
    const body = parseBody(decisionBody, req.body);
    res.json(await decide(deps, staffOf(g), uuidParam(req.params.id), body));
  });

  route('post', '/submissions/:id/withdraw', async (req, res, g) => {
    res.json(await withdrawOnBehalf(deps, staffOf(g), uuidParam(req.params.id)));
  });

  route('post', '/submissions/:id/escalation/close', async (req, res, g) => {
    const body = parseBody(closeBody, req.body);
    res.json(await closeEscalation(deps, staffOf(g), uuidParam(req.params.id), body.outcome));
  });

  const auditRows = async (g: Parameters<GuardedHandler>[2], query: unknown, limit: number) => {
    const staff = staffOf(g);
    const q = parseBody(auditQuery, query);
    return listAudit(deps.db, {
      scope: staff.kind === 'admin' ? 'all' : staff.campaignIds,
      ...q,
      limit,
    });
  };

  route('get', '/audit', async (req, res, g) => {
    const rows = await auditRows(g, req.query, AUDIT_JSON_LIMIT);
    res.set('Cache-Control', 'no-store').json({
      items: rows.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorType: e.actor_type,
        actorId: e.actor_id,
        action: e.action,
        subjectType: e.subject_type,
        subjectId: e.subject_id,
        campaignId: e.campaign_id,
        details: e.details,
      })),
    });
  });

  route('get', '/audit.csv', async (req, res, g) => {
    const rows = await auditRows(g, req.query, AUDIT_CSV_LIMIT);
    const header = 'id,at,actor_type,actor_id,action,subject_type,subject_id,campaign_id,details';
    const lines = rows.map((e) =>
      [
        e.id,
        e.at.toISOString(),
        e.actor_type,
        e.actor_id,
        e.action,
        e.subject_type,
        e.subject_id,
        e.campaign_id,
        JSON.stringify(e.details),
      ]
        .map(csvCell)
        .join(','),
    );
    res
      .set('Cache-Control', 'no-store')
      .type('text/csv; charset=utf-8')
      .attachment('audit.csv')
      .send([header, ...lines].join('\r\n') + '\r\n');
  });
}
