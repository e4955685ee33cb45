import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type S3rver from 's3rver';
import { compareKeys as cmp, intParam, oneParam, sendS3Error } from './s3rver-http';
import { xmlDocument, type XmlObject } from './s3-xml';

/**
 * ListParts, ListMultipartUploads and AbortMultipartUpload for s3rver 3.7.1, which has none
 * of them. They work on s3rver's own FilesystemStore layout:
 *
 *   <root>/<bucket>/._S3rver_uploads/<uploadId>/key        the object key
 *   <root>/<bucket>/._S3rver_uploads/<uploadId>/metadata   headers of CreateMultipartUpload
 *   <root>/<bucket>/._S3rver_uploads/<uploadId>/<n>        part n's bytes
 *   <root>/<bucket>/._S3rver_uploads/<uploadId>/<n>.md5    part n's MD5, written once complete
 */

type Ctx = S3rver.Context;

// s3rver makes 32 hex digits; anything else could walk out of the uploads folder.
const UPLOAD_ID = /^[A-Za-z0-9_-]{1,128}$/;
const OWNER = { ID: 'compat', DisplayName: 'compat' };

interface UploadRecord {
  uploadId: string;
  dir: string;
  key: string;
  initiated: Date;
}

export function uploadsDir(store: S3rver.FilesystemStore, bucket: string): string {
  return store.getResourcePath(bucket, undefined, 'uploads');
}

const isMissing = (e: unknown) => (e as { code?: unknown }).code === 'ENOENT';

/** The upload, or null when it does not exist (or is only a stray folder of parts). */
export async function readUpload(
  store: S3rver.FilesystemStore,
  bucket: string,
  uploadId: string,
): Promise<UploadRecord | null> {
  if (!UPLOAD_ID.test(uploadId)) return null;
  const dir = path.join(uploadsDir(store, bucket), uploadId);
  try {
    const keyFile = path.join(dir, 'key');
    const [key, info] = await Promise.all([readFile(keyFile, 'utf8'), stat(keyFile)]);
    return { uploadId, dir, key, initiated: info.mtime };
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
}

export function noSuchUpload(ctx: Ctx, uploadId: string): void {
  sendS3Error(ctx, 404, 'NoSuchUpload', 'The specified upload does not exist.', {
    UploadId: uploadId,
  });
}

async function findUpload(ctx: Ctx, bucket: string, key: string): Promise<UploadRecord | null> {
  const uploadId = oneParam(ctx.query.uploadId) ?? '';
  const upload = await readUpload(ctx.store, bucket, uploadId);
  if (!upload || upload.key !== key) {
    noSuchUpload(ctx, uploadId);
    return null;
  }
  return upload;
}

export async function listParts(ctx: Ctx, bucket: string, key: string): Promise<void> {
  const upload = await findUpload(ctx, bucket, key);
  if (!upload) return;
  const marker = intParam(ctx, 'part-number-marker', 0);
  const maxParts = intParam(ctx, 'max-parts', 1000);
  if (marker === undefined || maxParts === undefined) return;

  const names = await readdir(upload.dir);
  const done = new Set(names.filter((n) => n.endsWith('.md5')).map((n) => n.slice(0, -4)));
  // A part without its .md5 is still being written: S3 would not list it yet either.
  const numbers = names
    .filter((n) => /^\d+$/.test(n) && done.has(n))
    .map(Number)
    .filter((n) => n > marker)
    .sort((a, b) => a - b);
  const page = numbers.slice(0, Math.min(maxParts, 1000));
  const parts: XmlObject[] = [];
  for (const n of page) {
    const file = path.join(upload.dir, String(n));
    const [info, md5] = await Promise.all([stat(file), readFile(`${file}.md5`, 'utf8')]);
    parts.push({
      PartNumber: n,
      LastModified: info.mtime,
      ETag: `"${md5.trim()}"`,
      Size: info.size,
    });
  }
  const truncated = numbers.length > page.length;
  ctx.status = 200;
  ctx.type = 'application/xml';
  ctx.body = xmlDocument('ListPartsResult', {
    Bucket: bucket,
    Key: key,
    UploadId: upload.uploadId,
    Initiator: OWNER,
    Owner: OWNER,
    StorageClass: 'STANDARD',
    PartNumberMarker: marker,
    NextPartNumberMarker: page.length ? page[page.length - 1] : marker,
    MaxParts: maxParts,
    IsTruncated: truncated,
    Part: parts,
  });
}

export async function abortUpload(ctx: Ctx, bucket: string, key: string): Promise<void> {
  const upload = await findUpload(ctx, bucket, key);
  if (!upload) return;
  await rm(upload.dir, { recursive: true, force: true });
  ctx.status = 204;
  ctx.body = null;
}

async function allUploads(store: S3rver.FilesystemStore, bucket: string): Promise<UploadRecord[]> {
  let ids: string[];
  try {
    ids = await readdir(uploadsDir(store, bucket));
  } catch (e) {
    if (isMissing(e)) return [];
    throw e;
  }
  const found = await Promise.all(ids.map((id) => readUpload(store, bucket, id)));
  return found.filter((u): u is UploadRecord => u !== null);
}

export async function listMultipartUploads(ctx: Ctx, bucket: string): Promise<void> {
  const prefix = oneParam(ctx.query.prefix) ?? '';
  const delimiter = oneParam(ctx.query.delimiter) ?? '';
  const keyMarker = oneParam(ctx.query['key-marker']) ?? '';
  const uploadIdMarker = oneParam(ctx.query['upload-id-marker']) ?? '';
  const maxUploads = intParam(ctx, 'max-uploads', 1000);
  if (maxUploads === undefined) return;
  const limit = Math.min(maxUploads, 1000);

  // Ordered by key, then upload id: stable, so the markers page through without gaps.
  const uploads = (await allUploads(ctx.store, bucket))
    .filter((u) => u.key.startsWith(prefix))
    .filter((u) =>
      uploadIdMarker && keyMarker
        ? cmp(u.key, keyMarker) > 0 || (u.key === keyMarker && cmp(u.uploadId, uploadIdMarker) > 0)
        : cmp(u.key, keyMarker) > 0,
    )
    .sort((a, b) => (a.key === b.key ? cmp(a.uploadId, b.uploadId) : cmp(a.key, b.key)));

  const listed: XmlObject[] = [];
  const commonPrefixes: string[] = [];
  let last: UploadRecord | undefined;
  let truncated = false;
  for (const u of uploads) {
    const cut = delimiter ? u.key.indexOf(delimiter, prefix.length) : -1;
    const common = cut >= 0 ? u.key.slice(0, cut + delimiter.length) : undefined;
    if (common !== undefined && commonPrefixes.includes(common)) continue;
    if (listed.length + commonPrefixes.length >= limit) {
      truncated = true;
      break;
    }
    last = u;
    if (common !== undefined) {
      commonPrefixes.push(common);
      continue;
    }
    listed.push({
      Key: u.key,
      UploadId: u.uploadId,
      Initiator: OWNER,
      Owner: OWNER,
      StorageClass: 'STANDARD',
      Initiated: u.initiated,
    });
  }
  ctx.status = 200;
  ctx.type = 'application/xml';
  ctx.body = xmlDocument('ListMultipartUploadsResult', {
    Bucket: bucket,
    KeyMarker: keyMarker,
    UploadIdMarker: uploadIdMarker,
    NextKeyMarker: truncated && last ? last.key : undefined,
    NextUploadIdMarker: truncated && last ? last.uploadId : undefined,
    Prefix: prefix,
    Delimiter: delimiter || undefined,
    MaxUploads: limit,
    IsTruncated: truncated,
    Upload: listed,
    CommonPrefixes: commonPrefixes.map((p) => ({ Prefix: p })),
  });
}

/**
 * UploadPart and CompleteMultipartUpload on an upload that does not exist: s3rver would
 * recreate a stray folder of parts (or fail with a 500); S3 answers NoSuchUpload.
 * A part that lands while the upload is being aborted is cleaned up afterwards.
 */
export async function guardUpload(
  ctx: Ctx,
  bucket: string,
  key: string,
  next: () => Promise<void>,
): Promise<void> {
  const upload = await findUpload(ctx, bucket, key);
  if (!upload) return;
  let failure: unknown;
  try {
    await next();
  } catch (e) {
    failure = e;
  }
  if (ctx.method === 'PUT' && !(await readUpload(ctx.store, bucket, upload.uploadId))) {
    await rm(upload.dir, { recursive: true, force: true });
    noSuchUpload(ctx, upload.uploadId);
    return;
  }
  if (failure !== undefined) throw failure;
}
