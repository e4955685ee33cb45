import type { Request, Response } from 'express';
import { emptyAnswers, readAllSteps, type ConsentAnswers } from './consent-steps';

/**
 * The step-by-step answers between pages, kept in a cookie on the person's own device: no
 * server-side session to expire and lose work, and a language switch (a plain link) keeps them.
 * The cookie is scoped to the campaign's pages and read back through the same field parser as
 * a form, so anything odd in it is dropped rather than trusted.
 */
export const DRAFT_COOKIE = 'consent_answers';
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export function readDraft(req: Request): ConsentAnswers {
  const raw = (req.cookies as Record<string, unknown> | undefined)?.[DRAFT_COOKIE];
  if (typeof raw !== 'string' || raw.length > 4000) return emptyAnswers();
  try {
    const body = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    return typeof body === 'object' && body !== null
      ? readAllSteps(body as Record<string, unknown>)
      : emptyAnswers();
  } catch {
    return emptyAnswers();
  }
}

const cookieOptions = (req: Request, path: string) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: req.secure,
  path,
});

export function writeDraft(req: Request, res: Response, path: string, a: ConsentAnswers): void {
  const body = {
    scope: a.scopes,
    sendingFor: a.sendingFor,
    onBehalfRelationship: a.onBehalfRelationship,
    onBehalfBasis: a.onBehalfBasis,
    over18: a.over18,
    guardianAgreed: a.guardianAgreed,
    othersAppear: a.othersAppear,
    othersConsented: a.othersConsented,
    healthDetailsAgreed: a.healthDetailsAgreed,
    displayName: a.displayName,
  };
  res.cookie(DRAFT_COOKIE, Buffer.from(JSON.stringify(body)).toString('base64url'), {
    ...cookieOptions(req, path),
    maxAge: WEEK_MS,
  });
}

export function clearDraft(req: Request, res: Response, path: string): void {
  res.clearCookie(DRAFT_COOKIE, cookieOptions(req, path));
}
