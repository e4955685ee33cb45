import type { Request, Response, Router } from 'express';
import type { Db } from '../../db/database';
import {
  can,
  routeSpec,
  type Actor,
  type HttpMethod,
  type Resource,
  type RouteSpec,
} from '../../domain/authorisation';
import { AppError } from '../../domain/errors';
import { staffFromRequest, verifyCsrf, type StaffActor } from './session';

export interface Guarded {
  actor: Actor;
  staff: StaffActor | undefined;
  spec: RouteSpec;
}

export type GuardedHandler = (req: Request, res: Response, g: Guarded) => Promise<void> | void;

/**
 * Mounts a route through the policy: its action comes from `staffRoutes` (a missing row fails
 * at start-up), a session route needs a session (401), a write needs the CSRF token (403), and
 * the role must allow the action at all (403). Campaign scope is checked by the handler with
 * `authorise` once it knows the resource.
 */
export function guardedRoute(
  r: Router,
  db: Db,
  router: RouteSpec['router'],
  method: HttpMethod,
  path: string,
  handler: GuardedHandler,
): void {
  const spec = routeSpec(router, method, path);
  r[method](path, async (req: Request, res: Response) => {
    const staff = await staffFromRequest(db, req);
    const actor: Actor = staff ?? { kind: 'anonymous' };
    if (spec.auth === 'session') {
      if (!staff) throw new AppError('unauthorised', 'Sign in first.');
      if (method !== 'get') verifyCsrf(req, staff);
      if (!can(actor, spec.action)) {
        throw new AppError('forbidden', 'Your role does not allow this.');
      }
      // Until the one-time password is replaced, the account can only change it or sign out.
      if (staff.mustChangePassword && spec.action !== 'auth.self') {
        throw new AppError('forbidden', 'Change your password first.', {
          reason: 'must_change_password',
        });
      }
    }
    await handler(req, res, { actor, staff, spec });
  });
}

/**
 * The resource-level check. Outside the actor's campaigns the answer is 404, the same as a
 * submission that does not exist, so staff cannot probe other campaigns' ids.
 */
export function authorise(g: Guarded, resource: Resource): void {
  if (!can(g.actor, g.spec.action, resource)) {
    throw new AppError('not_found', 'No submission was found.');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidParam(raw: unknown, what = 'submission'): string {
  if (typeof raw !== 'string' || !UUID.test(raw)) {
    throw new AppError('not_found', `No ${what} was found.`);
  }
  return raw.toLowerCase();
}

/** A required staff session (handlers of session routes always have one). */
export function staffOf(g: Guarded): StaffActor {
  if (!g.staff) throw new AppError('unauthorised', 'Sign in first.');
  return g.staff;
}
