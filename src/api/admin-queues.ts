import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router, type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { can, routeSpec } from '../domain/authorisation';
import { AppError } from '../domain/errors';
import { queueNames } from '../queue/jobs';
import type { ApiDeps } from './deps';
import { apiErrorHandler } from './error-handler';
import { staffFromRequest } from './staff/session';

const BASE = routeSpec('ops', 'get', '/staff/queues').path;

/**
 * The queue dashboard (bull-board) for admins at /staff/queues. Read-only: PostgreSQL is the
 * truth and the reconciler and `npm run cli -- submissions:retry` move work along; a dashboard
 * that can add, retry, clean or obliterate jobs would bypass both, and its writes could not
 * carry our CSRF token. Mount before the staff pages router (its /staff 404 would answer first).
 */
export function adminQueuesRouter(deps: Pick<ApiDeps, 'db' | 'queues'>): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BASE);
  createBullBoard({
    queues: Object.values(queueNames).map(
      (name) => new BullMQAdapter(deps.queues.queue(name), { readOnlyMode: true }),
    ),
    // @bull-board/express 9.10.1 carries its own nested copy of @bull-board/api's types (9.10.1
    // against our 9.10.2); the classes are the same at run time, only the declarations differ.
    serverAdapter: adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'Queues' } },
  });
  // getRouter() is typed `any`; it is the adapter's own Express app, which would otherwise add
  // its own X-Powered-By header.
  const board = adapter.getRouter() as Express;
  board.disable('x-powered-by');

  const r = Router();
  r.use(BASE, adminOnly(deps), dashboardCsp, board);
  r.use(BASE, apiErrorHandler);
  return r;
}

/** Pages: no session goes to sign-in. Its API calls (and everything else refused) get JSON. */
function adminOnly(deps: Pick<ApiDeps, 'db'>): RequestHandler {
  const action = routeSpec('ops', 'get', BASE).action;
  return async (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('X-Robots-Tag', 'noindex, nofollow');
    const isApi = req.path.startsWith('/api/');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new AppError('forbidden', 'The queue dashboard is read-only.');
    }
    const staff = await staffFromRequest(deps.db, req);
    if (!staff) {
      if (isApi) throw new AppError('unauthorised', 'Sign in first.');
      res.redirect(303, `/staff/login?next=${encodeURIComponent(BASE)}`);
      return;
    }
    if (!can(staff, action) || staff.mustChangePassword) {
      throw new AppError('forbidden', 'Only admins may see the queues.');
    }
    next();
  };
}

/**
 * bull-board's page draws its loading placeholder with inline style attributes and a <style>
 * element, which the app-wide CSP (style-src 'self') blocks (seven violations in Chromium, and
 * an unstyled page). Here only, inline styles are
 * allowed; scripts stay 'self' (its UI config is a JSON data block, never executed). Its Google
 * Fonts stylesheet stays blocked: staff browsers make no third-party requests; a system font
 * is used instead.
 */
const dashboardCsp = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  },
});
