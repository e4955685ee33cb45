import type { Request } from 'express';
import { getSubmission } from '../../db/submissions.queries';
import { can } from '../../domain/authorisation';
import { AppError } from '../../domain/errors';
import { bearerToken } from '../bearer';
import type { ApiDeps } from '../deps';
import { submissionForToken } from '../submission-service';
import { staffFromRequest } from './session';

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
