import express, { type Request, type Response } from 'express';
import { AppError, isAppError } from '../../domain/errors';
import { t } from '../../i18n';
import { loadAssets } from '../assets';
import { formatDateTime } from '../format';
import { langOf } from '../language';
import { createRenderer, createViewEnvironment } from '../render';
import type { StaffUser } from './staff-deps';
import { staffErrorHandler, staffFormParser, staffPageKit, staffPageSetup } from './staff-page-kit';

/**
 * Admin pages for staff accounts (list, add with a role and campaigns, disable, reset a
 * password so it must be changed) and open safeguarding escalations, each closed with a written
 * outcome by someone other than the person who escalated it. Routes are rows in `staffRoutes`.
 */

export type StaffRole = 'admin' | 'moderator' | 'facilitator';

export interface AdminStaffPageDeps {
  currentStaff(req: Request): Promise<StaffUser | undefined>;
  checkCsrf(req: Request, staff: StaffUser): void;
  passwordMin: number;
  staff(): Promise<
    Array<{
      id: string;
      email: string;
      role: StaffRole;
      campaigns: string[];
      disabled: boolean;
      mustChangePassword: boolean;
    }>
  >;
  campaigns(): Promise<string[]>;
  /** Throws AppError bad_request (details.field) or conflict (the email is taken). */
  createStaff(
    admin: StaffUser,
    input: { email: string; role: StaffRole; password: string; campaigns: string[] },
  ): Promise<void>;
  disableStaff(admin: StaffUser, id: string): Promise<void>;
  resetPassword(admin: StaffUser, id: string, password: string): Promise<void>;
  escalations(staff: StaffUser): Promise<
    Array<{
      submissionId: string;
      campaign: string;
      concern: string;
      raisedAt: Date;
      raisedByEmail: string;
      raisedByMe: boolean;
    }>
  >;
  /** Throws AppError conflict (details.reason 'same_person') or bad_request (no outcome). */
  closeEscalation(staff: StaffUser, submissionId: string, outcome: string): Promise<void>;
  /** Campaigns the staff member may upload for, with their current consent statement version. */
  onBehalfCampaigns(staff: StaffUser): Promise<Array<{ slug: string; statementVersion: number }>>;
  /**
   * Streams the multipart form into an on-behalf submission. `fromForm` runs on the fields
   * that came before the file (CSRF, and the form's answers turned into the consent JSON).
   */
  uploadOnBehalf(
    staff: StaffUser,
    req: Request,
    res: Response,
    fromForm: (body: Record<string, unknown> | undefined) => Promise<void>,
  ): Promise<{ token: string }>;
  receiptUrl(req: Request, token: string): string;
  logError?(err: unknown, req: Request): void;
}

type ErrorItem = { text: string; href: string };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : v ? [str(v)] : [];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES: readonly StaffRole[] = ['admin', 'moderator', 'facilitator'];
const PREFIXES = ['/staff/admin/staff', '/staff/admin/escalations', '/staff/upload-on-behalf'];

const idOf = (req: Request, what: string) => {
  const id = str(req.params.id);
  if (!UUID.test(id)) throw new AppError('not_found', `No ${what} was found.`);
  return id.toLowerCase();
};

export function adminStaffPagesRouter(deps: AdminStaffPageDeps): express.Router {
  const render = createRenderer(createViewEnvironment(), loadAssets());
  const router = express.Router();
  router.use(PREFIXES, ...staffPageSetup());
  router.use(PREFIXES.slice(0, 2), staffFormParser());
  const kit = staffPageKit(router, 'admin-pages', deps, render);
  const { show } = kit;
  const page = (
    method: 'get' | 'post',
    path: string,
    handler: Parameters<typeof kit.page>[2],
    csrfInForm = false,
  ) => kit.page(method, path, handler, { csrfInForm });

  const staffList = async (
    req: Request,
    res: Response,
    admin: StaffUser,
    extra: { errors?: ErrorItem[]; form?: Record<string, unknown> } = {},
    status = 200,
  ) => {
    const lang = langOf(res);
    const [people, campaigns] = await Promise.all([deps.staff(), deps.campaigns()]);
    const form = extra.form ?? {};
    const chosen = list(form.campaigns);
    const errors = extra.errors ?? [];
    const fieldError = (id: string) => {
      const e = errors.find((x) => x.href === `#${id}`);
      return e ? { text: e.text } : undefined;
    };
    const done = str(req.query.done);
    show(
      req,
      res,
      admin,
      'staff/admin-staff.njk',
      {
        pageTitle: t(lang, 'adminStaff.title'),
        errorList: errors,
        ...(['added', 'disabled', 'reset'].includes(done)
          ? { done: t(lang, `adminStaff.${done === 'reset' ? 'resetDone' : done}`) }
          : {}),
        rows: people.map((p) => ({
          id: p.id,
          email: p.email,
          role: t(lang, `adminStaff.roles.${p.role}`),
          campaigns:
            p.role === 'admin'
              ? t(lang, 'adminStaff.allCampaigns')
              : p.campaigns.join(', ') || t(lang, 'adminStaff.none'),
          state: t(
            lang,
            p.disabled
              ? 'adminStaff.states.disabled'
              : p.mustChangePassword
                ? 'adminStaff.states.mustChange'
                : 'adminStaff.states.active',
          ),
          disabled: p.disabled,
          self: p.id === admin.id,
          disableAction: `/staff/admin/staff/${p.id}/disable?lang=${lang}`,
          resetHref: `/staff/admin/staff/${p.id}/password?lang=${lang}`,
        })),
        formAction: `/staff/admin/staff?lang=${lang}`,
        email: str(form.email),
        emailError: fieldError('email'),
        passwordError: fieldError('password'),
        campaignsError: fieldError('campaigns'),
        passwordHint: t(lang, 'adminStaff.temporaryPasswordHint', { min: deps.passwordMin }),
        roleItems: ROLES.map((r) => ({
          value: r,
          text: t(lang, `adminStaff.roles.${r}`),
          checked: str(form.role) ? str(form.role) === r : r === 'moderator',
        })),
        campaignItems: campaigns.map((slug) => ({
          value: slug,
          text: slug,
          checked: chosen.includes(slug),
        })),
      },
      status,
    );
  };

  page('get', '/staff/admin/staff', async (req, res, staff) => {
    await staffList(req, res, staff);
  });

  page('post', '/staff/admin/staff', async (req, res, staff) => {
    const lang = langOf(res);
    const body = req.body as Record<string, unknown>;
    const role = ROLES.find((r) => r === str(body.role)) ?? 'moderator';
    try {
      await deps.createStaff(staff, {
        email: str(body.email),
        role,
        password: str(body.password),
        campaigns: list(body.campaigns),
      });
    } catch (err) {
      if (isAppError(err) && (err.code === 'bad_request' || err.code === 'conflict')) {
        const field = err.code === 'conflict' ? 'email' : String(err.details?.field ?? 'email');
        const text =
          err.code === 'conflict'
            ? t(lang, 'adminStaff.exists')
            : field === 'password'
              ? t(lang, 'staff.password.tooShort', { min: deps.passwordMin })
              : field === 'campaigns'
                ? t(lang, 'error.bad_request')
                : t(lang, 'adminStaff.emailInvalid');
        const errors = [{ text, href: `#${field}` }];
        return staffList(req, res, staff, { errors, form: body }, err.status);
      }
      throw err;
    }
    res.redirect(303, `/staff/admin/staff?done=added&lang=${lang}`);
  });

  page('post', '/staff/admin/staff/:id/disable', async (req, res, staff) => {
    const lang = langOf(res);
    try {
      await deps.disableStaff(staff, idOf(req, 'user'));
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') {
        const errors = [{ text: t(lang, 'adminStaff.cannotDisableSelf'), href: '#staff' }];
        return staffList(req, res, staff, { errors }, 409);
      }
      throw err;
    }
    res.redirect(303, `/staff/admin/staff?done=disabled&lang=${lang}`);
  });

  const resetPage = async (
    req: Request,
    res: Response,
    admin: StaffUser,
    error?: ErrorItem,
    status = 200,
  ) => {
    const lang = langOf(res);
    const id = idOf(req, 'user');
    const who = (await deps.staff()).find((p) => p.id === id);
    if (!who) throw new AppError('not_found', 'No user was found.');
    show(
      req,
      res,
      admin,
      'staff/admin-staff-password.njk',
      {
        pageTitle: t(lang, 'adminStaff.resetTitle'),
        intro: t(lang, 'adminStaff.resetIntro', { email: who.email }),
        passwordHint: t(lang, 'adminStaff.temporaryPasswordHint', { min: deps.passwordMin }),
        errorList: error ? [error] : [],
        passwordError: error ? { text: error.text } : undefined,
        formAction: `/staff/admin/staff/${id}/password?lang=${lang}`,
        backHref: `/staff/admin/staff?lang=${lang}`,
      },
      status,
    );
  };

  page('get', '/staff/admin/staff/:id/password', async (req, res, staff) => {
    await resetPage(req, res, staff);
  });

  page('post', '/staff/admin/staff/:id/password', async (req, res, staff) => {
    const lang = langOf(res);
    const id = idOf(req, 'user');
    try {
      await deps.resetPassword(staff, id, str((req.body as Record<string, unknown>).password));
    } catch (err) {
      if (isAppError(err) && err.code === 'bad_request') {
        const text = t(lang, 'staff.password.tooShort', { min: deps.passwordMin });
        return resetPage(req, res, staff, { text, href: '#password' }, 400);
      }
      throw err;
    }
    res.redirect(303, `/staff/admin/staff?done=reset&lang=${lang}`);
  });

  const escalationsPage = async (
    req: Request,
    res: Response,
    staff: StaffUser,
    extra: { errors?: ErrorItem[]; outcome?: string } = {},
    status = 200,
  ) => {
    const lang = langOf(res);
    const rows = await deps.escalations(staff);
    show(
      req,
      res,
      staff,
      'staff/admin-escalations.njk',
      {
        pageTitle: t(lang, 'adminStaff.escalationsTitle'),
        errorList: extra.errors ?? [],
        ...(req.query.done === '1' ? { done: t(lang, 'adminStaff.closed') } : {}),
        rows: rows.map((e, i) => ({
          n: i + 1,
          campaign: e.campaign,
          concern: e.concern,
          raised: t(lang, 'adminStaff.raised', {
            email: e.raisedByEmail,
            time: formatDateTime(e.raisedAt, lang),
          }),
          raisedByMe: e.raisedByMe,
          href: `/staff/submissions/${e.submissionId}?lang=${lang}`,
          closeAction: `/staff/admin/escalations/${e.submissionId}/close?lang=${lang}`,
        })),
      },
      status,
    );
  };

  page('get', '/staff/admin/escalations', async (req, res, staff) => {
    await escalationsPage(req, res, staff);
  });

  page('post', '/staff/admin/escalations/:id/close', async (req, res, staff) => {
    const lang = langOf(res);
    const id = idOf(req, 'submission');
    const outcome = str((req.body as Record<string, unknown>).outcome).slice(0, 4000);
    try {
      await deps.closeEscalation(staff, id, outcome);
    } catch (err) {
      if (isAppError(err) && (err.code === 'bad_request' || err.code === 'conflict')) {
        const text = t(
          lang,
          err.code === 'conflict' ? 'adminStaff.sameUser' : 'adminStaff.outcomeMissing',
        );
        return escalationsPage(
          req,
          res,
          staff,
          { errors: [{ text, href: '#escalations' }] },
          err.status,
        );
      }
      throw err;
    }
    res.redirect(303, `/staff/admin/escalations?done=1&lang=${lang}`);
  });

  const onBehalfForm = async (
    req: Request,
    res: Response,
    staff: StaffUser,
    errors: ErrorItem[] = [],
    status = 200,
  ) => {
    const lang = langOf(res);
    const campaigns = await deps.onBehalfCampaigns(staff);
    const yesNo = (name: string) =>
      [
        { value: 'no', text: t(lang, 'staff.review.no'), checked: true },
        { value: 'yes', text: t(lang, 'staff.review.yes') },
      ].map((i) => ({ ...i, id: `${name}-${i.value}` }));
    show(
      req,
      res,
      staff,
      'staff/upload-on-behalf.njk',
      {
        pageTitle: t(lang, 'onBehalf.title'),
        errorList: errors,
        formAction: `/staff/upload-on-behalf?lang=${lang}`,
        campaignItems: campaigns.map((c) => ({ value: c.slug, text: c.slug })),
        othersAppearItems: yesNo('othersAppear'),
        othersConsentedItems: yesNo('othersConsented'),
        languageItems: (['en', 'cy'] as const).map((l) => ({
          value: l,
          text: t(lang, `lang.${l}`),
          checked: l === lang,
        })),
        methodItems: (['paper', 'phone', 'in_person'] as const).map((m) => ({
          value: m,
          text: t(lang, `staffReview.methods.${m}`),
        })),
      },
      status,
    );
  };

  page('get', '/staff/upload-on-behalf', async (req, res, staff) => {
    await onBehalfForm(req, res, staff);
  });

  page(
    'post',
    '/staff/upload-on-behalf',
    async (req, res, staff) => {
      const lang = langOf(res);
      const fromForm = async (body: Record<string, unknown> | undefined) => {
        deps.checkCsrf(req, staff);
        const f = body ?? {};
        const campaign = (await deps.onBehalfCampaigns(staff)).find(
          (c) => c.slug === str(f.campaign),
        );
        // The form's answers become the same consent JSON the public form sends.
        f.consent = JSON.stringify({
          statementVersion: campaign?.statementVersion ?? 0,
          scopes: ['jury', ...list(f.scopes).filter((x) => x === 'livestream' || x === 'public')],
          othersAppear: str(f.othersAppear) === 'yes',
          othersConsented: str(f.othersConsented) === 'yes',
          displayName: str(f.displayName).trim(),
          language: str(f.language) === 'cy' ? 'cy' : 'en',
        });
      };
      let token: string;
      try {
        ({ token } = await deps.uploadOnBehalf(staff, req, res, fromForm));
      } catch (err) {
        if (isAppError(err) && err.status < 500 && err.status !== 403 && !res.headersSent) {
          const field = String(err.details?.field ?? 'video');
          const text = `${t(lang, `error.${err.code}`)} ${t(lang, 'onBehalf.refused')}`;
          return onBehalfForm(req, res, staff, [{ text, href: `#${field}` }], err.status);
        }
        throw err;
      }
      show(req, res, staff, 'staff/upload-on-behalf-done.njk', {
        pageTitle: t(lang, 'onBehalf.doneTitle'),
        receiptUrl: deps.receiptUrl(req, token),
        againHref: `/staff/upload-on-behalf?lang=${lang}`,
      });
    },
    true,
  );

  router.use(PREFIXES, staffErrorHandler(render, deps.logError));
  return router;
}
