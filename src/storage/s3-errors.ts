import { AppError, isAppError } from '../domain/errors';

/** The parts of an SDK or network error we look at. */
interface ErrorFacts {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);
const NETWORK_MESSAGE = new RegExp(`\\b(${[...NETWORK_CODES].join('|')})\\b`);

function facts(e: unknown): ErrorFacts {
  return typeof e === 'object' && e !== null ? (e as ErrorFacts) : {};
}

export function s3ErrorName(e: unknown): string | undefined {
  const f = facts(e);
  if (typeof f.Code === 'string') return f.Code;
  return typeof f.name === 'string' ? f.name : undefined;
}

export function s3Status(e: unknown): number | undefined {
  const f = facts(e);
  return f.$metadata?.httpStatusCode ?? f.$response?.statusCode;
}

/** True when S3 did not answer at all (refused, unreachable, timed out). */
export function isUnreachable(e: unknown): boolean {
  const f = facts(e);
  if (typeof f.code === 'string' && NETWORK_CODES.has(f.code)) return true;
  if (f.name === 'TimeoutError') return true;
  // Node reports a refused dual-stack connect as an AggregateError of the attempts.
  if (Array.isArray(f.errors)) return f.errors.some(isUnreachable);
  // When Node's error comes from another realm (jest's VM context) the SDK wraps it and keeps
  // only the text: "AWS SDK error wrapper for Error: connect ECONNREFUSED ...".
  return typeof f.message === 'string' && NETWORK_MESSAGE.test(f.message);
}

export function isNotFound(e: unknown): boolean {
  const name = s3ErrorName(e);
  return (
    name === 'NoSuchKey' || name === 'NotFound' || (s3Status(e) === 404 && name !== 'NoSuchBucket')
  );
}

export function isNoSuchUpload(e: unknown): boolean {
  return s3ErrorName(e) === 'NoSuchUpload';
}

/**
 * Turns what the SDK threw into the shared AppError where there is a meaning for the rest
 * of the program; anything else is passed on unchanged (a bug or an unexpected S3 answer).
 */
export function toAppError(e: unknown): unknown {
  if (isAppError(e)) return e;
  const name = s3ErrorName(e);
  const status = s3Status(e);
  if (isUnreachable(e)) {
    return new AppError('dependency_down', 'Object storage is not answering');
  }
  if (name === 'NoSuchBucket') {
    return new AppError('dependency_down', 'The storage bucket does not exist');
  }
  if (isNotFound(e)) {
    return new AppError('not_found', 'No such object');
  }
  if (name === 'InvalidRange' || status === 416) {
    return new AppError('range_not_satisfiable', 'The requested range is not satisfiable');
  }
  if (status !== undefined && status >= 500) {
    return new AppError('dependency_down', `Object storage failed (${status})`);
  }
  return e;
}
