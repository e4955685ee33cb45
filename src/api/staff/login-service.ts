import { hash, verify } from '@node-rs/argon2';
import type { RequestHandler } from 'express';
import { loginLimiters, type RateLimitDeps } from '../rate-limits';
import { recordAudit } from '../../db/audit.queries';
import type { Db } from '../../db/database';
import {
  createSession,
  findUserForLogin,
  recordLoginFailure,
  recordLoginSuccess,
} from '../../db/sessions.queries';
import { AppError } from '../../domain/errors';
import { SESSION_SECONDS } from './session';

/** The fifth wrong password in a row locks the account for 15 minutes. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;

// One message for every refusal (unknown email, wrong password, locked, disabled), so the
// answer never tells an attacker which accounts exist.
export const LOGIN_REFUSED =
  'The email address or password is not right. After 5 wrong tries, signing in is paused for 15 minutes.';

let dummyHash: Promise<string> | undefined;
// Verifying against a throwaway hash when there is no usable account keeps the timing the same.
const burnVerify = async (password: string) => {
  dummyHash ??= hash('not a real password, only for equal timing');
  await verify(await dummyHash, password).catch(() => false);
};

export interface SignedIn {
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
  mustChangePassword: boolean;
  userId: string;
}

export async function signIn(db: Db, email: string, password: string): Promise<SignedIn> {
  const user = await findUserForLogin(db, email);
  const refused = () => new AppError('unauthorised', LOGIN_REFUSED);
  if (!user || user.disabled_at) {
    await burnVerify(password);
    throw refused();
  }
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    await burnVerify(password);
    throw refused();
  }
  const ok = await verify(user.password_hash, password).catch(() => false);
  if (!ok) {
    await recordLoginFailure(db, user.id, LOCK_AFTER_FAILURES, LOCK_SECONDS);
    await recordAudit(db, {
      actor: { type: 'staff', id: user.id },
      action: 'auth.login_failed',
      subject: { type: 'user', id: user.id },
    });
    throw refused();
  }
  await recordLoginSuccess(db, user.id);
  const session = await createSession(db, user.id, SESSION_SECONDS);
  await recordAudit(db, {
    actor: { type: 'staff', id: user.id },
    action: 'auth.login',
    subject: { type: 'user', id: user.id },
  });
  return { ...session, mustChangePassword: user.must_change_password, userId: user.id };
}

/**
 * Sign-in rate limits, counted in Redis so every API process shares them (src/api/rate-limits.ts
 * holds every limit): failures per address and account, and all attempts per address. Needs
 * the body parsed first.
 */
export function loginRateLimits(deps: RateLimitDeps): RequestHandler[] {
  return loginLimiters(deps);
}

/** Refuses a form post from another site (login CSRF): browsers send Origin on every POST. */
export const sameOriginOnly: RequestHandler = (req, _res, next) => {
  const origin = req.get('origin');
  if (origin && origin !== 'null') {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== req.get('host')) {
      return next(new AppError('forbidden', 'Sign in from this site’s own page.'));
    }
  }
  next();
};
