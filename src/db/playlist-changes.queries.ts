import type { Kysely } from 'kysely';
import type { ChangeKind, ChangeReason } from '../domain/playlist-rules';
import { itemOrder, touchPlaylist, writeOrder } from './playlists.queries';
import type { Database } from './schema';

/**
 * Playlist change events: what changed without the facilitator doing it, and why (a clip
 * withdrawn, rejected, re-versioned or approved again; an export deleted).
 */

type Db = Kysely<Database>;

export async function insertChange(
  db: Db,
  c: {
    playlistId: string;
    kind: ChangeKind;
    reason: ChangeReason;
    submissionId?: string | null;
    exportId?: string | null;
    position?: number | null;
  },
) {
  await db
    .insertInto('playlist_changes')
    .values({
      playlist_id: c.playlistId,
      kind: c.kind,
      reason: c.reason,
      submission_id: c.submissionId ?? null,
      export_id: c.exportId ?? null,
      position: c.position ?? null,
    })
    .execute();
}

export async function listChanges(db: Db, playlistId: string, limit = 50) {
  return db
    .selectFrom('playlist_changes')
    .selectAll()
    .where('playlist_id', '=', playlistId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// --- automatic changes (withdrawal, rejection, new version, re-approval) ---------------------

/** The playlists holding a submission, locked in id order (the same order every caller uses). */
async function lockPlaylistsHolding(trx: Db, submissionId: string) {
  return trx
    .selectFrom('playlists')
    .select(['id', 'campaign_id'])
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('playlist_items')
        .select('playlist_id')
        .where('submission_id', '=', submissionId),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * Takes a submission out of every playlist (withdrawn or rejected), closing the gaps, and
 * records a change event per playlist. Call inside the transaction that changed the submission.
 */
export async function removeSubmissionFromPlaylists(
  trx: Db,
  submissionId: string,
  reason: ChangeReason,
) {
  const playlists = await lockPlaylistsHolding(trx, submissionId);
  const affected: Array<{ playlistId: string; campaignId: string; position: number }> = [];
  for (const p of playlists) {
    const removed = await trx
      .deleteFrom('playlist_items')
      .where('playlist_id', '=', p.id)
      .where('submission_id', '=', submissionId)
      .returning('position')
      .executeTakeFirst();
    if (!removed) continue;
    const rest = await itemOrder(trx, p.id);
    await writeOrder(
      trx,
      rest,
      rest.map((r) => r.id),
    );
    await insertChange(trx, {
      playlistId: p.id,
      kind: 'item_removed',
      reason,
      submissionId,
      position: removed.position,
    });
    await touchPlaylist(trx, p.id);
    affected.push({ playlistId: p.id, campaignId: p.campaign_id, position: removed.position });
  }
  return affected;
}

/** A new media version: the items stay but are not played or exported until re-approved. */
export async function flagSubmissionItems(trx: Db, submissionId: string, mediaVersion: number) {
  const rows = await trx
    .updateTable('playlist_items')
    .set({ needs_recheck: true })
    .where('submission_id', '=', submissionId)
    .where('media_version', '<', mediaVersion)
    .where('needs_recheck', '=', false)
    .returning(['playlist_id', 'position'])
    .execute();
  for (const r of rows) {
    await insertChange(trx, {
      playlistId: r.playlist_id,
      kind: 'item_flagged',
      reason: 'new_version',
      submissionId,
      position: r.position,
    });
  }
  return rows;
}

/** The new version was approved: flagged items play again, now at that version. */
export async function clearSubmissionItems(trx: Db, submissionId: string, mediaVersion: number) {
  const rows = await trx
    .updateTable('playlist_items')
    .set({ needs_recheck: false, media_version: mediaVersion })
    .where('submission_id', '=', submissionId)
    .where('needs_recheck', '=', true)
    .returning(['playlist_id', 'position'])
    .execute();
  for (const r of rows) {
    await insertChange(trx, {
      playlistId: r.playlist_id,
      kind: 'item_cleared',
      reason: 'reapproved',
      submissionId,
      position: r.position,
    });
  }
  return rows;
}
