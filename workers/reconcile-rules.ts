/**
 * The reconciler's decisions as data: what to do with a submission that is owed work or an edit
 * still queued, which objects are orphans, which multipart uploads are abandoned. No I/O here;
 * reconciler.ts and storage-sweep.ts read the facts and carry the decisions out.
 */

/** BullMQ states in which a job will still run (or is running): the work is not lost. */
const LIVE_JOB_STATES = new Set([
  'waiting',
  'waiting-children',
  'active',
  'delayed',
  'prioritized',
]);

export type OwedWorkAction = 'leave' | 'fail' | 'requeue';

/**
 * A submission in `uploaded`/`processing`, given the state of its flow's last job (`finalise`)
 * or `missing`: a live flow is left alone, a flow that failed for good fails the submission,
 * anything else (lost from Redis, completed without moving the row, unknown) is queued again.
 */
export function decideOwedWork(finaliseState: string): OwedWorkAction {
  if (LIVE_JOB_STATES.has(finaliseState)) return 'leave';
  if (finaliseState === 'failed') return 'fail';
  return 'requeue';
}

export type QueuedRedactionAction = 'leave' | 'fail' | 'requeue';

/**
 * A trim-and-blur edit still `queued` in PostgreSQL, given the state of its `redact` job (or
 * `missing`): a live job is left alone; a job lost from Redis is queued again; a job that
 * failed for good, or finished without moving the edit on, marks the edit failed so staff see
 * it and may ask again (running it again would most likely end the same way, every pass).
 */
export function decideQueuedRedaction(jobState: string): QueuedRedactionAction {
  if (LIVE_JOB_STATES.has(jobState)) return 'leave';
  if (jobState === 'failed' || jobState === 'completed') return 'fail';
  return 'requeue';
}

export type OwedFollowUpAction = 'leave' | 'requeue';

/**
 * A published version still owed the work of a job queued after publishing (its 360p, its
 * captions), given the state of that job (or `missing`): only a job Redis lost is queued again.
 * A live job will do the work; one that failed for good (or finished without it, as for a version
 * that went stale meanwhile) is left alone rather than run again every pass: the clip still plays
 * from its 720p, and staff can add captions by hand.
 */
export function decideOwedFollowUp(jobState: string): OwedFollowUpAction {
  return jobState === 'missing' ? 'requeue' : 'leave';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whose bytes an object holds, read from its key (see src/storage/keys.ts). */
export type KeyOwner =
  { kind: 'submission'; id: string } | { kind: 'playlist'; id: string } | { kind: 'unknown' };

/** The top-level prefixes whose objects belong to a row; nothing else is ever swept. */
export const OWNED_PREFIXES = ['originals/', 'media/', 'exports/'] as const;

/**
 * `originals/{id}/…` and `media/{id}/…` belong to a submission, `exports/{id}/…` to a
 * playlist. Only lower-case UUIDs count (keys.ts writes no other spelling); a key we did not
 * write is `unknown` and is left alone rather than guessed at.
 */
export function ownerOfKey(key: string): KeyOwner {
  const [top, id, rest] = key.split('/', 3);
  if (id === undefined || rest === undefined || rest === '' || !UUID.test(id)) {
    return { kind: 'unknown' };
  }
  if (top === 'originals' || top === 'media') return { kind: 'submission', id };
  if (top === 'exports') return { kind: 'playlist', id };
  return { kind: 'unknown' };
}

export interface StoredObject {
  key: string;
  lastModified: Date;
}

/**
 * Objects to delete: those whose owner row does not exist and which are older than the grace
 * period. The grace matters: a form upload completes its object before its row is written,
 * and a resumable upload writes its info object when the draft is new. `ownersKnown` says
 * whether a kind's table could be read at all (no playlists table yet: export objects stay).
 */
export function selectOrphans(
  objects: readonly StoredObject[],
  existing: { submissions: ReadonlySet<string>; playlists: ReadonlySet<string> },
  opts: { now: Date; graceMs: number; ownersKnown: { submission: boolean; playlist: boolean } },
): string[] {
  const cutoff = opts.now.getTime() - opts.graceMs;
  return objects.flatMap((o) => {
    if (o.lastModified.getTime() > cutoff) return [];
    const owner = ownerOfKey(o.key);
    if (owner.kind === 'unknown' || !opts.ownersKnown[owner.kind]) return [];
    const rows = owner.kind === 'submission' ? existing.submissions : existing.playlists;
    return rows.has(owner.id) ? [] : [o.key];
  });
}

/** The owner ids a page of objects refers to, for one existence query per kind. */
export function ownerIds(objects: readonly StoredObject[]): {
  submissions: string[];
  playlists: string[];
} {
  const submissions = new Set<string>();
  const playlists = new Set<string>();
  for (const o of objects) {
    const owner = ownerOfKey(o.key);
    if (owner.kind === 'submission') submissions.add(owner.id);
    if (owner.kind === 'playlist') playlists.add(owner.id);
  }
  return { submissions: [...submissions], playlists: [...playlists] };
}

export interface PendingMultipartUpload {
  key: string;
  uploadId: string;
  initiated?: Date;
}

/**
 * Multipart uploads begun longer ago than `olderThanMs`. One whose start time the server did
 * not say is kept: S3 always says, and guessing could cut off an upload in flight.
 */
export function selectAbandonedUploads<U extends PendingMultipartUpload>(
  uploads: readonly U[],
  opts: { now: Date; olderThanMs: number },
): U[] {
  const cutoff = opts.now.getTime() - opts.olderThanMs;
  return uploads.filter((u) => u.initiated !== undefined && u.initiated.getTime() <= cutoff);
}

/**
 * How old a multipart upload must be before it is aborted: never younger than the resumable
 * expiry, because a tus upload is one multipart upload that a contributor may resume until then.
 */
export function multipartAbortAgeMs(h: {
  multipartAbortHours: number;
  resumableExpiryHours: number;
}): number {
  return Math.max(h.multipartAbortHours, h.resumableExpiryHours) * 3600 * 1000;
}
