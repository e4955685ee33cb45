import { createHash, randomBytes } from 'node:crypto';

/**
 * Contributor and juror links carry 32 random bytes (base64url, 43 characters). Only the
 * SHA-256 of a token is stored, so a database leak does not leak working links.
 */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function hashLinkToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
