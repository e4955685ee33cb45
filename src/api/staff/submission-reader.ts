import type { Request } from 'express';
import { getSubmission } from '../../db/submissions.queries';
import { can, type Action } from '../../domain/authorisation';
import { AppError } from '../../domain/errors';
import { bearerToken } from '../bearer';
import type { ApiDeps } from '../deps';
import { submissionForToken } from '../submission-service';
import { staffFromRequest, verifyCsrf } from './session';

/**
 * The submission a read request may see: with `Authorization: Bearer` the contributor's own,
 * else with a staff session one in the staff member's campaigns. Anything else is the same
 * 404 (or 401 when no credential was sent at all). Reads only: no CSRF token is needed.
 */
export async function submissionForReader(deps: Pick<ApiDeps, 'db'>, req: Request, id: string) {
  if (req.headers.authorization) return submissionForToken(deps, bearerToken(req), id);
  const staff = await staffFromRequest(deps.db, req);
  if (!staff) bearerToken(req); // throws the usual 401
  const s = await getSubmission(deps.db, id);
  if (!s || !staff || !can(staff, 'submission.view', { campaignId: s.campaign_id })) {
    throw new AppError('not_found', 'No submission was found for this link.');
  }
  return s;
}

/**
 * The submission a write may change, and who is writing: the contributor with their Bearer
 * token, or staff of the campaign whose role allows `action`, sending the CSRF token as
 * `X-CSRF-Token` (multipart bodies are read after this check).
 */
export async function submissionForWriter(
  deps: Pick<ApiDeps, 'db'>,
  req: Request,
  id: string,
  action: Action,
) {
  if (req.headers.authorization) {
    const s = await submissionForToken(deps, bearerToken(req), id);
    return { s, actor: { type: 'contributor' as const } };
  }
  const staff = await staffFromRequest(deps.db, req);
  if (!staff) bearerToken(req); // throws the usual 401
  const s = await getSubmission(deps.db, id);
  if (!s || !staff || !can(staff, 'submission.view', { campaignId: s.campaign_id })) {
    throw new AppError('not_found', 'No submission was found for this link.');
  }
  if (!can(staff, action, { campaignId: s.campaign_id })) {
    throw new AppError('forbidden', 'Your role cannot do this.');
  }
  verifyCsrf(req, staff);
  return { s, actor: { type: 'staff' as const, id: staff.id } };
}
