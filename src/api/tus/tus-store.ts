import type { Readable } from 'node:stream';
import FileType from 'file-type';
import type { Config } from '../../config';
import { AppError } from '../../domain/errors';
import { peekAndLimit } from '../stream-head';
import { isAcceptedMediaType } from '../upload-intake';
import { tusModules, type S3Store } from './tus-modules';

/** Enough bytes for file-type to recognise every container a phone or browser makes. */
export const SNIFF_BYTES = 4100;

/**
 * The S3 part size of resumable uploads, fixed rather than S3_PART_SIZE_MB: the upload page
 * sends PATCHes of whole parts (TUS_CHUNK_BYTES in static/js/upload.js, checked equal by
 * tus-chunking.test.ts), so no PATCH leaves an incomplete part to store, fetch and delete.
 */
export const TUS_PART_BYTES = 5 * 1024 * 1024;

/**
 * Where S3 is. Mirrors resolveEndpoints: without S3_ENDPOINT, `npm start` runs (or finds) the
 * embedded server on EMBEDDED_S3_PORT; the production split requires S3_ENDPOINT to be set.
 */
export function tusS3Endpoint(s3: Config['s3']): string {
  return s3.endpoint ?? `http://127.0.0.1:${s3.embeddedPort}`;
}

/**
 * The tus data store: @tus/s3-store on our bucket, with the same client settings as
 * createS3Client (see DESIGN.md "Known pitfalls" on aws-chunked bodies), and a first-bytes
 * check: the first write of an upload is sniffed and anything but video or audio is refused
 * with 415 and the upload removed, before a part reaches S3.
 */
export function createTusStore(config: Config, expiryMs: number): S3Store {
  const { S3Store: Base } = tusModules().s3Store;

  class SniffingS3Store extends Base {
    override async write(src: Readable, id: string, offset: number): Promise<number> {
      if (offset !== 0) return super.write(src, id, offset);
      // A first chunk shorter than SNIFF_BYTES is sniffed as it is: file-type needs only a
      // few dozen bytes for the containers phones make.
      const { head, body } = await peekAndLimit(src, SNIFF_BYTES, Number.MAX_SAFE_INTEGER);
      if (head.length === 0) return super.write(body, id, offset);
      const type = await FileType.fromBuffer(head);
      if (!isAcceptedMediaType(type?.mime)) {
        await this.remove(id).catch(() => undefined);
        throw new AppError('unsupported_type', 'This file is not a video or audio file.');
      }
      return super.write(body, id, offset);
    }
  }

  return new SniffingS3Store({
    partSize: TUS_PART_BYTES,
    expirationPeriodInMilliseconds: expiryMs,
    // Expiry tags are for bucket lifecycle rules; the embedded server keeps none, and
    // deleteExpired (our sweep) works from ListMultipartUploads without them.
    useTags: false,
    s3ClientConfig: {
      bucket: config.s3.bucket,
      endpoint: tusS3Endpoint(config.s3),
      region: config.s3.region,
      forcePathStyle: config.s3.forcePathStyle,
      credentials: {
        accessKeyId: config.s3.accessKeyId,
        secretAccessKey: config.s3.secretAccessKey,
      },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    },
  });
}

export function resumableExpiryMs(config: Config): number {
  return config.uploads.resumableExpiryHours * 3600 * 1000;
}
