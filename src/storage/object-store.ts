import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { AppError } from '../domain/errors';
import { isNoSuchUpload, isNotFound, isUnreachable, s3ErrorName, toAppError } from './s3-errors';
import { uploadStream, type PutStreamOptions } from './streamed-upload';

export type { PutStreamOptions } from './streamed-upload';

export interface ObjectStoreOptions {
  partSizeBytes: number;
  signedUrlSeconds: number;
  /** putFile sends files up to this size in one PutObject (default SINGLE_PUT_MAX_BYTES). */
  singlePutMaxBytes?: number;
}

/**
 * A rendition, poster or export up to this size goes up in one PutObject: one request instead of
 * a multipart upload's create, parts and complete, and no second write of the whole file on
 * servers that assemble parts by copying them (s3rver does). It is read into memory first so the
 * SDK can retry it; larger files stream in parts and never sit in memory whole.
 */
export const SINGLE_PUT_MAX_BYTES = 64 * 1024 * 1024;

export interface ObjectStream {
  body: Readable;
  /** Bytes in this response (the range's length for a ranged get). */
  contentLength: number;
  /** Bytes in the whole object. */
  totalBytes: number;
  /** Set when S3 answered a range: `bytes a-b/total`. */
  contentRange?: string;
  contentType: string;
  etag?: string;
}

export interface ObjectHead {
  bytes: number;
  contentType: string;
  etag: string | undefined;
}

export interface ListedObject {
  key: string;
  bytes: number;
  lastModified: Date;
}

export interface MultipartUploadInfo {
  key: string;
  uploadId: string;
  initiated?: Date;
}

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** The one module the rest of the program uses to read and write objects. */
export class ObjectStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    private readonly opts: ObjectStoreOptions,
  ) {}

  /** Creates the bucket if it is missing. Never sets ACLs or policies: the bucket stays private. */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (e) {
      if (!isNotFound(e) && s3ErrorName(e) !== 'NoSuchBucket') throw toAppError(e);
    }
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    } catch (e) {
      const name = s3ErrorName(e);
      if (name === 'BucketAlreadyOwnedByYou') return; // another process won the race
      if (name !== 'IllegalLocationConstraintException') throw toAppError(e);
      // AWS outside us-east-1 wants the region named; MinIO and s3rver do not.
      const region = await this.client.config.region();
      await this.client.send(
        new CreateBucketCommand({
          Bucket: this.bucket,
          CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint },
        }),
      );
    }
  }

  /** For readiness checks: throws dependency_down unless the bucket answers within timeoutMs. */
  async ping(timeoutMs = 5_000): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), {
        abortSignal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const reason = isUnreachable(e) ? 'no answer' : (s3ErrorName(e) ?? 'error');
      throw new AppError('dependency_down', `Object storage is not ready (${reason})`);
    }
  }

  /**
   * Streams `body` into `key` (see uploadStream): never buffers more than a few parts, and on
   * abort, a body error or an early end leaves no object and no multipart upload behind.
   */
  putStream(key: string, body: Readable, options: PutStreamOptions): Promise<{ bytes: number }> {
    const target = {
      client: this.client,
      bucket: this.bucket,
      key,
      partSizeBytes: this.opts.partSizeBytes,
      abortMultipartUpload: (k: string, id: string) => this.abortMultipartUpload(k, id),
      deleteKey: (k: string) => this.deleteKey(k),
    };
    return uploadStream(target, body, options);
  }

  async putFile(key: string, filePath: string, contentType: string): Promise<{ bytes: number }> {
    // A missing file is the caller's error, not an aborted upload: stat throws ENOENT first.
    const { size } = await stat(filePath);
    if (size > (this.opts.singlePutMaxBytes ?? SINGLE_PUT_MAX_BYTES)) {
      return this.putStream(key, createReadStream(filePath), { contentType });
    }
    const body = await readFile(filePath);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentLength: body.length,
          ContentType: contentType,
        }),
      );
    } catch (e) {
      throw toAppError(e);
    }
    return { bytes: body.length };
  }

  /** Reads an object or an inclusive byte range of it. */
  async getStream(key: string, range?: { start: number; end?: number }): Promise<ObjectStream> {
    if (range && (range.start < 0 || (range.end !== undefined && range.end < range.start))) {
      throw new AppError('range_not_satisfiable', 'The requested range is not satisfiable');
    }
    const Range = range ? `bytes=${range.start}-${range.end ?? ''}` : undefined;
    let out;
    try {
      out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range }));
    } catch (e) {
      throw toAppError(e);
    }
    if (!(out.Body instanceof Readable)) {
      throw new Error('Expected a Node stream from GetObject');
    }
    const contentLength = out.ContentLength ?? 0;
    const total = out.ContentRange ? /\/(\d+)$/.exec(out.ContentRange)?.[1] : undefined;
    return {
      body: out.Body,
      contentLength,
      totalBytes: total !== undefined ? Number(total) : contentLength,
      ...(out.ContentRange ? { contentRange: out.ContentRange } : {}),
      contentType: out.ContentType ?? DEFAULT_CONTENT_TYPE,
      ...(out.ETag ? { etag: out.ETag } : {}),
    };
  }

  async head(key: string): Promise<ObjectHead | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        bytes: out.ContentLength ?? 0,
        contentType: out.ContentType ?? DEFAULT_CONTENT_TYPE,
        etag: out.ETag,
      };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw toAppError(e);
    }
  }

  /** Streams an object to a local file (for ffmpeg); a partial file is removed on failure. */
  async downloadToFile(
    key: string,
    filePath: string,
    signal?: AbortSignal,
  ): Promise<{ bytes: number }> {
    const { body, contentLength } = await this.getStream(key);
    try {
      await pipeline(body, createWriteStream(filePath), signal ? { signal } : {});
    } catch (e) {
      body.destroy();
      await rm(filePath, { force: true });
      throw signal?.aborted ? e : toAppError(e);
    }
    return { bytes: contentLength };
  }

  async list(prefix: string): Promise<ListedObject[]> {
    const found: ListedObject[] = [];
    try {
      const pages = paginateListObjectsV2(
        { client: this.client },
        { Bucket: this.bucket, Prefix: prefix },
      );
      for await (const page of pages) {
        for (const o of page.Contents ?? []) {
          if (o.Key === undefined) continue;
          found.push({
            key: o.Key,
            bytes: o.Size ?? 0,
            lastModified: o.LastModified ?? new Date(0),
          });
        }
      }
    } catch (e) {
      throw toAppError(e);
    }
    return found;
  }

  /** The objects under `prefix` a page (up to 1000) at a time, for sweeps of a large bucket. */
  async *listPages(prefix: string): AsyncGenerator<ListedObject[]> {
    try {
      const pages = paginateListObjectsV2(
        { client: this.client, pageSize: 1000 },
        { Bucket: this.bucket, Prefix: prefix },
      );
      for await (const page of pages) {
        yield (page.Contents ?? []).flatMap((o) =>
          o.Key === undefined
            ? []
            : [{ key: o.Key, bytes: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) }],
        );
      }
    } catch (e) {
      throw toAppError(e);
    }
  }

  /** Deletes the given keys (up to 1000 per request); keys already gone count as deleted. */
  async deleteKeys(keys: readonly string[]): Promise<void> {
    try {
      for (let i = 0; i < keys.length; i += 1000) {
        const Objects = keys.slice(i, i + 1000).map((Key) => ({ Key }));
        const out = await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects, Quiet: true } }),
        );
        if (out.Errors?.length) {
          throw new Error(`S3 refused to delete ${out.Errors.length} objects`);
        }
      }
    } catch (e) {
      throw toAppError(e);
    }
  }

  async deleteKey(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (e) {
      if (!isNotFound(e)) throw toAppError(e);
    }
  }

  /**
   * Deletes every object under `prefix` and aborts unfinished multipart uploads there.
   * Returns how many objects were deleted. The prefix must end with `/`, so `media/ab` can
   * never take `media/abc/` with it; `''` (the whole bucket) is allowed for tests and tools.
   */
  async deletePrefix(prefix: string): Promise<number> {
    if (prefix !== '' && !prefix.endsWith('/')) {
      throw new AppError('bad_request', 'A delete prefix must be a folder ending in /');
    }
    // Uploads first, so none can complete into the prefix after its objects are gone.
    for (const u of await this.listMultipartUploads(prefix)) {
      await this.abortMultipartUpload(u.key, u.uploadId);
    }
    let deleted = 0;
    try {
      const pages = paginateListObjectsV2(
        { client: this.client, pageSize: 1000 },
        { Bucket: this.bucket, Prefix: prefix },
      );
      for await (const page of pages) {
        const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
        if (keys.length === 0) continue;
        const out = await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }),
        );
        if (out.Errors?.length) {
          throw new Error(`S3 refused to delete ${out.Errors.length} objects under a prefix`);
        }
        deleted += keys.length;
      }
    } catch (e) {
      throw toAppError(e);
    }
    return deleted;
  }

  /** A short-lived URL a browser can GET without credentials. */
  async presignGet(
    key: string,
    options: { seconds?: number; contentDisposition?: string; contentType?: string } = {},
  ): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: options.contentDisposition,
      ResponseContentType: options.contentType,
    });
    const seconds = Math.min(Math.max(1, options.seconds ?? this.opts.signedUrlSeconds), 604_800);
    return getSignedUrl(this.client, command, { expiresIn: Math.round(seconds) });
  }

  async listMultipartUploads(prefix?: string): Promise<MultipartUploadInfo[]> {
    const uploads: MultipartUploadInfo[] = [];
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    try {
      for (;;) {
        const out = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            Prefix: prefix,
            KeyMarker,
            UploadIdMarker,
          }),
        );
        for (const u of out.Uploads ?? []) {
          if (!u.Key || !u.UploadId) continue;
          uploads.push({
            key: u.Key,
            uploadId: u.UploadId,
            ...(u.Initiated ? { initiated: u.Initiated } : {}),
          });
        }
        if (!out.IsTruncated) break;
        KeyMarker = out.NextKeyMarker;
        UploadIdMarker = out.NextUploadIdMarker;
        if (!KeyMarker && !UploadIdMarker) break; // a truncated answer with no marker would loop forever
      }
    } catch (e) {
      throw toAppError(e);
    }
    return uploads;
  }

  /** Idempotent: an upload that is already gone counts as aborted. */
  async abortMultipartUpload(key: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
      );
    } catch (e) {
      if (!isNoSuchUpload(e)) throw toAppError(e);
    }
  }
}
