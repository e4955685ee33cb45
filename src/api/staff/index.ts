import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { staffAuthRouter } from './auth.routes';
import { staffRedactRouter } from './redact.routes';
import { staffOnBehalfRouter } from './on-behalf';
import { staffReviewRouter } from './review.routes';

export { submissionForReader } from './submission-reader';

/** Staff sign-in, accounts, review and audit; mount on the /api/v1 router before apiNotFound. */
export function staffApiRouter(deps: ApiDeps): Router {
  const r = Router();
  r.use(staffAuthRouter(deps));
  r.use(staffReviewRouter(deps));
  r.use(staffOnBehalfRouter(deps));
  r.use(staffRedactRouter(deps));
  return r;
}
