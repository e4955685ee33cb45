import { sql } from 'kysely';
import { cleanUpExpiredUploads, type ExpirySweep } from '../src/api/tus/expired-uploads';
import type { Config } from '../src/config';
import type { Db } from '../src/db/database';
import type { Logger } from '../src/logger';
import type { JobQueues } from '../src/queue/queues';
import type { ObjectStore } from '../src/storage/object-store';
import {
  multipartAbortAgeMs,
  OWNED_PREFIXES,
  ownerIds,
  selectAbandonedUploads,
  selectOrphans,
} from './reconcile-rules';

/**
 * The reconciler's storage pass (hourly, and at start-up): expired resumable uploads and their
 * drafts, multipart uploads nobody will finish, and objects whose row is gone. Keys to delete
 * come only from the bucket's own listing, judged by reconcile-rules; never from user input.
 */

interface SweepDeps {
  db: Db;
  store: ObjectStore;
  logger: Logger;
}

/** Aborts multipart uploads begun more than `olderThanMs` ago. Returns how many. */
export async function abortAbandonedMultipartUploads(
  deps: Pick<SweepDeps, 'store' | 'logger'>,
  opts: { olderThanMs: number; now?: Date },
): Promise<number> {
  const now = opts.now ?? new Date();
  let aborted = 0;
  for (const prefix of OWNED_PREFIXES) {
    const pending = await deps.store.listMultipartUploads(prefix);
    for (const u of selectAbandonedUploads(pending, { now, olderThanMs: opts.olderThanMs })) {
      await deps.store.abortMultipartUpload(u.key, u.uploadId);
      aborted++;
    }
  }
  if (aborted) deps.logger.info({ aborted }, 'reconciler aborted abandoned multipart uploads');
  return aborted;
}

/** Whether the playlists table exists yet (export objects are judged only if it does). */
async function hasPlaylistsTable(db: Db): Promise<boolean> {
  const r = await sql<{
    t: string | null;
  }>`select to_regclass('public.playlists')::text as t`.execute(db);
  return Boolean(r.rows[0]?.t);
}

async function existingIds(
  db: Db,
  ids: { submissions: string[]; playlists: string[] },
  playlistsKnown: boolean,
): Promise<{ submissions: Set<string>; playlists: Set<string> }> {
  const submissions = ids.submissions.length
    ? await db.selectFrom('submissions').select('id').where('id', 'in', ids.submissions).execute()
    : [];
  const playlists =
    playlistsKnown && ids.playlists.length
      ? (
          await sql<{
            id: string;
          }>`select id::text as id from playlists where id::text = any(${ids.playlists})`.execute(
            db,
          )
        ).rows
      : [];
  return {
    submissions: new Set(submissions.map((r) => r.id)),
    playlists: new Set(playlists.map((r) => r.id)),
  };
}

/**
 * Deletes objects under originals/, media/ and exports/ whose submission or playlist row does
 * not exist and which are older than `graceMs` (an upload in flight writes its object before
 * its row). Works a listing page at a time, so a large bucket never sits in memory.
 */
export async function deleteOrphanedObjects(
  deps: SweepDeps,
  opts: { graceMs: number; now?: Date },
): Promise<number> {
  const now = opts.now ?? new Date();
  const playlistsKnown = await hasPlaylistsTable(deps.db);
  let deleted = 0;
  for (const prefix of OWNED_PREFIXES) {
    for await (const page of deps.store.listPages(prefix)) {
      const existing = await existingIds(deps.db, ownerIds(page), playlistsKnown);
      const orphans = selectOrphans(page, existing, {
        now,
        graceMs: opts.graceMs,
        ownersKnown: { submission: true, playlist: playlistsKnown },
      });
      if (orphans.length === 0) continue;
      await deps.store.deleteKeys(orphans);
      deleted += orphans.length;
    }
  }
  if (deleted) deps.logger.warn({ deleted }, 'reconciler deleted orphaned objects');
  return deleted;
}

export interface StorageSweepReport {
  expiredUploads: ExpirySweep;
  multipartAborted: number;
  orphansDeleted: number;
}

/**
 * The whole storage pass with the configured thresholds; `overrides` are for tests and for an
 * admin clearing up sooner (0 means everything not in use right now).
 */
export async function sweepStorage(
  deps: SweepDeps & { config: Config; queues: JobQueues },
  overrides: {
    graceMs?: number;
    multipartOlderThanMs?: number;
    resumableOlderThanMs?: number;
  } = {},
): Promise<StorageSweepReport> {
  const h = deps.config.housekeeping;
  const expiredUploads = await cleanUpExpiredUploads(
    deps,
    overrides.resumableOlderThanMs !== undefined
      ? { olderThanMs: overrides.resumableOlderThanMs }
      : {},
  );
  const multipartAborted = await abortAbandonedMultipartUploads(deps, {
    olderThanMs:
      overrides.multipartOlderThanMs ??
      multipartAbortAgeMs({
        multipartAbortHours: h.multipartAbortHours,
        resumableExpiryHours: deps.config.uploads.resumableExpiryHours,
      }),
  });
  const orphansDeleted = await deleteOrphanedObjects(deps, {
    graceMs: overrides.graceMs ?? h.orphanGraceHours * 3600 * 1000,
  });
  return { expiredUploads, multipartAborted, orphansDeleted };
}
