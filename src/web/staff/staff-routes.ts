import express, { type Request, type Response } from 'express';
import { can } from '../../domain/authorisation';
import { AppError, isAppError } from '../../domain/errors';
import { contentChecklistItems } from '../../domain/review-checklist';
import { isSubmissionStatus } from '../../domain/submission-states';
import { t } from '../../i18n';
import { loadAssets } from '../assets';
import { notFoundPage } from '../error-pages';
import { langOf } from '../language';
import { createRenderer, createViewEnvironment } from '../render';
import type { DecisionForm, QueueFilters, StaffPageDeps, StaffUser } from './staff-deps';
import {
  staffErrorHandler,
  staffFormParser,
  staffPageKit,
  staffPageSetup,
  staffChrome,
} from './staff-page-kit';
import { queuePage, reviewPage } from './staff-views';
import {
  errorText,
  formErrorFrom,
  parseEditForm,
  redactFormView,
  type EditFormError,
} from './redact-page';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MEDIA_NAME = /^[a-z0-9][a-z0-9_-]{0,40}(\.[a-z0-9_-]{1,20}){1,3}$/i;
const DECISIONS = ['approve', 'request_changes', 'reject', 'escalate'] as const;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : v ? [str(v)] : [];

/** Only our own staff pages may be the target after sign-in: never another site. */
const safeNext = (v: unknown) => {
  const s = str(v);
  return /^\/staff\/[^/\\]*/.test(s) && !s.startsWith('//') ? s : '/staff/';
};

const idOf = (req: Request) => {
  const id = str(req.params.id);
  if (!UUID.test(id)) throw new AppError('not_found', 'No submission was found.');
  return id.toLowerCase();
};

/** The staff pages: sign-in, the review queue and the review page, in English and Welsh. */
export function staffPagesRouter(deps: StaffPageDeps): express.Router {
  const render = createRenderer(createViewEnvironment(), loadAssets());
  const router = express.Router();
  router.use('/staff', ...staffPageSetup());
  router.use('/staff', staffFormParser());
  const kit = staffPageKit(router, 'staff-pages', deps, render);
  const page = kit.page;
  const show = (
    req: Request,
    res: Response,
    view: string,
    data: Parameters<typeof kit.show>[4],
    status = 200,
  ) => kit.show(req, res, undefined, view, data, status);

  const loginPage = (req: Request, res: Response, status: number, message?: string) => {
    const lang = langOf(res);
    show(
      req,
      res,
      'staff/login.njk',
      {
        pageTitle: t(lang, 'staff.signIn.title'),
        next: safeNext(req.query.next ?? (req.body as Record<string, unknown> | undefined)?.next),
        email: str((req.body as Record<string, unknown> | undefined)?.email),
        errorList: message ? [{ text: message, href: '#email' }] : [],
        formAction: `/staff/login?lang=${lang}`,
      },
      status,
    );
  };

  kit.openPage('get', '/staff/login', async (req, res, staff) => {
    if (staff) return res.redirect(303, '/staff/');
    loginPage(req, res, 200);
  });

  if (deps.loginLimits.length) router.post('/staff/login', ...deps.loginLimits);
  kit.openPage('post', '/staff/login', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const email = str(body.email).trim();
    const password = str(body.password);
    const lang = langOf(res);
    if (!email || !password) return loginPage(req, res, 400, t(lang, 'staff.signIn.missing'));
    try {
      await deps.signIn(req, res, email, password);
    } catch (err) {
      if (isAppError(err) && err.code === 'unauthorised') {
        return loginPage(req, res, 401, t(lang, 'staff.signIn.refused'));
      }
      throw err;
    }
    res.redirect(303, safeNext(body.next));
  });

  // The signed-in chrome (email, CSRF token, the staff bar's links) comes with every page.
  const common = (staff: StaffUser) => staffChrome(staff);

  const passwordPage = (
    req: Request,
    res: Response,
    staff: StaffUser,
    status = 200,
    error?: { text: string; href: string },
  ) =>
    show(
      req,
      res,
      'staff/password.njk',
      {
        ...common(staff),
        pageTitle: t(langOf(res), 'staff.password.title'),
        mustChange: staff.mustChangePassword,
        passwordMin: deps.passwordMin,
        errorList: error ? [error] : [],
        errorField: error?.href.slice(1),
        formAction: `/staff/password?lang=${langOf(res)}`,
      },
      status,
    );

  page('get', '/staff/password', async (req, res, staff) => {
    passwordPage(req, res, staff);
  });

  page('post', '/staff/password', async (req, res, staff) => {
    const lang = langOf(res);
    const body = req.body as Record<string, unknown>;
    const current = str(body.currentPassword);
    const next = str(body.newPassword);
    if (next.length < deps.passwordMin) {
      const text = t(lang, 'staff.password.tooShort', { min: deps.passwordMin });
      return passwordPage(req, res, staff, 400, { text, href: '#newPassword' });
    }
    if (next !== str(body.confirmPassword)) {
      const text = t(lang, 'staff.password.mismatch');
      return passwordPage(req, res, staff, 400, { text, href: '#confirmPassword' });
    }
    try {
      await deps.changePassword(staff, current, next);
    } catch (err) {
      if (isAppError(err) && err.code === 'bad_request') {
        const text = t(lang, 'staff.password.wrongCurrent');
        return passwordPage(req, res, staff, 400, { text, href: '#currentPassword' });
      }
      throw err;
    }
    res.redirect(303, `/staff/?lang=${lang}`);
  });

  page('get', '/staff/logout', async (req, res, staff) => {
    show(req, res, 'staff/logout.njk', {
      ...common(staff),
      pageTitle: t(langOf(res), 'staff.signOut.title'),
    });
  });

  page('post', '/staff/logout', async (req, res, staff) => {
    await deps.signOut(req, res, staff);
    res.redirect(303, '/staff/login');
  });

  page('get', '/staff/', async (req, res, staff) => {
    const lang = langOf(res);
    const q = req.query;
    const status = str(q.status);
    const language = str(q.language);
    const filters: QueueFilters = {
      ...(str(q.campaign) ? { campaign: str(q.campaign) } : {}),
      ...(isSubmissionStatus(status) || status === 'escalated' ? { status } : {}),
      ...(language === 'en' || language === 'cy' ? { language } : {}),
      ...(q.captionsMissing === 'true' ? { captionsMissing: true } : {}),
      ...(q.flagged === 'true' ? { flagged: true } : {}),
      ...(str(q.after) ? { after: str(q.after) } : {}),
    };
    const [data, campaigns] = await Promise.all([
      deps.queue(staff, filters),
      deps.campaigns(staff),
    ]);
    show(req, res, 'staff/queue.njk', {
      ...common(staff),
      pageTitle: t(lang, 'staff.queue.title'),
      done: q.done === '1',
      page: queuePage(lang, data, filters, campaigns),
    });
  });

  const reviewScreen = async (
    req: Request,
    res: Response,
    staff: StaffUser,
    extra: {
      errorList?: Array<{ text: string; href: string }>;
      form?: DecisionForm;
      redactForm?: { values: Record<string, string>; error?: EditFormError };
    } = {},
    status = 200,
  ) => {
    const id = idOf(req);
    const lang = langOf(res);
    const view = await deps.review(staff, id);
    const edits = can(staff, 'submission.redact') ? await deps.edits(staff, id) : undefined;
    show(
      req,
      res,
      'staff/review.njk',
      {
        ...common(staff),
        pageTitle: t(lang, 'staff.review.title'),
        id,
        mediaVersion: view.mediaVersion,
        escalated: view.escalated,
        page: reviewPage(lang, view),
        errorList: extra.errorList ?? [],
        form: extra.form,
        claimAction: `/staff/submissions/${id}/claim?lang=${lang}`,
        decisionAction: `/staff/submissions/${id}/decision?lang=${lang}`,
        redact: edits
          ? redactFormView(
              lang,
              { ...view, claimedByMe: view.claim?.byMe === true },
              edits,
              extra.redactForm,
            )
          : undefined,
      },
      status,
    );
  };

  const refusal = (res: Response, err: AppError, href: string) => [
    { text: t(langOf(res), `error.${err.code}`), href },
  ];

  page('get', '/staff/submissions/:id', async (req, res, staff) => {
    await reviewScreen(req, res, staff);
  });

  page('get', '/staff/submissions/:id/media/:name', async (req, res, staff) => {
    const name = str(req.params.name);
    if (!MEDIA_NAME.test(name)) throw new AppError('not_found', 'No such file.');
    await deps.sendMedia(staff, idOf(req), name, req, res);
  });

  page('post', '/staff/submissions/:id/claim', async (req, res, staff) => {
    try {
      await deps.claim(staff, idOf(req));
    } catch (err) {
      if (isAppError(err) && err.status === 409) {
        return reviewScreen(req, res, staff, { errorList: refusal(res, err, '#claim') }, 409);
      }
      throw err;
    }
    res.redirect(303, `/staff/submissions/${idOf(req)}?lang=${langOf(res)}`);
  });

  page('post', '/staff/submissions/:id/decision', async (req, res, staff) => {
    const body = req.body as Record<string, unknown>;
    const decision = DECISIONS.find((d) => d === str(body.decision));
    if (!decision) throw new AppError('bad_request', 'Choose a decision.');
    const content = list(body.content);
    const version = Number(str(body.mediaVersion));
    const form: DecisionForm = {
      decision,
      consentCheck: str(body.consentCheck) === 'yes',
      contentCheck: contentChecklistItems.every((c) => content.includes(c)),
      checklist: {
        checked: content,
        concerns: list(body.concerns),
        adultAtRisk: str(body.adultAtRisk) === 'yes',
      },
      note: str(body.note).slice(0, 4000),
      ...(str(body.reasonCode) ? { reasonCode: str(body.reasonCode) } : {}),
      ...(Number.isInteger(version) && version > 0 ? { mediaVersion: version } : {}),
    };
    try {
      await deps.decide(staff, idOf(req), form);
    } catch (err) {
      if (isAppError(err) && err.status < 500 && err.status !== 404) {
        const field = String(err.details?.field ?? '');
        const href =
          err.code === 'checks_incomplete'
            ? '#consentCheck'
            : field === 'concerns' || field === 'note'
              ? `#${field}`
              : '#decision';
        const shown = { ...form, content } as DecisionForm;
        return reviewScreen(
          req,
          res,
          staff,
          { errorList: refusal(res, err, href), form: shown },
          err.status,
        );
      }
      throw err;
    }
    res.redirect(303, `/staff/?done=1&lang=${langOf(res)}`);
  });

  // Trim and redact: a refused edit shows the form again with the numbers as they were typed.
  page('post', '/staff/submissions/:id/edits', async (req, res, staff) => {
    const parsed = parseEditForm(req.body as Record<string, unknown>);
    const again = (error: EditFormError) =>
      reviewScreen(
        req,
        res,
        staff,
        {
          errorList: [{ text: errorText(langOf(res), error), href: `#${error.field}` }],
          redactForm: { values: parsed.values, error },
        },
        400,
      );
    if (!parsed.ok) return again(parsed.error);
    try {
      await deps.requestEdit(staff, idOf(req), parsed.body);
    } catch (err) {
      const refused = isAppError(err) ? formErrorFrom(err.details) : null;
      if (refused) return again(refused);
      if (isAppError(err) && err.status === 409) {
        return reviewScreen(req, res, staff, { errorList: refusal(res, err, '#edit') }, 409);
      }
      throw err;
    }
    res.redirect(303, `/staff/submissions/${idOf(req)}?lang=${langOf(res)}#edit`);
  });

  router.use('/staff', notFoundPage(render));
  const staffErrors = staffErrorHandler(render, deps.logError, (err, req, res) => {
    if (
      isAppError(err) &&
      err.code === 'rate_limited' &&
      req.originalUrl.startsWith('/staff/login')
    ) {
      loginPage(req, res, 429, t(langOf(res), 'staff.signIn.limited'));
      return true;
    }
    return false;
  });
  router.use('/staff', staffErrors);
  return router;
}
