import { hash, verify } from '@node-rs/argon2';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { recordAudit } from '../../db/audit.queries';
import {
  campaignIdsBySlugs,
  deleteSession,
  deleteUserSessions,
  disableUser,
  getPasswordHash,
  setPasswordHash,
} from '../../db/sessions.queries';
import { createUser } from '../../db/users.queries';
import { AppError } from '../../domain/errors';
import type { ApiDeps } from '../deps';
import type { HttpMethod } from '../../domain/authorisation';
import { guardedRoute, staffOf, uuidParam, type GuardedHandler } from './guard';
import { loginRateLimits, signIn, type SignedIn } from './login-service';
import { rateLimitDepsFrom } from '../rate-limits';
import { forgetStaff, SESSION_COOKIE, sessionCookieOptions } from './session';
import { parseBody } from './validation';

type Deps = Pick<ApiDeps, 'db' | 'config'>;

const loginBody = z.object({ email: z.string().min(3).max(320), password: z.string().max(1024) });
export const PASSWORD_MIN = 12;
const passwordBody = z.object({
  currentPassword: z.string().max(1024),
  newPassword: z.string().min(PASSWORD_MIN).max(1024),
});
const newUserBody = z.object({
  email: z.email().max(320),
  role: z.enum(['admin', 'moderator', 'facilitator']),
  password: z.string().min(PASSWORD_MIN).max(1024),
  campaigns: z.array(z.string()).max(100).default([]),
  mustChangePassword: z.boolean().default(true),
});

export function setSessionCookie(req: Request, res: Response, deps: Deps, s: SignedIn): void {
  res.cookie(SESSION_COOKIE, s.cookieValue, {
    ...sessionCookieOptions(req, deps.config.publicBaseUrl),
    expires: s.expiresAt,
  });
}

export function clearSessionCookie(req: Request, res: Response, deps: Deps): void {
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, deps.config.publicBaseUrl));
}

/** Changes the signed-in user's password and ends their other sessions. */
export async function changePassword(
  deps: Deps,
  staff: { id: string; sessionId: Buffer },
  current: string,
  next: string,
): Promise<void> {
  const stored = await getPasswordHash(deps.db, staff.id);
  if (!stored || !(await verify(stored, current).catch(() => false))) {
    throw new AppError('bad_request', 'The current password is not right.', {
      field: 'currentPassword',
    });
  }
  await deps.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, staff.id, await hash(next));
    await deleteUserSessions(trx, staff.id, staff.sessionId);
    await recordAudit(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'auth.password_changed',
      subject: { type: 'user', id: staff.id },
    });
  });
}

/** Mounts these routes on the staff API router (one router for all staff routes). */
export function addStaffAuthRoutes(
  r: Router,
  deps: Deps & Pick<ApiDeps, 'redis' | 'logger'>,
): void {
  const route = (method: HttpMethod, path: string, h: GuardedHandler) =>
    guardedRoute(r, deps.db, 'staff-api', method, path, h);

  r.post('/auth/login', ...loginRateLimits(rateLimitDepsFrom(deps)));
  route('post', '/auth/login', async (req, res) => {
    const body = parseBody(loginBody, req.body);
    const s = await signIn(deps.db, body.email, body.password);
    forgetStaff(req);
    setSessionCookie(req, res, deps, s);
    res.set('Cache-Control', 'no-store').json({
      csrfToken: s.csrfToken,
      mustChangePassword: s.mustChangePassword,
      expiresAt: s.expiresAt.toISOString(),
    });
  });

  route('post', '/auth/logout', async (req, res, g) => {
    const staff = staffOf(g);
    await deleteSession(deps.db, staff.sessionId);
    clearSessionCookie(req, res, deps);
    res.json({ signedOut: 1 });
  });

  route('post', '/auth/logout-all', async (req, res, g) => {
    const staff = staffOf(g);
    const n = await deleteUserSessions(deps.db, staff.id);
    await recordAudit(deps.db, {
      actor: { type: 'staff', id: staff.id },
      action: 'auth.logout_all',
      subject: { type: 'user', id: staff.id },
      details: { sessions: n },
    });
    clearSessionCookie(req, res, deps);
    res.json({ signedOut: n });
  });

  route('post', '/auth/password', async (req, res, g) => {
    const body = parseBody(passwordBody, req.body);
    await changePassword(deps, staffOf(g), body.currentPassword, body.newPassword);
    res.json({ changed: true });
  });

  route('get', '/auth/session', (_req, res, g) => {
    const s = staffOf(g);
    res.set('Cache-Control', 'no-store').json({
      id: s.id,
      email: s.email,
      role: s.kind,
      campaignIds: s.campaignIds,
      csrfToken: s.csrfToken,
      mustChangePassword: s.mustChangePassword,
    });
  });

  route('post', '/staff/users', async (req, res, g) => {
    const admin = staffOf(g);
    const body = parseBody(newUserBody, req.body);
    const campaigns = await campaignIdsBySlugs(deps.db, body.campaigns);
    if (campaigns.length !== new Set(body.campaigns).size) {
      throw new AppError('bad_request', 'One of the campaigns does not exist.', {
        field: 'campaigns',
      });
    }
    const user = await deps.db.transaction().execute(async (trx) => {
      const exists = await trx
        .selectFrom('users')
        .select('id')
        .where('email', '=', body.email.trim().toLowerCase())
        .executeTakeFirst();
      if (exists) throw new AppError('conflict', 'There is already an account with that email.');
      const u = await createUser(trx, {
        email: body.email,
        role: body.role,
        password: body.password,
        mustChangePassword: body.mustChangePassword,
        campaignIds: campaigns.map((c) => c.id),
      });
      await recordAudit(trx, {
        actor: { type: 'staff', id: admin.id },
        action: 'staff.user_created',
        subject: { type: 'user', id: u.id },
        details: { role: u.role, campaigns: campaigns.map((c) => c.slug) },
      });
      return u;
    });
    res.status(201).json({ ...user, campaigns: campaigns.map((c) => c.slug) });
  });

  route('post', '/staff/users/:id/disable', async (req, res, g) => {
    const admin = staffOf(g);
    const id = uuidParam(req.params.id, 'user');
    if (id === admin.id) throw new AppError('conflict', 'You cannot disable your own account.');
    const row = await deps.db.transaction().execute(async (trx) => {
      const u = await disableUser(trx, id);
      if (u) {
        await recordAudit(trx, {
          actor: { type: 'staff', id: admin.id },
          action: 'staff.user_disabled',
          subject: { type: 'user', id },
        });
      }
      return u;
    });
    if (!row) throw new AppError('not_found', 'No user was found.');
    res.json({ id: row.id, disabled: true });
  });
}
