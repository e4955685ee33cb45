import type { Kysely } from 'kysely';
import { recordAudit } from '../db/audit.queries';
import {
  clearSubmissionItems,
  flagSubmissionItems,
  removeSubmissionFromPlaylists,
} from '../db/playlist-changes.queries';
import { deletedExportsOf, markExportsDeleted } from '../db/playlist-exports.queries';
import type { Database } from '../db/schema';
import type { ChangeReason } from '../domain/playlist-rules';
import { exportKey } from '../storage/keys';
import type { ObjectStore } from '../storage/object-store';

/**
 * What happens to playlists when a clip changes under them (issue 8): a withdrawn or rejected
 * clip leaves every playlist, an export holding a withdrawn clip is deleted, a new media version
 * flags the item until it is approved again. Each runs inside the transaction that changed the
 * submission, so the clip and its playlists never disagree; each leaves a change event the
 * facilitator sees and an audit event.
 */

type Trx = Kysely<Database>;
const system = { type: 'system' as const, id: 'playlists' };

async function leave(trx: Trx, submissionId: string, reason: ChangeReason) {
  const affected = await removeSubmissionFromPlaylists(trx, submissionId, reason);
  for (const a of affected) {
    await recordAudit(trx, {
      actor: system,
      action: 'playlist.item_auto_removed',
      subject: { type: 'playlist', id: a.playlistId },
      campaignId: a.campaignId,
      details: { submissionId, reason, position: a.position },
    });
  }
  return affected;
}

/**
 * Consent withdrawn: out of every playlist, and every export holding the clip marked deleted.
 * Returns the export objects to delete once the transaction has committed.
 */
export async function withdrawFromPlaylists(trx: Trx, submissionId: string): Promise<string[]> {
  await leave(trx, submissionId, 'withdrawn');
  const exports = await markExportsDeleted(trx, submissionId);
  for (const e of exports) {
    await recordAudit(trx, {
      actor: system,
      action: 'playlist.export_deleted',
      subject: { type: 'playlist', id: e.playlist_id },
      details: { exportId: e.id, submissionId, reason: 'withdrawn' },
    });
  }
  return exports.map((e) => exportKey(e.playlist_id, e.id));
}

export async function deleteExportObjects(store: Pick<ObjectStore, 'deleteKeys'>, keys: string[]) {
  if (keys.length > 0) await store.deleteKeys(keys);
}

/**
 * The purge sweep's part: whatever a withdrawal left (an item added by a request that raced it,
 * an export file a render uploaded afterwards) goes too. Safe to run any number of times.
 */
export async function purgeFromPlaylists(
  deps: { db: Trx; store: Pick<ObjectStore, 'deleteKeys'> },
  submissionId: string,
): Promise<number> {
  const fresh = await deps.db
    .transaction()
    .execute((trx) => withdrawFromPlaylists(trx, submissionId));
  const earlier = (await deletedExportsOf(deps.db, submissionId)).map((e) =>
    exportKey(e.playlist_id, e.id),
  );
  const keys = [...new Set([...fresh, ...earlier])];
  await deleteExportObjects(deps.store, keys);
  return keys.length;
}

/** Rejected (after a new version was reviewed): out of every playlist. */
export async function rejectFromPlaylists(trx: Trx, submissionId: string) {
  await leave(trx, submissionId, 'rejected');
}

/** A new media version: items stay, flagged, and are neither played nor exported. */
export async function flagNewVersion(trx: Trx, submissionId: string, mediaVersion: number) {
  const rows = await flagSubmissionItems(trx, submissionId, mediaVersion);
  for (const r of rows) {
    await recordAudit(trx, {
      actor: system,
      action: 'playlist.item_flagged',
      subject: { type: 'playlist', id: r.playlist_id },
      details: { submissionId, mediaVersion, reason: 'new_version' },
    });
  }
}

/** Approved again: flagged items play again, at the approved version. */
export async function clearAfterApproval(trx: Trx, submissionId: string, mediaVersion: number) {
  const rows = await clearSubmissionItems(trx, submissionId, mediaVersion);
  for (const r of rows) {
    await recordAudit(trx, {
      actor: system,
      action: 'playlist.item_cleared',
      subject: { type: 'playlist', id: r.playlist_id },
      details: { submissionId, mediaVersion, reason: 'reapproved' },
    });
  }
}
