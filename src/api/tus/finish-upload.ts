import FileType from 'file-type';
import { originalKey } from '../../storage/keys';
import type { ApiDeps } from '../deps';
import { completeResumableUpload } from '../submission-service';
import { SNIFF_BYTES } from './tus-store';

type Deps = Pick<ApiDeps, 'db' | 'store' | 'queues' | 'logger'>;

/** The upload id (object key) of a draft's resumable upload: a draft is always version 1. */
export const uploadKeyFor = (submissionId: string): string => originalKey(submissionId, 1);

/** The submission id in an upload id `originals/{id}/1`, or undefined for any other key. */
export function submissionIdOf(uploadId: string): string | undefined {
  const m = /^originals\/([0-9a-f-]{36})\/1$/.exec(uploadId);
  return m?.[1];
}

async function sniffStored(deps: Pick<Deps, 'store'>, key: string): Promise<string | undefined> {
  const { body } = await deps.store.getStream(key, { start: 0, end: SNIFF_BYTES - 1 });
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return (await FileType.fromBuffer(Buffer.concat(chunks)))?.mime;
}

/**
 * When a draft's object is complete in S3 (S3 creates the key only on
 * CompleteMultipartUpload), records it and queues processing; false when it is not there yet.
 * Idempotent: the tus finish hook, a later HEAD and the expiry sweep all come through here, so
 * a completion whose database step failed is picked up by whichever comes next.
 */
export async function finishStoredUpload(deps: Deps, submissionId: string): Promise<boolean> {
  const key = uploadKeyFor(submissionId);
  const head = await deps.store.head(key);
  if (!head) return false;
  // The first bytes were checked before any part was stored; sniff again for the stored type.
  const contentType = (await sniffStored(deps, key)) ?? 'application/octet-stream';
  await completeResumableUpload(deps, submissionId, { bytes: head.bytes, contentType });
  return true;
}
