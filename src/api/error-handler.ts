import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError } from '../domain/errors';

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
    (err as { statusCode?: number })?.statusCode;
  const type = (err as { type?: string })?.type;
  if (type === 'entity.parse.failed')
    return new AppError('bad_request', 'The body is not valid JSON.');
  if (type === 'entity.too.large') return new AppError('too_large', 'The body is too large.');
  if (status === 400) return new AppError('bad_request', 'The request is not valid.');
  if (status === 413) return new AppError('too_large', 'The body is too large.');
  if (status === 415) return new AppError('unsupported_type', 'That content type is not accepted.');
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
