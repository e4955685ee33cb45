import { sql, type Kysely } from 'kysely';
import type { RedactionSpec } from '../domain/redaction';
import type { Database } from './schema';

/** Queries for the redactions table (migrations/0007_redactions.ts): trim-and-blur edits. */

export type RedactionStatus = 'queued' | 'done' | 'failed' | 'superseded';

export interface NewRedaction {
  submissionId: string;
  fromVersion: number;
  spec: RedactionSpec;
  requestedBy: string;
}

/**
 * Inserts a queued edit, or returns undefined when another edit of the submission is still
 * queued (the partial unique index decides, so two moderators racing cannot both win).
 */
export async function insertRedaction(db: Kysely<Database>, r: NewRedaction) {
  return db
    .insertInto('redactions')
    .values({
      submission_id: r.submissionId,
      from_version: r.fromVersion,
      to_version: r.fromVersion + 1,
      spec: JSON.stringify(r.spec),
      requested_by: r.requestedBy,
      failure_detail: null,
    })
    .onConflict((oc) => oc.column('submission_id').where('status', '=', 'queued').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function getRedaction(db: Kysely<Database>, id: string) {
  return db.selectFrom('redactions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The edit of a submission still waiting to be made, if any. */
export async function openRedaction(db: Kysely<Database>, submissionId: string) {
  return db
    .selectFrom('redactions')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
}

/**
 * Edits still queued that were asked for longer ago than `olderThanSeconds`, with their
 * submission's campaign: the reconciler checks each has a live `redact` job (Redis may have lost
 * it). Young rows are left out, since the API commits the row before it enqueues the job.
 */
export async function listQueuedRedactions(db: Kysely<Database>, olderThanSeconds: number) {
  return db
    .selectFrom('redactions as r')
    .innerJoin('submissions as s', 's.id', 'r.submission_id')
    .select(['r.id', 'r.submission_id', 'r.from_version', 's.campaign_id'])
    .where('r.status', '=', 'queued')
    .where('r.created_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .orderBy('r.created_at')
    .limit(500)
    .execute();
}

/** Moves a queued edit on; returns false when it had already moved (a retry, a race). */
export async function finishRedaction(
  db: Kysely<Database>,
  id: string,
  status: Exclude<RedactionStatus, 'queued'>,
  failureDetail: string | null = null,
): Promise<boolean> {
  const r = await db
    .updateTable('redactions')
    .set({ status, failure_detail: failureDetail, updated_at: sql<Date>`now()` as unknown as Date })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The newest edits of a submission, for the review page. */
export async function listRedactions(db: Kysely<Database>, submissionId: string, limit = 10) {
  return db
    .selectFrom('redactions')
    .select(['id', 'from_version', 'to_version', 'status', 'created_at', 'original_removed_at'])
    .where('submission_id', '=', submissionId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Versions whose unredacted original is still stored: staff may open them until approval. */
export async function keptRedactedVersions(db: Kysely<Database>, submissionId: string) {
  const rows = await db
    .selectFrom('redactions')
    .select('from_version')
    .distinct()
    .where('submission_id', '=', submissionId)
    .where('status', '=', 'done')
    .where('original_removed_at', 'is', null)
    .orderBy('from_version')
    .execute();
  return rows.map((r) => r.from_version);
}

/** Records that the unredacted originals of these versions are gone. */
export async function markOriginalsRemoved(
  db: Kysely<Database>,
  submissionId: string,
  versions: number[],
) {
  if (versions.length === 0) return;
  await db
    .updateTable('redactions')
    .set({ original_removed_at: sql<Date>`now()` as unknown as Date })
    .where('submission_id', '=', submissionId)
    .where('from_version', 'in', versions)
    .where('original_removed_at', 'is', null)
    .execute();
}

/** The stored spec, as written by insertRedaction. */
export const specOf = (row: { spec: unknown }): RedactionSpec => row.spec as RedactionSpec;
