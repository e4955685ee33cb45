import FileType from 'file-type';
import { originalKey } from '../../storage/keys';
import type { ApiDeps } from '../deps';
import { getSubmission } from '../../db/submissions.queries';
import { completeResumableUpload, recordMediaVersion } from '../submission-service';
import { SNIFF_BYTES } from './tus-store';

type Deps = Pick<ApiDeps, 'db' | 'store' | 'queues' | 'logger'>;

/**
 * The upload id (object key) of a resumable upload: a draft's is version 1; a new version of a
 * sent video (from the receipt) is the next one, originals/{id}/{n}.
 */
export const uploadKeyFor = (submissionId: string, version = 1): string =>
  originalKey(submissionId, version);

/** The submission and version in an upload id `originals/{id}/{n}`, or undefined. */
export function uploadOf(uploadId: string): { submissionId: string; version: number } | undefined {
  const m = /^originals\/([0-9a-f-]{36})\/([1-9][0-9]{0,5})$/.exec(uploadId);
  return m?.[1] && m[2] ? { submissionId: m[1], version: Number(m[2]) } : undefined;
}

/** The submission id in a draft's upload id `originals/{id}/1`, or undefined for any other. */
export function submissionIdOf(uploadId: string): string | undefined {
  const u = uploadOf(uploadId);
  return u?.version === 1 ? u.submissionId : undefined;
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

/**
 * As finishStoredUpload, for a new version sent over tus: when originals/{id}/{n} is complete,
 * records it as the submission's version n and queues its processing. True once recorded (now
 * or before); false while the object is not there, or when the video moved on meanwhile.
 */
export async function finishStoredVersion(
  deps: Deps,
  submissionId: string,
  version: number,
): Promise<boolean> {
  const now = await getSubmission(deps.db, submissionId);
  if (!now || now.media_version > version) return false;
  if (now.media_version === version) {
    // Recorded before; processing may not have been queued if Redis failed (job ids repeat).
    await deps.queues.enqueueProcessing(submissionId, version).catch(() => undefined);
    return true;
  }
  const key = uploadKeyFor(submissionId, version);
  const head = await deps.store.head(key);
  if (!head) return false;
  const contentType = (await sniffStored(deps, key)) ?? 'application/octet-stream';
  const moved = await recordMediaVersion(
    deps,
    submissionId,
    version,
    { bytes: head.bytes, contentType },
    { type: 'contributor' },
  );
  if (!moved) return false;
  try {
    await deps.queues.enqueueProcessing(submissionId, version);
  } catch (err) {
    // The row is safe in `uploaded`; the reconciler queues it once Redis answers again.
    deps.logger.error({ err, submissionId }, 'enqueue failed; left for the reconciler');
  }
  return true;
}
