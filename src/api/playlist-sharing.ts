import type { Request, Response } from 'express';
import { recordAudit } from '../db/audit.queries';
import {
  getExport,
  insertExport,
  listExports,
  updateExport,
  type ExportRow,
} from '../db/playlist-exports.queries';
import { createShareToken, listShareTokens, revokeShareToken } from '../db/playlist-shares.queries';
import { listItems, type PlaylistRow } from '../db/playlists.queries';
import { AppError } from '../domain/errors';
import { itemPlayable } from '../domain/playlist-rules';
import { exportKey } from '../storage/keys';
import { sendObject } from '../storage/send-object';
import type { ApiDeps } from './deps';
import type { StaffActor } from './staff/session';

/** A playlist's share links for jurors and its single-file exports (issue 8). */

type Deps = Pick<ApiDeps, 'db'>;
const staffActor = (s: StaffActor) => ({ type: 'staff' as const, id: s.id });

// --- share links ---------------------------------------------------------------------------

export const watchUrl = (base: string, token: string) => `${base}/watch/${token}`;

export async function sharePlaylist(
  deps: Deps,
  staff: StaffActor,
  p: PlaylistRow,
  days: number,
  base: string,
) {
  return deps.db.transaction().execute(async (trx) => {
    const share = await createShareToken(trx, p.id, days);
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'playlist.shared',
      subject: { type: 'playlist', id: p.id },
      campaignId: p.campaign_id,
      details: { shareId: share.id, expiresAt: share.expires_at.toISOString() },
    });
    return {
      id: share.id,
      url: watchUrl(base, share.token),
      expiresAt: share.expires_at.toISOString(),
    };
  });
}

export async function sharesOf(deps: Deps, p: PlaylistRow) {
  const rows = await listShareTokens(deps.db, p.id);
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    live: r.revoked_at === null && r.expires_at.getTime() > now,
  }));
}

export async function revokeShare(deps: Deps, staff: StaffActor, p: PlaylistRow, shareId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await revokeShareToken(trx, p.id, shareId);
    if (!row) throw new AppError('not_found', 'No live share link was found.');
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'playlist.share_revoked',
      subject: { type: 'playlist', id: p.id },
      campaignId: p.campaign_id,
      details: { shareId },
    });
  });
}

// --- exports -------------------------------------------------------------------------------

export const exportDownloadPath = (playlistId: string, exportId: string) =>
  `/api/v1/playlists/${playlistId}/exports/${exportId}/download`;

export const exportView = (e: ExportRow, base: string) => ({
  id: e.id,
  lang: e.lang,
  height: e.height,
  status: e.status,
  progress: e.progress,
  ...(e.status === 'ready' ? { url: `${base}${exportDownloadPath(e.playlist_id, e.id)}` } : {}),
  ...(e.status === 'failed' || e.status === 'deleted' ? { reason: e.failure_reason } : {}),
  ...(e.bytes !== null ? { bytes: Number(e.bytes) } : {}),
  ...(e.duration_seconds !== null ? { durationSeconds: e.duration_seconds } : {}),
  clips: e.submission_ids.length,
  createdAt: e.created_at.toISOString(),
  updatedAt: e.updated_at.toISOString(),
});

export async function requestExport(
  deps: Pick<ApiDeps, 'db' | 'queues' | 'logger'>,
  staff: StaffActor,
  p: PlaylistRow,
  opts: { lang: 'en' | 'cy'; height: 720 | 1080 },
) {
  const items = await listItems(deps.db, p.id);
  if (!items.some((i) => itemPlayable(i, p))) {
    throw new AppError('wrong_state', 'The playlist has no clips that can be exported yet.');
  }
  const row = await deps.db.transaction().execute(async (trx) => {
    const row = await insertExport(trx, { playlistId: p.id, ...opts, createdBy: staff.id });
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'playlist.export_requested',
      subject: { type: 'playlist', id: p.id },
      campaignId: p.campaign_id,
      details: { exportId: row.id, ...opts },
    });
    return row;
  });
  try {
    await deps.queues.enqueueExport({ playlistId: p.id, exportId: row.id });
  } catch (err) {
    deps.logger.error({ err, exportId: row.id }, 'export not queued');
    await updateExport(deps.db, row.id, ['queued'], {
      status: 'failed',
      failureReason: 'queue unavailable',
    });
    throw new AppError('dependency_down', 'The export could not be started. Try again shortly.');
  }
  return (await getExport(deps.db, p.id, row.id))!;
}

export async function exportOf(deps: Deps, p: PlaylistRow, exportId: string) {
  const e = await getExport(deps.db, p.id, exportId);
  if (!e) throw new AppError('not_found', 'No export was found.');
  return e;
}

export const exportsOf = (deps: Deps, p: PlaylistRow) => listExports(deps.db, p.id);

/** Streams a ready export through the API (authorised proxy); the first byte range is audited. */
export async function downloadExport(
  deps: Pick<ApiDeps, 'db' | 'store'>,
  staff: StaffActor,
  p: PlaylistRow,
  exportId: string,
  req: Request,
  res: Response,
) {
  const e = await exportOf(deps, p, exportId);
  if (e.status !== 'ready') throw new AppError('wrong_state', 'This export is not ready.');
  const range = req.headers.range;
  // A player or download manager asks for many ranges; one audit event per download is enough.
  if (!range || /^bytes=0-/.test(range)) {
    await recordAudit(deps.db, {
      actor: staffActor(staff),
      action: 'playlist.export_downloaded',
      subject: { type: 'playlist', id: p.id },
      campaignId: p.campaign_id,
      details: { exportId },
    });
  }
  const day = p.session_date ?? e.created_at.toISOString().slice(0, 10);
  await sendObject(res, deps.store, exportKey(p.id, e.id), range, {
    contentType: 'video/mp4',
    disposition: 'attachment',
    filename: `playlist-${day}-${e.lang}-${e.height}p.mp4`,
  });
}
