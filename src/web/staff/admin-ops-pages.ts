import express, { type Request, type Response } from 'express';
import { AppError } from '../../domain/errors';
import {
  campaignDateBounds,
  checkCampaignDates,
  type CampaignDates,
} from '../../domain/retention-rules';
import { t, type Lang } from '../../i18n';
import { loadAssets } from '../assets';
import { notFoundPage } from '../error-pages';
import { formatDateTime } from '../format';
import { langOf } from '../language';
import { createRenderer, createViewEnvironment } from '../render';
import type { AdminOpsPageDeps } from './admin-ops-deps';
import type { StaffUser } from './staff-deps';
import { staffErrorHandler, staffFormParser, staffPageKit, staffPageSetup } from './staff-page-kit';

/**
 * Admin pages for running the service: campaigns (dates, consent statement versions,
 * retention), failed processing with a retry, and storage used per campaign. Admin only,
 * session + CSRF like every staff page; routes are rows in `staffRoutes` (router `ops`).
 */

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATEMENT_MAX = 5000;

/** A byte count as people read it, e.g. "1.4 GB", in the page's language. */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  const digits = u === 0 || n >= 100 ? 0 : 1;
  const locale = lang === 'cy' ? 'cy-GB' : 'en-GB';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n)} ${units[u]}`;
}

/** The form's day for a stored closing instant (closing is the end of that day, UTC). */
const closingDay = (d: Date | null) =>
  d ? new Date(d.getTime() - 24 * 3600 * 1000).toISOString().slice(0, 10) : '';
const openingDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

export function adminOpsPagesRouter(deps: AdminOpsPageDeps): express.Router {
  const render = createRenderer(createViewEnvironment(), loadAssets());
  const router = express.Router();
  router.use('/staff/admin', ...staffPageSetup());
  router.use('/staff/admin', staffFormParser());
  const { show, page } = staffPageKit(router, 'ops', deps, render);

  const slugOf = (req: Request) => {
    const slug = str(req.params.slug);
    if (!SLUG.test(slug)) throw new AppError('not_found', 'No such campaign.');
    return slug;
  };

  page('get', '/staff/admin/campaigns', async (req, res, staff) => {
    const lang = langOf(res);
    const rows = await deps.campaigns();
    show(req, res, staff, 'staff/admin-campaigns.njk', {
      pageTitle: t(lang, 'adminOps.campaigns.title'),
      rows: rows.map((c) => ({
        slug: c.slug,
        name: c.name[lang] || c.name.en,
        href: `/staff/admin/campaigns/${c.slug}?lang=${lang}`,
        opens: c.opensAt ? openingDay(c.opensAt) : t(lang, 'adminOps.notSet'),
        closes: c.closesAt ? closingDay(c.closesAt) : t(lang, 'adminOps.notSet'),
        retention: c.retentionUntil ?? t(lang, 'adminOps.notSet'),
        purged: c.retentionPurgedAt ? formatDateTime(c.retentionPurgedAt, lang) : '',
        statementVersion: c.statementVersion,
      })),
    });
  });

  const editPage = async (
    req: Request,
    res: Response,
    staff: StaffUser,
    extra: { errors?: Array<{ text: string; href: string }>; form?: Record<string, string> } = {},
    status = 200,
  ) => {
    const lang = langOf(res);
    const c = await deps.campaign(slugOf(req));
    if (!c) throw new AppError('not_found', 'No such campaign.');
    const base = `/staff/admin/campaigns/${c.slug}`;
    const errors = extra.errors ?? [];
    const fieldError = (id: string) => errors.find((e) => e.href === `#${id}`);
    show(
      req,
      res,
      staff,
      'staff/admin-campaigns-edit.njk',
      {
        pageTitle: t(lang, 'adminOps.campaign.title', { name: c.name[lang] || c.name.en }),
        name: c.name[lang] || c.name.en,
        slug: c.slug,
        saved: str(req.query.saved),
        errorList: errors,
        fieldError: {
          opensAt: fieldError('opensAt'),
          closesAt: fieldError('closesAt'),
          retentionUntil: fieldError('retentionUntil'),
          statementEn: fieldError('statementEn'),
          statementCy: fieldError('statementCy'),
        },
        form: {
          opensAt: openingDay(c.opensAt),
          closesAt: closingDay(c.closesAt),
          retentionUntil: c.retentionUntil ?? '',
          statementEn: '',
          statementCy: '',
          ...extra.form,
        },
        purged: c.retentionPurgedAt ? formatDateTime(c.retentionPurgedAt, lang) : '',
        retained: Object.entries(c.retained).map(([s, n]) => ({
          key: { text: t(lang, `status.${s}`) },
          value: { text: String(n) },
        })),
        statements: c.statements.map((s) => ({
          version: s.version,
          added: formatDateTime(s.createdAt, lang),
          en: s.text.en,
          cy: s.text.cy,
        })),
        datesAction: `${base}?lang=${lang}`,
        statementAction: `${base}/statements?lang=${lang}`,
        backHref: `/staff/admin/campaigns?lang=${lang}`,
      },
      status,
    );
  };

  page('get', '/staff/admin/campaigns/:slug', (req, res, staff) => editPage(req, res, staff));

  page('post', '/staff/admin/campaigns/:slug', async (req, res, staff) => {
    const lang = langOf(res);
    const body = req.body as Record<string, unknown>;
    const form = {
      opensAt: str(body.opensAt).slice(0, 20),
      closesAt: str(body.closesAt).slice(0, 20),
      retentionUntil: str(body.retentionUntil).slice(0, 20),
    };
    const checked = checkCampaignDates(form);
    if (!checked.ok) {
      const errors = checked.errors.map((e) => ({
        text: t(lang, `adminOps.dateErrors.${e.code}`),
        href: `#${e.field}`,
      }));
      return editPage(req, res, staff, { errors, form }, 400);
    }
    const d: CampaignDates = checked.dates;
    await deps.saveDates(staff, slugOf(req), {
      ...campaignDateBounds(d),
      retentionUntil: d.retentionUntil,
    });
    res.redirect(303, `/staff/admin/campaigns/${slugOf(req)}?saved=dates&lang=${lang}`);
  });

  page('post', '/staff/admin/campaigns/:slug/statements', async (req, res, staff) => {
    const lang = langOf(res);
    const body = req.body as Record<string, unknown>;
    const form = { statementEn: str(body.statementEn), statementCy: str(body.statementCy) };
    const errors = (['statementEn', 'statementCy'] as const).flatMap((f) => {
      const v = form[f].trim();
      if (v === '')
        return [{ text: t(lang, `adminOps.statementErrors.${f}Missing`), href: `#${f}` }];
      if (v.length > STATEMENT_MAX) {
        const text = t(lang, 'adminOps.statementErrors.tooLong', { max: STATEMENT_MAX });
        return [{ text, href: `#${f}` }];
      }
      return [];
    });
    if (errors.length) return editPage(req, res, staff, { errors, form }, 400);
    await deps.addStatement(staff, slugOf(req), {
      en: form.statementEn.trim(),
      cy: form.statementCy.trim(),
    });
    res.redirect(303, `/staff/admin/campaigns/${slugOf(req)}?saved=statement&lang=${lang}`);
  });

  page('get', '/staff/admin/jobs', async (req, res, staff) => {
    const lang = langOf(res);
    const rows = await deps.failedJobs();
    show(req, res, staff, 'staff/admin-jobs.njk', {
      pageTitle: t(lang, 'adminOps.jobs.title'),
      retried: str(req.query.retried) === '1',
      rows: rows.map((r) => ({
        id: r.id,
        short: r.id.slice(0, 8),
        href: `/staff/submissions/${r.id}?lang=${lang}`,
        campaign: r.campaign,
        reason: r.failureCode ? t(lang, `media.refusal.${r.failureCode}`) : '',
        detail: r.failureDetail ?? '',
        failedAt: formatDateTime(r.failedAt, lang),
        retryAction: `/staff/admin/jobs/${r.id}/retry?lang=${lang}`,
      })),
    });
  });

  page('post', '/staff/admin/jobs/:id/retry', async (req, res, staff) => {
    const id = str(req.params.id);
    if (!UUID.test(id)) throw new AppError('not_found', 'No such submission.');
    await deps.retry(staff, id.toLowerCase());
    res.redirect(303, `/staff/admin/jobs?retried=1&lang=${langOf(res)}`);
  });

  page('get', '/staff/admin/storage', async (req, res, staff) => {
    const lang = langOf(res);
    const rows = await deps.storage();
    const total = rows.reduce((n, r) => n + r.originalBytes + r.mediaBytes, 0);
    show(req, res, staff, 'staff/admin-storage.njk', {
      pageTitle: t(lang, 'adminOps.storage.title'),
      total: formatBytes(total, lang),
      rows: rows.map((r) => ({
        slug: r.slug,
        submissions: r.submissions,
        originals: formatBytes(r.originalBytes, lang),
        media: formatBytes(r.mediaBytes, lang),
        mediaFiles: r.mediaFiles,
        total: formatBytes(r.originalBytes + r.mediaBytes, lang),
      })),
    });
  });

  router.use('/staff/admin', notFoundPage(render));
  router.use('/staff/admin', staffErrorHandler(render, deps.logError));
  return router;
}
