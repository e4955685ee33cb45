import type { Request } from 'express';
import { getSubmission } from '../../db/submissions.queries';
import { can } from '../../domain/authorisation';
import type { ApiDeps } from '../deps';
import type { StaffCaptionsAccess } from '../captions.routes';
import { staffFromRequest, verifyCsrf } from './session';

/**
 * Lets staff of the submission's campaign read and write its captions with their session (a
 * write must carry the CSRF token). A request with a Bearer token is the contributor's.
 */
export function staffCaptionsAccess(deps: Pick<ApiDeps, 'db'>): StaffCaptionsAccess {
  return async (req: Request, submissionId: string) => {
    if (req.headers.authorization) return null;
    const staff = await staffFromRequest(deps.db, req);
    if (!staff) return null;
    const s = await getSubmission(deps.db, submissionId);
    if (!s || !can(staff, 'submission.captions', { campaignId: s.campaign_id })) return null;
    if (req.method !== 'GET' && req.method !== 'HEAD') verifyCsrf(req, staff);
    return { staffId: staff.id };
  };
}
