import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type S3rver from 's3rver';
import { compareKeys, intParam, oneParam, sendS3Error } from './s3rver-http';
import { xmlDocument, type XmlObject } from './s3-xml';

/**
 * ListObjectsV2 for s3rver 3.7.1. Its own version cannot page: the continuation token is
 * DES-encrypted, which Node 20's OpenSSL 3 refuses, so a listing past 1000 keys fails with a
 * 500. Its walk also visits keys in folder order, not key order, which can skip keys between
 * pages. This one lists the keys under the prefix, sorts them as S3 does, and pages with a
 * plain token.
 */

type Ctx = S3rver.Context;

const OBJECT_SUFFIX = '._S3rver_object';
const TOKEN_PREFIX = 'compat1:';

export const encodeToken = (after: string) =>
  Buffer.from(TOKEN_PREFIX + after, 'utf8').toString('base64url');

export function decodeToken(token: string): string | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  return text.startsWith(TOKEN_PREFIX) ? text.slice(TOKEN_PREFIX.length) : undefined;
}

/** Every key under `prefix`, unsorted, found from the folder the prefix points into. */
async function keysUnder(bucketPath: string, prefix: string): Promise<string[]> {
  const slash = prefix.lastIndexOf('/');
  const startDir = path.join(bucketPath, slash >= 0 ? prefix.slice(0, slash) : '');
  const keys: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if ((e as { code?: unknown }).code === 'ENOENT') return;
      throw e;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // The uploads folder holds parts, not objects.
        if (!entry.name.endsWith('._S3rver_uploads')) await walk(full);
      } else if (entry.name.endsWith(OBJECT_SUFFIX)) {
        const key = path.relative(bucketPath, full).split(path.sep).join('/');
        const trimmed = key.slice(0, -OBJECT_SUFFIX.length);
        if (trimmed.startsWith(prefix)) keys.push(trimmed);
      }
    }
  };
  await walk(startDir);
  return keys;
}

export async function listObjectsV2(ctx: Ctx, bucket: string): Promise<void> {
  const prefix = oneParam(ctx.query.prefix) ?? '';
  const delimiter = oneParam(ctx.query.delimiter) ?? '';
  const token = oneParam(ctx.query['continuation-token']);
  const startAfter = oneParam(ctx.query['start-after']) ?? '';
  const maxKeys = intParam(ctx, 'max-keys', 1000);
  if (maxKeys === undefined) return;
  const limit = Math.min(maxKeys, 1000);
  const after = token === undefined ? startAfter : decodeToken(token);
  if (after === undefined) {
    sendS3Error(ctx, 400, 'InvalidArgument', 'The continuation token provided is incorrect', {
      ArgumentName: 'continuation-token',
    });
    return;
  }

  const keys = (await keysUnder(ctx.store.getBucketPath(bucket), prefix)).sort(compareKeys);
  const contents: XmlObject[] = [];
  const commonPrefixes: string[] = [];
  let last = '';
  let truncated = false;
  for (const key of keys) {
    if (compareKeys(key, after) <= 0) continue;
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const common = cut >= 0 ? key.slice(0, cut + delimiter.length) : undefined;
    // A token that names a common prefix resumes after everything beneath it.
    if (common !== undefined && (common === last || common === after)) continue;
    if (contents.length + commonPrefixes.length >= limit) {
      truncated = limit > 0; // max-keys=0 asks for nothing, and a token then would loop
      break;
    }
    if (common !== undefined) {
      commonPrefixes.push(common);
      last = common;
      continue;
    }
    let meta: Record<string, string | number>;
    try {
      meta = await ctx.store.getMetadata(bucket, key);
    } catch (e) {
      if ((e as { code?: unknown }).code === 'ENOENT') continue; // deleted while listing
      throw e;
    }
    contents.push({
      Key: key,
      LastModified: new Date(String(meta['last-modified'])),
      ETag: String(meta.etag),
      Size: Number(meta['content-length']),
      StorageClass: 'STANDARD',
    });
    last = key;
  }

  ctx.status = 200;
  ctx.type = 'application/xml';
  ctx.body = xmlDocument('ListBucketResult', {
    Name: bucket,
    Prefix: prefix,
    Delimiter: delimiter || undefined,
    MaxKeys: maxKeys,
    KeyCount: contents.length + commonPrefixes.length,
    IsTruncated: truncated,
    ContinuationToken: token,
    NextContinuationToken: truncated ? encodeToken(last) : undefined,
    StartAfter: token === undefined && startAfter ? startAfter : undefined,
    Contents: contents,
    CommonPrefixes: commonPrefixes.map((p) => ({ Prefix: p })),
  });
}
