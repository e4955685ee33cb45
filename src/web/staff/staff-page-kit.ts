import cookieParser from 'cookie-parser';
import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { can, routeSpec, type HttpMethod, type RouteSpec } from '../../domain/authorisation';
import { AppError, isAppError } from '../../domain/errors';
import { t } from '../../i18n';
import { pageErrorHandler } from '../error-pages';
import { langOf, resolveLanguage } from '../language';
import type { PageData, Render } from '../render';
import type { StaffUser } from './staff-deps';

/**
 * What every staff page router shares: the per-request set-up, the guard each route passes
 * (its row in `staffRoutes`, a session, CSRF on writes, a password that must be changed first,
 * the role check), the page chrome (who is signed in, the links their role may use) and the
 * error handler that sends a signed-out visitor to sign in and back.
 */

export interface StaffPageAccess {
  currentStaff(req: Request): Promise<StaffUser | undefined>;
  /** Throws AppError('forbidden') when the CSRF token is missing or wrong. */
  checkCsrf(req: Request, staff: StaffUser): void;
}

export type StaffPageHandler = (req: Request, res: Response, staff: StaffUser) => Promise<void>;
export type OpenPageHandler = (
  req: Request,
  res: Response,
  staff: StaffUser | undefined,
) => Promise<void>;

/** The staff bar's links (signed-in.njk), each shown only to roles that may use it. */
export function staffNav(staff: StaffUser) {
  return {
    queue: can(staff, 'review.queue'),
    playlists: can(staff, 'playlist.view'),
    onBehalf: can(staff, 'submission.upload_on_behalf'),
    campaigns: can(staff, 'campaign.manage'),
    ops: can(staff, 'ops.read'),
    staff: can(staff, 'staff.manage'),
    escalations: can(staff, 'escalation.close'),
  };
}

/** Where a role without the review queue starts (undefined: the queue is its home). */
export function staffHomeFor(staff: StaffUser): string | undefined {
  if (can(staff, 'review.queue')) return undefined;
  return can(staff, 'playlist.view') ? '/staff/playlists' : undefined;
}

/** The page data every signed-in staff page carries. */
export const staffChrome = (staff: StaffUser) => ({
  staffEmail: staff.email,
  csrfToken: staff.csrfToken,
  staffIsAdmin: staff.kind === 'admin',
  staffNav: staffNav(staff),
});

/** Headers and parsers for a staff router's paths: no caching, no indexing, cookies, language. */
export function staffPageSetup(): RequestHandler[] {
  return [
    cookieParser(),
    resolveLanguage,
    (_req, res, next) => {
      res.set('Cache-Control', 'no-store');
      res.set('X-Robots-Tag', 'noindex, nofollow');
      next();
    },
  ];
}

export const staffFormParser = () => express.urlencoded({ extended: false, limit: '32kb' });

export interface StaffPageKit {
  /** Renders a staff page; with `staff`, the signed-in chrome too. */
  show(
    req: Request,
    res: Response,
    staff: StaffUser | undefined,
    view: string,
    data: PageData,
    status?: number,
  ): void;
  /**
   * Mounts a route that needs a session. `csrfInForm`: a multipart form's token arrives with
   * its fields, so the handler checks it before the file.
   */
  page(
    method: HttpMethod,
    path: string,
    handler: StaffPageHandler,
    opts?: { csrfInForm?: boolean },
  ): void;
  /** Mounts a route whose table row is `public` (sign-in); the handler gets whoever is signed in. */
  openPage(method: HttpMethod, path: string, handler: OpenPageHandler): void;
}

export function staffPageKit(
  router: express.Router,
  kind: RouteSpec['router'],
  access: StaffPageAccess,
  render: Render,
): StaffPageKit {
  const show: StaffPageKit['show'] = (req, res, staff, view, data, status = 200) =>
    render(
      req,
      res,
      view,
      {
        serviceName: t(langOf(res), 'staff.serviceName'),
        serviceUrl: '/staff/',
        homeHref: '/staff/',
        noIndex: true,
        ...(staff ? staffChrome(staff) : {}),
        ...data,
      },
      status,
    );

  /** The guard; answers a redirect itself (returns false) or lets the handler run. */
  const guard = async (
    spec: RouteSpec,
    req: Request,
    res: Response,
    csrfInForm: boolean,
  ): Promise<{ go: boolean; staff: StaffUser | undefined }> => {
    const staff = await access.currentStaff(req);
    if (spec.auth !== 'session') return { go: true, staff };
    if (!staff) throw new AppError('unauthorised', 'Sign in first.');
    if (spec.method !== 'get' && !csrfInForm) access.checkCsrf(req, staff);
    // A first-run or reset password must be changed before anything else.
    if (staff.mustChangePassword && spec.action !== 'auth.self') {
      if (spec.method === 'get') {
        res.redirect(303, `/staff/password?lang=${langOf(res)}`);
        return { go: false, staff };
      }
      throw new AppError('forbidden', 'Change your password first.');
    }
    if (!can(staff, spec.action)) {
      // Everyone lands on /staff/ after signing in; a role without the review queue (a
      // facilitator) is sent on to the first page it may use instead of a refusal.
      const home =
        spec.path === '/staff/' && spec.method === 'get' ? staffHomeFor(staff) : undefined;
      if (home) {
        res.redirect(303, `${home}?lang=${langOf(res)}`);
        return { go: false, staff };
      }
      throw new AppError('forbidden', 'Your role does not allow this.');
    }
    return { go: true, staff };
  };

  const mount = (
    method: HttpMethod,
    path: string,
    run: (req: Request, res: Response, staff: StaffUser | undefined) => Promise<void>,
    csrfInForm = false,
  ) => {
    const spec = routeSpec(kind, method, path);
    router[method](path, async (req: Request, res: Response) => {
      const { go, staff } = await guard(spec, req, res, csrfInForm);
      if (go) await run(req, res, staff);
    });
    return spec;
  };

  return {
    show,
    page(method, path, handler, opts = {}) {
      const spec = mount(
        method,
        path,
        async (req, res, staff) => {
          // The guard has made sure of a session for every `session` row.
          if (staff) await handler(req, res, staff);
        },
        opts.csrfInForm === true,
      );
      if (spec.auth !== 'session') throw new Error(`${method} ${path} is not a session route`);
    },
    openPage(method, path, handler) {
      mount(method, path, handler);
    },
  };
}

/**
 * A staff router's error handler: a signed-out visitor goes to sign in and comes back to the
 * page they asked for; `special` may answer other errors first; the rest get the error pages.
 */
export function staffErrorHandler(
  render: Render,
  logError?: (err: unknown, req: Request) => void,
  special?: (err: unknown, req: Request, res: Response) => boolean,
): ErrorRequestHandler {
  const pageErrors = pageErrorHandler(render, logError);
  return (err, req, res, next) => {
    if (isAppError(err) && err.code === 'unauthorised' && !res.headersSent) {
      const target = req.method === 'GET' ? req.originalUrl : '/staff/';
      return res.redirect(303, `/staff/login?next=${encodeURIComponent(target)}`);
    }
    if (special?.(err, req, res)) return;
    pageErrors(err, req, res, next);
  };
}
