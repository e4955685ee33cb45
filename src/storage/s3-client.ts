import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config';

export type S3ConnectionConfig = Pick<
  Config['s3'],
  'region' | 'accessKeyId' | 'secretAccessKey' | 'forcePathStyle'
> & { endpoint?: string | undefined };

export interface S3Timeouts {
  /** How long to wait for a TCP connection: a dead S3 host fails in this time. */
  connectionMs?: number;
  /**
   * How long a socket may sit idle before the request fails: a hung S3 fails in this time.
   * An idle (not total) limit, so long streamed uploads and downloads are not cut off.
   */
  socketIdleMs?: number;
  /** Attempts per request, including the first. */
  maxAttempts?: number;
}

const defaults: Required<S3Timeouts> = {
  connectionMs: 3_000,
  socketIdleMs: 60_000,
  maxAttempts: 3,
};

/**
 * The one way to build an S3Client. Every client must be built here (or copy these settings):
 * see DESIGN.md "Known pitfalls" on aws-chunked bodies.
 */
export function createS3Client(s3: S3ConnectionConfig, timeouts: S3Timeouts = {}): S3Client {
  const t = { ...defaults, ...timeouts };
  return new S3Client({
    ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    // Without these the SDK frames streamed bodies as aws-chunked with trailing checksums,
    // which s3rver stores verbatim (silent corruption) and some S3-compatible servers refuse.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: t.maxAttempts,
    // Options for the SDK's NodeHttpHandler, passed as data so we need not depend on
    // @smithy/node-http-handler directly.
    requestHandler: { connectionTimeout: t.connectionMs, socketTimeout: t.socketIdleMs },
  });
}
