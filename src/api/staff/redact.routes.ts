import type { Router } from 'express';
import type { HttpMethod } from '../../domain/authorisation';
import { AppError } from '../../domain/errors';
import type { ApiDeps } from '../deps';
import { guardedRoute, staffOf, uuidParam, type GuardedHandler } from './guard';
import { editBody, listEdits, requestRedaction, sendRedactedOriginal } from './redact-service';
import { parseBody } from './validation';

/** Trim and redact (staff session + CSRF): edits, their progress, the unredacted original. */
/** Mounts these routes on the staff API router (one router for all staff routes). */
export function addStaffRedactRoutes(r: Router, deps: ApiDeps): void {
  const route = (method: HttpMethod, path: string, h: GuardedHandler) =>
    guardedRoute(r, deps.db, 'staff-api', method, path, h);

  route('post', '/submissions/:id/edits', async (req, res, g) => {
    const id = uuidParam(req.params.id);
    const body = parseBody(editBody, req.body);
    res.status(202).json(await requestRedaction(deps, staffOf(g), id, body));
  });

  route('get', '/submissions/:id/edits', async (req, res, g) => {
    const edits = await listEdits(deps, staffOf(g), uuidParam(req.params.id));
    res.set('Cache-Control', 'no-store').json(edits);
  });

  route('get', '/submissions/:id/versions/:version/original', async (req, res, g) => {
    const version = Number(req.params.version);
    if (!/^\d{1,6}$/.test(String(req.params.version)) || version < 1) {
      throw new AppError('not_found', 'There is no such version.');
    }
    res.set('Cache-Control', 'private, no-store');
    await sendRedactedOriginal(deps, staffOf(g), uuidParam(req.params.id), version, req, res);
  });
}
