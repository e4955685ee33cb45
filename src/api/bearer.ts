import type { Request } from 'express';
import { AppError } from '../domain/errors';

/** The link token from `Authorization: Bearer <token>`; 401 when absent. */
export function bearerToken(req: Request): string {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  if (!m?.[1]) {
    throw new AppError('unauthorised', 'Send the link token as Authorization: Bearer <token>.');
  }
  return m[1];
}
