import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { addStaffAuthRoutes } from './auth.routes';
import { addStaffRedactRoutes } from './redact.routes';
import { addStaffOnBehalfRoutes } from './on-behalf';
import { addStaffReviewRoutes } from './review.routes';

export { submissionForReader } from './submission-reader';

/**
 * Staff sign-in, accounts, review and audit; mount on the /api/v1 router before apiNotFound.
 * One router, not one per file: each nested router costs every request that passes through it,
 * and the review queue (first, as the busiest route) is what moderators ask for most.
 */
export function staffApiRouter(deps: ApiDeps): Router {
  const r = Router();
  addStaffReviewRoutes(r, deps);
  addStaffAuthRoutes(r, deps);
  addStaffOnBehalfRoutes(r, deps);
  addStaffRedactRoutes(r, deps);
  return r;
}
