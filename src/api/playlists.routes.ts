import { Router, type Request } from 'express';
import { z } from 'zod';
import type { HttpMethod } from '../domain/authorisation';
import { DEFAULT_SHARE_DAYS, MAX_SHARE_DAYS, playlistUses } from '../domain/playlist-rules';
import { isLang, type Lang } from '../i18n';
import type { ApiDeps } from './deps';
import {
  addItem,
  createPlaylist,
  editPlaylist,
  moveItemTo,
  pickerClips,
  playlistFor,
  playlistsFor,
  removeItem,
  setIntro,
  viewPlaylist,
} from './playlist-service';
import {
  downloadExport,
  exportOf,
  exportsOf,
  exportView,
  requestExport,
  revokeShare,
  sharePlaylist,
  sharesOf,
} from './playlist-sharing';
import { guardedRoute, staffOf, uuidParam, type Guarded, type GuardedHandler } from './staff/guard';
import { parseBody } from './staff/validation';

// Plain text shown on pages and title cards: no markup, no control characters.
const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^<>\p{Cc}]*$/u);
const title = line(200).min(1);
const isoDate = z.iso.date();

export const playlistBody = z.object({
  campaign: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  title: z.object({ en: title, cy: title }),
  use: z.enum(playlistUses),
  date: isoDate.nullish(),
  notes: z.string().max(4000).optional(),
});

export const playlistPatch = z.object({
  title: z.object({ en: title.optional(), cy: title.optional() }).optional(),
  date: isoDate.nullable().optional(),
  notes: z.string().max(4000).optional(),
});

export const itemBody = z.object({ submissionId: z.uuid() });
export const introBody = z.object({
  intro: z.object({ en: line(140).nullish(), cy: line(140).nullish() }),
});
export const moveBody = z.union([
  z.object({ direction: z.enum(['up', 'down']) }).strict(),
  z.object({ position: z.number().int().min(0).max(10_000) }).strict(),
]);
export const shareBody = z.object({
  days: z.number().int().min(1).max(MAX_SHARE_DAYS).default(DEFAULT_SHARE_DAYS),
});
export const exportBody = z.object({
  lang: z.enum(['en', 'cy']).default('en'),
  height: z.union([z.literal(720), z.literal(1080)]).default(720),
});
const listQuery = z.object({ campaign: z.string().max(63).optional() });

const langOf = (req: Request): Lang => (isLang(req.query.lang) ? req.query.lang : 'en');

/** Where people reach us: the configured public address, else the one this request used. */
export function publicBase(deps: Pick<ApiDeps, 'config'>, req: Request): string {
  return deps.config.publicBaseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** Facilitators' playlist API under /api/v1 (issue 8); every route is in `staffRoutes`. */
export function playlistsRouter(deps: ApiDeps): Router {
  const r = Router();
  const route = (method: HttpMethod, path: string, h: GuardedHandler) =>
    guardedRoute(r, deps.db, 'playlists', method, path, h);
  const load = (req: Request, g: Guarded) =>
    playlistFor(deps, staffOf(g), uuidParam(req.params.id, 'playlist'), g.spec.action);
  const noStore = { 'Cache-Control': 'no-store' };

  route('get', '/playlists', async (req, res, g) => {
    const q = parseBody(listQuery, req.query);
    res.set(noStore).json({ items: await playlistsFor(deps, staffOf(g), q.campaign) });
  });

  route('post', '/playlists', async (req, res, g) => {
    const p = await createPlaylist(deps, staffOf(g), parseBody(playlistBody, req.body));
    res.status(201).json(await viewPlaylist(deps, p, langOf(req)));
  });

  route('get', '/playlists/:id', async (req, res, g) => {
    res.set(noStore).json(await viewPlaylist(deps, await load(req, g), langOf(req)));
  });

  route('put', '/playlists/:id', async (req, res, g) => {
    const p = await load(req, g);
    await editPlaylist(deps, staffOf(g), p, parseBody(playlistPatch, req.body));
    res.json(await viewPlaylist(deps, await load(req, g), langOf(req)));
  });

  route('get', '/playlists/:id/clips', async (req, res, g) => {
    res.set(noStore).json({ items: await pickerClips(deps, await load(req, g), langOf(req)) });
  });

  route('post', '/playlists/:id/items', async (req, res, g) => {
    const p = await load(req, g);
    const { submissionId } = parseBody(itemBody, req.body);
    const item = await addItem(deps, staffOf(g), p, submissionId.toLowerCase());
    res.status(201).json({ ...item, playlist: await viewPlaylist(deps, p, langOf(req)) });
  });

  route('put', '/playlists/:id/items/:itemId', async (req, res, g) => {
    const p = await load(req, g);
    const { intro } = parseBody(introBody, req.body);
    await setIntro(deps, staffOf(g), p, uuidParam(req.params.itemId, 'item'), intro);
    res.json(await viewPlaylist(deps, p, langOf(req)));
  });

  route('delete', '/playlists/:id/items/:itemId', async (req, res, g) => {
    const p = await load(req, g);
    await removeItem(deps, staffOf(g), p, uuidParam(req.params.itemId, 'item'));
    res.json(await viewPlaylist(deps, p, langOf(req)));
  });

  route('post', '/playlists/:id/items/:itemId/move', async (req, res, g) => {
    const p = await load(req, g);
    const move = parseBody(moveBody, req.body);
    res.json(await moveItemTo(deps, staffOf(g), p, uuidParam(req.params.itemId, 'item'), move));
  });

  route('post', '/playlists/:id/share', async (req, res, g) => {
    const p = await load(req, g);
    const { days } = parseBody(shareBody, req.body);
    res.status(201).json(await sharePlaylist(deps, staffOf(g), p, days, publicBase(deps, req)));
  });

  route('get', '/playlists/:id/shares', async (req, res, g) => {
    res.set(noStore).json({ items: await sharesOf(deps, await load(req, g)) });
  });

  route('delete', '/playlists/:id/shares/:shareId', async (req, res, g) => {
    const p = await load(req, g);
    await revokeShare(deps, staffOf(g), p, uuidParam(req.params.shareId, 'share link'));
    res.json({ items: await sharesOf(deps, p) });
  });

  route('post', '/playlists/:id/exports', async (req, res, g) => {
    const p = await load(req, g);
    const e = await requestExport(deps, staffOf(g), p, parseBody(exportBody, req.body));
    res
      .status(201)
      .location(`/api/v1/playlists/${p.id}/exports/${e.id}`)
      .json(exportView(e, publicBase(deps, req)));
  });

  route('get', '/playlists/:id/exports', async (req, res, g) => {
    const rows = await exportsOf(deps, await load(req, g));
    res.set(noStore).json({ items: rows.map((e) => exportView(e, publicBase(deps, req))) });
  });

  route('get', '/playlists/:id/exports/:exportId', async (req, res, g) => {
    const p = await load(req, g);
    const e = await exportOf(deps, p, uuidParam(req.params.exportId, 'export'));
    res.set(noStore).json(exportView(e, publicBase(deps, req)));
  });

  route('get', '/playlists/:id/exports/:exportId/download', async (req, res, g) => {
    const p = await load(req, g);
    await downloadExport(deps, staffOf(g), p, uuidParam(req.params.exportId, 'export'), req, res);
  });

  return r;
}
