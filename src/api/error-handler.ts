import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError, type ErrorCode } from '../domain/errors';

/** The one map from an error to an HTTP answer: `{"error":{"code","message"}}`, never a stack. */
export function toHttpError(err: unknown): {
  status: number;
  body: { error: Record<string, unknown> };
} {
  const e = normalise(err);
  return {
    status: e.status,
    body: {
      error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) },
    },
  };
}

export function normalise(err: unknown): AppError {
  if (isAppError(err)) return err;
  const status =
    (err as { status?: number; statusCode?: number })?.status ??
    (err as { statusCode?: number })?.statusCode ??
    // @tus/server's errors are `{ status_code, body }`.
    (err as { status_code?: number })?.status_code;
  const type = (err as { type?: string })?.type;
  if (type === 'entity.parse.failed')
    return new AppError('bad_request', 'The body is not valid JSON.');
  if (type === 'entity.too.large') return new AppError('too_large', 'The body is too large.');
  if (status === 400) return new AppError('bad_request', 'The request is not valid.');
  if (status === 413) return new AppError('too_large', 'The body is too large.');
  if (status === 415) return new AppError('unsupported_type', 'That content type is not accepted.');
  // Any other refusal a library made (a tus offset mismatch, an expired upload): its own words.
  if (status !== undefined && status >= 400 && status < 500) {
    return new AppError(codeForRefusal[status] ?? 'bad_request', refusalText(err));
  }
  // PostgreSQL refusing the bytes of a value (a NUL, bad UTF-8) is bad input, not our fault.
  const pgCode = (err as { code?: unknown })?.code;
  if (pgCode === '22021' || pgCode === '22P05') {
    return new AppError('bad_request', 'The request holds characters that cannot be stored.');
  }
  if (isDependencyError(err))
    return new AppError(
      'dependency_down',
      'A service we depend on is not answering. Try again shortly.',
    );
  return new AppError('internal', 'Something went wrong on our side. Nothing you sent was lost.');
}

/** Codes for 4xx statuses that libraries answer with (tus: 409 offset, 410 expired, 460). */
const codeForRefusal: Partial<Record<number, ErrorCode>> = {
  401: 'unauthorised',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'not_found',
  416: 'range_not_satisfiable',
  429: 'rate_limited',
  499: 'upload_aborted',
};

function refusalText(err: unknown): string {
  const body = (err as { body?: unknown })?.body;
  const text = typeof body === 'string' ? body : err instanceof Error ? err.message : '';
  return text.trim() || 'The request was refused.';
}

/** Connection failures to PostgreSQL, Redis or S3 become 503, not 500. */
function isDependencyError(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  const name = (err as { name?: string })?.name;
  const message = err instanceof Error ? err.message : '';
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P03',
      '08006',
      '08001',
    ].includes(code ?? '') ||
    name === 'TimeoutError' ||
    /Connection terminated|timeout exceeded when trying to connect|Connection is closed/i.test(
      message,
    )
  );
}

export const apiErrorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const { status, body } = toHttpError(err);
  if (status >= 500) req.log?.error({ err }, 'request failed');
  else req.log?.info({ code: body.error.code }, 'request refused');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).json(body);
};

export const apiNotFound: RequestHandler = (_req, _res, next) =>
  next(new AppError('not_found', 'There is no such API route.'));
