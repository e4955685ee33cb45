import { createHash, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request } from 'express';
import {
  findLiveSession,
  staffAccessWrites,
  touchSession,
  type StaffSessionRow,
} from '../../db/sessions.queries';
import type { Db } from '../../db/database';
import type { Actor, StaffKind } from '../../domain/authorisation';
import { AppError } from '../../domain/errors';
import { isWellFormedToken } from '../../domain/link-token';
import { ReadCache } from '../read-cache';

export const SESSION_COOKIE = 'lev_session';
/** A session lasts a working day at most, and ends after two idle hours. */
export const SESSION_SECONDS = 12 * 60 * 60;
export const SESSION_IDLE_SECONDS = 2 * 60 * 60;
// Writing last_seen_at on every request would make every read a write; once a minute is enough
// for a two-hour idle timeout.
const TOUCH_AFTER_MS = 60_000;
/**
 * Reads (GET, HEAD) on one session within this long share one lookup. Sign-out, sign-out
 * everywhere, password changes and disabling made by this process apply at once; made by another
 * process (a second API process, the CLI), they apply to reads within this long. Every write
 * looks the session up afresh, so a disabled account can change nothing even in that second.
 */
export const SESSION_CACHE_MS = 1000;
const caches = new WeakMap<Db, ReadCache<StaffSessionRow>>();

export interface StaffActor extends Actor {
  kind: StaffKind;
  id: string;
  email: string;
  campaignIds: string[];
  csrfToken: string;
  sessionId: Buffer;
  mustChangePassword: boolean;
}

/** One cookie's value from the Cookie header (the API router has no cookie-parser). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  // Walked in place rather than split: every staff request reads its session cookie.
  for (let start = 0; start < header.length;) {
    const semi = header.indexOf(';', start);
    const end = semi === -1 ? header.length : semi;
    const eq = header.indexOf('=', start);
    if (eq > start && eq < end && header.slice(start, eq).trim() === name) {
      try {
        return decodeURIComponent(header.slice(eq + 1, end).trim());
      } catch {
        return undefined;
      }
    }
    start = end + 1;
  }
  return undefined;
}

const RESOLVED = Symbol('staff on this request');
type WithStaff = Request & { [RESOLVED]?: Promise<StaffActor | undefined> };

/** The staff member signed in on this request, looked up once per request. */
export function staffFromRequest(db: Db, req: Request): Promise<StaffActor | undefined> {
  // Kept on the request itself: a WeakMap entry per request cost more than the lookup.
  return ((req as WithStaff)[RESOLVED] ??= lookUp(db, req));
}

async function lookUp(db: Db, req: Request): Promise<StaffActor | undefined> {
  const value = readCookie(req, SESSION_COOKIE);
  if (!value || !isWellFormedToken(value)) return undefined;
  let s: StaffSessionRow | undefined;
  if (req.method === 'GET' || req.method === 'HEAD') {
    let cache = caches.get(db);
    if (!cache) caches.set(db, (cache = new ReadCache(SESSION_CACHE_MS)));
    // Keyed by the cookie's value itself: it stays in this process's memory no longer than the
    // cache's second, as the request holding it does, and hashing it on every read cost more
    // than the rest of the lookup.
    s = await cache.get(value, staffAccessWrites(), () =>
      findLiveSession(db, value, SESSION_IDLE_SECONDS),
    );
  } else {
    s = await findLiveSession(db, value, SESSION_IDLE_SECONDS);
  }
  if (!s) return undefined;
  if (Date.now() - s.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    // Shared by every request on the cached row: the first to see it stale touches it.
    s.lastSeenAt = new Date();
    await touchSession(db, s.sessionId);
  }
  return {
    kind: s.role,
    id: s.userId,
    email: s.email,
    campaignIds: s.campaignIds,
    csrfToken: s.csrfToken,
    sessionId: s.sessionId,
    mustChangePassword: s.mustChangePassword,
  };
}

/** Forgets the cached lookup (after sign-in or sign-out on the same request). */
export const forgetStaff = (req: Request): void => {
  delete (req as WithStaff)[RESOLVED];
};

export function sessionCookieOptions(
  req: Request,
  publicBaseUrl: string | undefined,
): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure || (publicBaseUrl?.startsWith('https:') ?? false),
    path: '/',
  };
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Every cookie-authenticated write carries the session's CSRF token, in `X-CSRF-Token` (API
 * clients) or a `_csrf` form field (plain HTML forms). Compared as fixed-length digests in
 * constant time, so neither length nor content leaks through timing.
 */
export function verifyCsrf(req: Request, staff: StaffActor): void {
  const header = req.get('x-csrf-token');
  const field = (req.body as Record<string, unknown> | undefined)?._csrf;
  const sent = header ?? (typeof field === 'string' ? field : undefined);
  if (!sent || !timingSafeEqual(digest(sent), digest(staff.csrfToken))) {
    throw new AppError('forbidden', 'Send the session’s CSRF token as X-CSRF-Token.', {
      reason: 'csrf',
    });
  }
}
