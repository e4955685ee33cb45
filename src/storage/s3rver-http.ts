import type S3rver from 's3rver';
import { s3ErrorXml, type XmlObject } from './s3-xml';

/** Small request/response helpers shared by the s3rver compatibility handlers. */

type Ctx = S3rver.Context;

export function sendS3Error(
  ctx: Ctx,
  status: number,
  code: string,
  message: string,
  extra: XmlObject = {},
): void {
  ctx.status = status;
  ctx.type = 'application/xml';
  ctx.body = s3ErrorXml(code, message, extra);
}

/** A query parameter given once (repeats are ambiguous, so they count as absent). */
export function oneParam(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A non-negative integer parameter; answers InvalidArgument and returns undefined if bad. */
export function intParam(ctx: Ctx, name: string, fallback: number): number | undefined {
  const raw = oneParam(ctx.query[name]);
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (/^\d+$/.test(raw) && Number.isSafeInteger(n)) return n;
  sendS3Error(ctx, 400, 'InvalidArgument', `${name} must be a non-negative integer`, {
    ArgumentName: name,
    ArgumentValue: raw,
  });
  return undefined;
}

/** S3 orders keys by their UTF-8 bytes, which is not JavaScript's UTF-16 order. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
