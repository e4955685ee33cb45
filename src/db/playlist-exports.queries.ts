import { sql, type Kysely } from 'kysely';
import type { ExportStatus } from '../domain/playlist-rules';
import { insertChange } from './playlist-changes.queries';
import type { Database } from './schema';

/** Playlist exports: one row per rendered file (exports/{playlistId}/{exportId}.mp4). */

type Db = Kysely<Database>;
const now = () => sql<Date>`now()` as unknown as Date;

export async function insertExport(
  db: Db,
  e: { playlistId: string; lang: 'en' | 'cy'; height: 720 | 1080; createdBy: string },
) {
  return db
    .insertInto('playlist_exports')
    .values({
      playlist_id: e.playlistId,
      lang: e.lang,
      height: e.height,
      status: 'queued',
      created_by: e.createdBy,
    })
    .returning(['id', 'status', 'progress', 'created_at'])
    .executeTakeFirstOrThrow();
}

const exportColumns = [
  'id',
  'playlist_id',
  'lang',
  'height',
  'status',
  'progress',
  'submission_ids',
  'failure_reason',
  'bytes',
  'duration_seconds',
  'created_at',
  'updated_at',
] as const;

export async function getExport(db: Db, playlistId: string, exportId: string) {
  return db
    .selectFrom('playlist_exports')
    .select(exportColumns)
    .where('playlist_id', '=', playlistId)
    .where('id', '=', exportId)
    .executeTakeFirst();
}

export type ExportRow = NonNullable<Awaited<ReturnType<typeof getExport>>>;

export async function listExports(db: Db, playlistId: string) {
  return db
    .selectFrom('playlist_exports')
    .select(exportColumns)
    .where('playlist_id', '=', playlistId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}

/**
 * Moves an export along, but only from a state it may leave: a `deleted` export (a clip in it
 * was withdrawn meanwhile) is never brought back by a worker that was still rendering it.
 */
export async function updateExport(
  db: Db,
  id: string,
  from: readonly ExportStatus[],
  patch: {
    status?: ExportStatus;
    progress?: number;
    submissionIds?: string[];
    failureReason?: string | null;
    bytes?: number;
    durationSeconds?: number;
  },
) {
  return db
    .updateTable('playlist_exports')
    .set({
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
      ...(patch.submissionIds ? { submission_ids: patch.submissionIds } : {}),
      ...(patch.failureReason !== undefined ? { failure_reason: patch.failureReason } : {}),
      ...(patch.bytes !== undefined ? { bytes: patch.bytes } : {}),
      ...(patch.durationSeconds !== undefined ? { duration_seconds: patch.durationSeconds } : {}),
      updated_at: now(),
    })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .returning(['id', 'playlist_id', 'status'])
    .executeTakeFirst();
}

/** Marks every export holding the submission `deleted`; returns them so their files go too. */
export async function markExportsDeleted(trx: Db, submissionId: string) {
  const rows = await trx
    .updateTable('playlist_exports')
    .set({ status: 'deleted', failure_reason: 'withdrawn', progress: 0, updated_at: now() })
    .where(sql<boolean>`submission_ids @> ARRAY[${submissionId}]::uuid[]`)
    .where('status', '!=', 'deleted')
    .returning(['id', 'playlist_id'])
    .execute();
  for (const r of rows) {
    await insertChange(trx, {
      playlistId: r.playlist_id,
      kind: 'export_deleted',
      reason: 'withdrawn',
      submissionId,
      exportId: r.id,
    });
  }
  return rows;
}

/** Exports already marked deleted for a submission: what a purge sweep removes again. */
export async function deletedExportsOf(db: Db, submissionId: string) {
  return db
    .selectFrom('playlist_exports')
    .select(['id', 'playlist_id'])
    .where(sql<boolean>`submission_ids @> ARRAY[${submissionId}]::uuid[]`)
    .where('status', '=', 'deleted')
    .execute();
}
