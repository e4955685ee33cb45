import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type S3rver from 's3rver';
import { isAppError } from '../domain/errors';
import { parseRangeHeader } from './range-header';
import { sendS3Error } from './s3rver-http';
import { listObjectsV2 } from './s3rver-list';
import { abortUpload, guardUpload, listMultipartUploads, listParts } from './s3rver-multipart';

/**
 * Makes s3rver 3.7.1 behave like S3 where this program (and @tus/s3-store, lib-storage)
 * depends on it. Adds ListParts, AbortMultipartUpload and ListMultipartUploads; replaces
 * ListObjectsV2 (its paging breaks on Node 20); answers NoSuchUpload for parts sent to an
 * unknown upload; fixes suffix (`bytes=-n`) and `bytes=0-0` ranges. Path-style requests only,
 * which is how createS3Client talks to the embedded server.
 *
 * Like s3rver itself this checks no signatures: it is for local use and tests only.
 */

type Ctx = S3rver.Context;
type Next = () => Promise<void>;

interface Target {
  bucket: string;
  key: string | undefined;
}

/** `/bucket` or `/bucket/some/key` (path style); undefined for `/` or undecodable paths. */
export function parseTarget(urlPath: string): Target | undefined {
  const match = /^\/([^/]+)(?:\/(.*))?$/.exec(urlPath);
  if (!match?.[1]) return undefined;
  try {
    const bucket = decodeURIComponent(match[1]);
    const key = match[2] ? decodeURIComponent(match[2]) : undefined;
    return { bucket, key };
  } catch {
    return undefined; // malformed escapes: leave the request to s3rver
  }
}

async function bucketExists(ctx: Ctx, bucket: string): Promise<boolean> {
  try {
    if ((await stat(ctx.store.getBucketPath(bucket))).isDirectory()) return true;
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ENOENT') throw e;
  }
  sendS3Error(ctx, 404, 'NoSuchBucket', 'The specified bucket does not exist', {
    BucketName: bucket,
  });
  return false;
}

/**
 * s3rver reads `bytes=-n` as `bytes=0-n` and ignores an end of 0. Rewrite every Range into
 * the explicit `bytes=a-b` it handles, drop ones S3 would ignore, and refuse unsatisfiable
 * ones the way S3 does.
 */
async function normaliseRange(ctx: Ctx, bucket: string, key: string, next: Next): Promise<void> {
  const header = ctx.headers.range;
  let size: number;
  try {
    size = (await stat(ctx.store.getResourcePath(bucket, key, 'object'))).size;
  } catch {
    return next(); // no such object: s3rver answers NoSuchKey
  }
  try {
    const range = parseRangeHeader(typeof header === 'string' ? header : undefined, size);
    if (range) ctx.req.headers.range = `bytes=${range.start}-${range.end}`;
    else delete ctx.req.headers.range;
  } catch (e) {
    if (!isAppError(e)) throw e;
    ctx.set('Content-Range', `bytes */${size}`);
    sendS3Error(ctx, 416, 'InvalidRange', 'The requested range is not satisfiable', {
      RangeRequested: String(header),
      ActualObjectSize: size,
    });
    return;
  }
  return next();
}

/** The middleware; it must run after s3rver's vhost rewriting and before its router. */
export function compatMiddleware(): S3rver.Middleware {
  return async (ctx, next) => {
    const target = parseTarget(ctx.path);
    if (!target) return next();
    const { bucket, key } = target;
    const q = ctx.query;
    const method = ctx.method;

    if (key === undefined) {
      if (method === 'GET' && 'uploads' in q) {
        if (await bucketExists(ctx, bucket)) await listMultipartUploads(ctx, bucket);
        return;
      }
      if (method === 'GET' && q['list-type'] === '2') {
        if (await bucketExists(ctx, bucket)) await listObjectsV2(ctx, bucket);
        return;
      }
      return next();
    }
    if ('uploadId' in q) {
      if (!(await bucketExists(ctx, bucket))) return;
      if (method === 'GET') return listParts(ctx, bucket, key);
      if (method === 'DELETE') return abortUpload(ctx, bucket, key);
      if (method === 'PUT' || method === 'POST') return guardUpload(ctx, bucket, key, next);
      return next();
    }
    if ((method === 'GET' || method === 'HEAD') && ctx.headers.range !== undefined) {
      return normaliseRange(ctx, bucket, key, next);
    }
    return next();
  };
}

/**
 * FilesystemStore.getObject treats an end of 0 as "to the end" (`end || Infinity`), so
 * `bytes=0-0` (what Safari asks first for video) returns the whole object. Correct it.
 */
export function patchStore(store: S3rver.FilesystemStore): void {
  const original = store.getObject.bind(store);
  store.getObject = async (bucket, key, options) => {
    const object = await original(bucket, key, options);
    if (object?.content && options?.end === 0 && (options.start ?? 0) === 0) {
      object.content.destroy();
      object.content = createReadStream(store.getResourcePath(bucket, key, 'object'), {
        start: 0,
        end: 0,
      });
      object.range = { start: 0, end: 0 };
    }
    return object;
  };
}

/** Installs the compatibility layer into an s3rver that has not started listening yet. */
export function installS3rverCompat(server: S3rver): void {
  const stack = server.middleware;
  const router = stack[stack.length - 1];
  // s3rver's constructor adds its router last; @koa/router names that function `dispatch`.
  if (!router || router.name !== 'dispatch') {
    throw new Error('Unexpected s3rver middleware layout: is s3rver still 3.7.1?');
  }
  stack.splice(stack.length - 1, 0, compatMiddleware());
  patchStore(server.store);
}
