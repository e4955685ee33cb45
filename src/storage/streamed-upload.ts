import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { AppError, isAppError } from '../domain/errors';
import { toAppError } from './s3-errors';

export interface PutStreamOptions {
  contentType: string;
  /** Abort the upload: nothing is left in the bucket and upload_aborted is thrown. */
  signal?: AbortSignal;
  /** Fail with too_large (and leave nothing) once more than this many bytes have passed. */
  maxBytes?: number;
}

export interface UploadTarget {
  client: S3Client;
  bucket: string;
  key: string;
  partSizeBytes: number;
  /** Idempotent clean-up, used when lib-storage's own may not have happened. */
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
  deleteKey(key: string): Promise<void>;
}

export const uploadAborted = () => new AppError('upload_aborted', 'The upload was aborted');

// How a source stream reports that the other end went away (a client disconnecting).
const ABORT_CODES = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'ECONNABORTED']);
// Large enough to keep a part upload busy while the next is read, small enough that a
// handful of concurrent uploads stay within memory (queueSize x partSize each).
export const UPLOAD_QUEUE_SIZE = 4;

/**
 * Streams `body` to S3 with lib-storage: a multipart upload, or a single PUT when it fits in
 * one part. At most about UPLOAD_QUEUE_SIZE parts are held in memory. On abort, a body error or an
 * early end, the multipart upload is aborted so no object and no parts are left behind.
 */
export async function uploadStream(
  target: UploadTarget,
  body: Readable,
  options: PutStreamOptions,
): Promise<{ bytes: number }> {
  const { signal, maxBytes } = options;
  if (signal?.aborted) {
    body.destroy();
    throw uploadAborted();
  }
  let bytes = 0;
  let streamError: unknown;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (maxBytes !== undefined && bytes > maxBytes) {
        done(new AppError('too_large', 'The upload is larger than allowed', { maxBytes }));
      } else {
        done(null, chunk);
      }
    },
  });
  // Registered before the uploader reads, so we learn first why the stream failed: the body's
  // own error (e.g. a limit it enforces) comes before pipeline's generic AbortError on counter.
  body.on('error', (e) => (streamError ??= e));
  counter.on('error', (e) => (streamError ??= e));
  const onAbort = () => counter.destroy(uploadAborted());
  signal?.addEventListener('abort', onAbort, { once: true });
  // A body that errors or closes before its end destroys `counter`, failing the upload; the
  // failure reaches us through lib-storage, so this promise's own rejection is not needed.
  pipeline(body, counter).catch(() => undefined);

  const upload = new Upload({
    client: target.client,
    params: {
      Bucket: target.bucket,
      Key: target.key,
      Body: counter,
      ContentType: options.contentType,
    },
    partSize: target.partSizeBytes,
    queueSize: UPLOAD_QUEUE_SIZE,
    leavePartsOnError: false,
  });
  try {
    await upload.done();
  } catch (e) {
    body.destroy();
    counter.destroy();
    if (upload.uploadId) {
      // lib-storage has tried this already; repeating it covers a failed first attempt, and
      // if this fails too the original error is the one worth reporting.
      await target.abortMultipartUpload(target.key, upload.uploadId).catch(() => undefined);
    }
    throw uploadFailure(e, streamError, signal);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) {
    // Aborted while the last request was in flight: honour the abort.
    await target.deleteKey(target.key);
    throw uploadAborted();
  }
  return { bytes };
}

function uploadFailure(e: unknown, streamError: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return uploadAborted();
  if (streamError === undefined) return toAppError(e);
  if (isAppError(streamError)) return streamError;
  const code = (streamError as { code?: unknown }).code;
  const message = (streamError as { message?: unknown }).message;
  if ((typeof code === 'string' && ABORT_CODES.has(code)) || message === 'aborted') {
    return uploadAborted();
  }
  return streamError;
}
