import express, { type Request, type Response } from 'express';
import { can } from '../../domain/authorisation';
import { AppError, isAppError } from '../../domain/errors';
import { DEFAULT_SHARE_DAYS, MAX_SHARE_DAYS } from '../../domain/playlist-rules';
import { t } from '../../i18n';
import { loadAssets } from '../assets';
import { loadClientScripts } from '../contributor-steps-assets';
import { notFoundPage } from '../error-pages';
import { langOf } from '../language';
import { createRenderer, createViewEnvironment } from '../render';
import type { PlaylistPageDeps } from './playlist-pages-deps';
import {
  exportsView,
  fieldErrorFor,
  listPage,
  pickerPage,
  playlistPage,
  sharesView,
  type FieldError,
} from './playlist-pages-view';
import type { StaffUser } from './staff-deps';
import { staffErrorHandler, staffFormParser, staffPageKit, staffPageSetup } from './staff-page-kit';

/**
 * Facilitators' playlist pages (issue 8) under /staff/playlists: the list and create form, a
 * playlist (details, ordered clips, what changed, share links, exports) and the clip picker.
 * Plain forms that work without JavaScript; playlist-order.js adds drag and drop on top.
 * Every route is a row in `staffRoutes` (router `playlist-pages`); the services decide the rest.
 */

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PREFIX = '/staff/playlists';

const uuidOf = (req: Request, param: string) => {
  const id = str(req.params[param]);
  if (!UUID.test(id)) throw new AppError('not_found', 'No playlist was found.');
  return id.toLowerCase();
};

/** A refusal a form can show next to its field: the services' 4xx other than 403/404. */
const formRefusal = (err: unknown): err is AppError =>
  isAppError(err) && err.status < 500 && err.status !== 403 && err.status !== 404;

/** Flash messages after a redirect: `?done=` names which one. */
const DONE = [
  'created',
  'saved',
  'moved',
  'introSaved',
  'removed',
  'added',
  'revoked',
  'exportRequested',
] as const;

export function playlistPagesRouter(deps: PlaylistPageDeps): express.Router {
  const render = createRenderer(createViewEnvironment(), loadAssets());
  const router = express.Router();
  router.use(PREFIX, ...staffPageSetup(), staffFormParser());
  const { show, page } = staffPageKit(router, 'playlist-pages', deps, render);
  const orderScript = () => loadClientScripts().hrefs['playlist-order.js'];

  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
  const doneOf = (req: Request) => DONE.find((d) => d === str(req.query.done));

  // --- the list and the create form -------------------------------------------------------

  const listScreen = async (
    req: Request,
    res: Response,
    staff: StaffUser,
    extra: { errors?: FieldError[]; form?: Record<string, string> } = {},
    status = 200,
  ) => {
    const lang = langOf(res);
    const canManage = can(staff, 'playlist.manage');
    const [rows, campaigns] = await Promise.all([
      deps.playlists(staff),
      canManage ? deps.campaigns(staff) : Promise.resolve([]),
    ]);
    const errors = extra.errors ?? [];
    const form = extra.form ?? {};
    show(
      req,
      res,
      staff,
      'staff/playlists.njk',
      {
        pageTitle: t(lang, 'staff.playlists.title'),
        canManage: canManage && campaigns.length > 0,
        errorList: errors,
        fieldError: Object.fromEntries(errors.map((e) => [e.href.slice(1), e])),
        form,
        createAction: `${PREFIX}?lang=${lang}`,
        page: listPage(lang, rows, campaigns, form),
      },
      status,
    );
  };

  page('get', PREFIX, (req, res, staff) => listScreen(req, res, staff));

  page('post', PREFIX, async (req, res, staff) => {
    const lang = langOf(res);
    const b = body(req);
    const form = {
      campaign: str(b.campaign),
      titleEn: str(b.titleEn),
      titleCy: str(b.titleCy),
      use: str(b.use),
      date: str(b.date).trim(),
      notes: str(b.notes),
    };
    let id: string;
    try {
      id = await deps.create(staff, {
        campaign: form.campaign,
        title: { en: form.titleEn, cy: form.titleCy },
        use: form.use,
        date: form.date === '' ? null : form.date,
        notes: form.notes,
      });
    } catch (err) {
      if (formRefusal(err) || (isAppError(err) && err.code === 'campaign_not_found')) {
        const error = fieldErrorFor(lang, String(err.details?.field ?? ''), err.code);
        return listScreen(req, res, staff, { errors: [error], form }, 400);
      }
      throw err;
    }
    res.redirect(303, `${PREFIX}/${id}?done=created&lang=${lang}`);
  });

  // --- one playlist -----------------------------------------------------------------------

  const playlistScreen = async (
    req: Request,
    res: Response,
    staff: StaffUser,
    extra: {
      errors?: FieldError[];
      form?: Record<string, string>;
      intro?: { itemId: string; en: string; cy: string };
      days?: string;
    } = {},
    status = 200,
  ) => {
    const lang = langOf(res);
    const id = uuidOf(req, 'id');
    const canManage = can(staff, 'playlist.manage');
    const canShare = can(staff, 'playlist.share');
    const canExport = can(staff, 'playlist.export');
    const [view, shares, exports] = await Promise.all([
      deps.playlist(staff, id, lang),
      canShare ? deps.shares(staff, id) : Promise.resolve([]),
      canExport ? deps.exports(staff, id) : Promise.resolve([]),
    ]);
    const errors = extra.errors ?? [];
    const done = doneOf(req);
    const moved = done === 'moved' ? view.items.findIndex((i) => i.id === str(req.query.item)) : -1;
    const movedItem = view.items[moved];
    const p = playlistPage(lang, view, canManage);
    show(
      req,
      res,
      staff,
      'staff/playlist.njk',
      {
        pageTitle: p.title.text,
        backHref: `${PREFIX}?lang=${lang}`,
        canManage,
        canShare,
        canExport,
        done: done === 'moved' ? undefined : done,
        movedText: movedItem
          ? t(lang, 'staff.playlists.moved', {
              name: p.items[moved]?.name ?? '',
              number: moved + 1,
              total: view.items.length,
            })
          : '',
        errorList: errors,
        fieldError: Object.fromEntries(errors.map((e) => [e.href.slice(1), e])),
        form: {
          titleEn: view.title.en,
          titleCy: view.title.cy,
          date: view.date ?? '',
          notes: view.notes,
          ...extra.form,
        },
        introForm: extra.intro,
        days: extra.days ?? String(DEFAULT_SHARE_DAYS),
        maxShareDays: MAX_SHARE_DAYS,
        page: p,
        shares: sharesView(lang, id, shares, new Date()),
        shareAction: `${PREFIX}/${id}/shares?lang=${lang}`,
        exports: exportsView(lang, id, exports),
        exportAction: `${PREFIX}/${id}/exports?lang=${lang}`,
        exportLangItems: (['en', 'cy'] as const).map((l) => ({
          value: l,
          text: t(lang, `staff.playlists.langName.${l}`),
          checked: l === lang,
        })),
        orderScript: canManage ? orderScript() : undefined,
      },
      status,
    );
  };

  page('get', `${PREFIX}/:id`, (req, res, staff) => playlistScreen(req, res, staff));

  page('post', `${PREFIX}/:id`, async (req, res, staff) => {
    const lang = langOf(res);
    const id = uuidOf(req, 'id');
    const b = body(req);
    const form = {
      titleEn: str(b.titleEn),
      titleCy: str(b.titleCy),
      date: str(b.date).trim(),
      notes: str(b.notes),
    };
    try {
      await deps.edit(staff, id, {
        title: { en: form.titleEn, cy: form.titleCy },
        date: form.date === '' ? null : form.date,
        notes: form.notes,
      });
    } catch (err) {
      if (formRefusal(err)) {
        const error = fieldErrorFor(lang, String(err.details?.field ?? ''), err.code);
        return playlistScreen(req, res, staff, { errors: [error], form }, 400);
      }
      throw err;
    }
    res.redirect(303, `${PREFIX}/${id}?done=saved&lang=${lang}`);
  });

  // The move form posts a direction (the buttons) or a position (drag and drop).
  page('post', `${PREFIX}/:id/items/:itemId/move`, async (req, res, staff) => {
    const lang = langOf(res);
    const id = uuidOf(req, 'id');
    const itemId = uuidOf(req, 'itemId');
    const b = body(req);
    const direction = str(b.direction);
    const position = Number(str(b.position));
    const move: { direction: 'up' | 'down' } | { position: number } | undefined =
      direction === 'up' || direction === 'down'
        ? { direction }
        : Number.isInteger(position) && str(b.position) !== ''
          ? { position }
          : undefined;
    if (!move) throw new AppError('bad_request', 'Choose where to move the clip.');
    await deps.move(staff, id, itemId, move);
    res.redirect(303, `${PREFIX}/${id}?done=moved&item=${itemId}&lang=${lang}`);
  });

  page('post', `${PREFIX}/:id/items/:itemId/intro`, async (req, res, staff) => {
    const lang = langOf(res);
    const id = uuidOf(req, 'id');
    const itemId = uuidOf(req, 'itemId');
    const b = body(req);
    const intro = { en: str(b.introEn), cy: str(b.introCy) };
    try {
      await deps.intro(staff, id, itemId, intro);
    } catch (err) {
      if (formRefusal(err)) {
        const error = fieldErrorFor(lang, String(err.details?.field ?? ''), err.code);
        const href = `${error.href}-${itemId}`;
        return playlistScreen(
          req,
          res,
          staff,
          { errors: [{ ...error, href }], intro: { itemId, ...intro } },
          400,
        );
      }
      throw err;
    }
    res.redirect(303, `${PREFIX}/${id}?done=introSaved&lang=${lang}#clips`);
  });

  page('post', `${PREFIX}/:id/items/:itemId/remove`, async (req, res, staff) => {
    const id = uuidOf(req, 'id');
    await deps.remove(staff, id, uuidOf(req, 'itemId'));
    res.redirect(303, `${PREFIX}/${id}?done=removed&lang=${langOf(res)}#clips`);
  });

  // --- the picker -------------------------------------------------------------------------

  const pickerScreen = async (
    req: Request,
    res: Response,
    staff: StaffUser,
    errors: FieldError[] = [],
    status = 200,
  ) => {
    const lang = langOf(res);
    const id = uuidOf(req, 'id');
    const [view, clips] = await Promise.all([
      deps.playlist(staff, id, lang),
      deps.picker(staff, id, lang),
    ]);
    const p = pickerPage(lang, view, clips);
    show(
      req,
      res,
      staff,
      'staff/playlist-clips.njk',
      {
        pageTitle: `${t(lang, 'staff.playlists.pickerTitle')}: ${p.title.text}`,
        canManage: can(staff, 'playlist.manage'),
        added: doneOf(req) === 'added',
        errorList: errors,
        page: p,
      },
      status,
    );
  };

  page('get', `${PREFIX}/:id/clips`, (req, res, staff) => pickerScreen(req, res, staff));

  page('post', `${PREFIX}/:id/items`, async (req, res, staff) => {
    const lang = langOf(res);
    const id = uuidOf(req, 'id');
    const submissionId = str(body(req).submissionId);
    if (!UUID.test(submissionId)) throw new AppError('bad_request', 'Choose a clip.');
    try {
      await deps.add(staff, id, submissionId.toLowerCase());
    } catch (err) {
      if (formRefusal(err)) {
        const reason = str(err.details?.reason);
        const text = reason
          ? t(lang, `playlist.ineligible.${reason}`)
          : t(lang, `error.${err.code}`);
        return pickerScreen(req, res, staff, [{ text, href: `#clip-${submissionId}` }], err.status);
      }
      throw err;
    }
    res.redirect(303, `${PREFIX}/${id}/clips?done=added&lang=${lang}`);
  });

  // --- share links and exports ------------------------------------------------------------

  page('post', `${PREFIX}/:id/shares`, async (req, res, staff) => {
    const lang = langOf(res);
    const id = uuidOf(req, 'id');
    const daysText = str(body(req).days).trim();
    const days = daysText === '' ? DEFAULT_SHARE_DAYS : Number(daysText);
    let share: { url: string; expiresAt: string };
    try {
      share = await deps.share(staff, id, days, req);
    } catch (err) {
      if (formRefusal(err)) {
        const error = fieldErrorFor(lang, 'days', err.code);
        return playlistScreen(req, res, staff, { errors: [error], days: daysText }, 400);
      }
      throw err;
    }
    // Shown this once, in the answer to the post: the token is in no address and not kept.
    const view = await deps.playlist(staff, id, lang);
    show(req, res, staff, 'staff/playlist-shared.njk', {
      pageTitle: t(lang, 'staff.playlists.sharedTitle'),
      playlistTitle: playlistPage(lang, view, false).title,
      url: share.url,
      expires: t(lang, 'staff.playlists.sharedExpires', {
        date: new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
          dateStyle: 'long',
          timeStyle: 'short',
          timeZone: 'Europe/London',
        }).format(new Date(share.expiresAt)),
      }),
      backHref: `${PREFIX}/${id}?lang=${lang}#shares`,
      // The page is the answer to a post; switching language goes back to the playlist.
      switchPath: `${PREFIX}/${id}`,
    });
  });

  page('post', `${PREFIX}/:id/shares/:shareId/revoke`, async (req, res, staff) => {
    const id = uuidOf(req, 'id');
    await deps.revoke(staff, id, uuidOf(req, 'shareId'));
    res.redirect(303, `${PREFIX}/${id}?done=revoked&lang=${langOf(res)}#shares`);
  });

  page('post', `${PREFIX}/:id/exports`, async (req, res, staff) => {
    const lang = langOf(res);
    const id = uuidOf(req, 'id');
    const b = body(req);
    const exportLang = str(b.lang) === 'cy' ? 'cy' : 'en';
    const height = str(b.height) === '1080' ? 1080 : 720;
    try {
      await deps.requestExport(staff, id, { lang: exportLang, height });
    } catch (err) {
      if (formRefusal(err)) {
        const text =
          err.code === 'wrong_state'
            ? t(lang, 'staff.playlists.errors.exportNothing')
            : t(lang, `error.${err.code}`);
        return playlistScreen(
          req,
          res,
          staff,
          { errors: [{ text, href: '#exportLang' }] },
          err.status,
        );
      }
      throw err;
    }
    res.redirect(303, `${PREFIX}/${id}?done=exportRequested&lang=${lang}#exports`);
  });

  page('get', `${PREFIX}/:id/exports/:exportId/download`, async (req, res, staff) => {
    await deps.download(staff, uuidOf(req, 'id'), uuidOf(req, 'exportId'), req, res);
  });

  router.use(PREFIX, notFoundPage(render));
  router.use(PREFIX, staffErrorHandler(render, deps.logError));
  return router;
}
