import type { Request, Response } from 'express';
import type { IneligibleReason, PlaylistUse } from '../../domain/playlist-rules';
import type { Lang } from '../../i18n';
import type { StaffPageAccess } from './staff-page-kit';
import type { StaffUser } from './staff-deps';

/**
 * What the playlist pages need; src/api/playlist-page-deps.ts builds it from the playlist
 * services (the same ones the JSON API calls). Writes take the API's body shapes and refuse
 * with the API's errors (AppError bad_request with `details.field`, not_eligible, ...).
 */

export interface PlaylistListItem {
  id: string;
  campaign: string;
  title: { en: string; cy: string };
  use: PlaylistUse;
  date: string | null;
  itemCount: number;
  runningTimeSeconds: number;
}

export interface PlaylistItemView {
  id: string;
  submissionId: string;
  position: number;
  intro: { en: string | null; cy: string | null };
  name: string | null;
  durationSeconds: number | null;
  needsRecheck: boolean;
  playable: boolean;
  ineligibleReason?: IneligibleReason;
}

export interface PlaylistChangeView {
  id: string;
  at: string;
  kind: string;
  reason: string;
  message: string;
}

export interface PlaylistPageView {
  id: string;
  campaign: string;
  title: { en: string; cy: string };
  use: PlaylistUse;
  date: string | null;
  notes: string;
  items: PlaylistItemView[];
  runningTimeSeconds: number;
  changes: PlaylistChangeView[];
}

export interface PickerClipView {
  submissionId: string;
  name: string | null;
  language: string;
  durationSeconds: number | null;
  inPlaylist: boolean;
  eligible: boolean;
  reason?: IneligibleReason;
}

export interface ShareView {
  id: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  live: boolean;
}

export interface ExportPageView {
  id: string;
  lang: 'en' | 'cy';
  height: number;
  status: 'queued' | 'rendering' | 'ready' | 'failed' | 'deleted';
  progress: number;
  createdAt: string;
}

export interface PlaylistForm {
  campaign: string;
  title: { en: string; cy: string };
  use: string;
  date: string | null;
  notes: string;
}

export interface PlaylistPageDeps extends StaffPageAccess {
  /** Campaigns the staff member may plan for. */
  campaigns(staff: StaffUser): Promise<Array<{ slug: string; name: { en: string; cy: string } }>>;
  playlists(staff: StaffUser): Promise<PlaylistListItem[]>;
  /** Returns the new playlist's id. */
  create(staff: StaffUser, form: PlaylistForm): Promise<string>;
  playlist(staff: StaffUser, id: string, lang: Lang): Promise<PlaylistPageView>;
  edit(
    staff: StaffUser,
    id: string,
    patch: { title: { en: string; cy: string }; date: string | null; notes: string },
  ): Promise<void>;
  picker(staff: StaffUser, id: string, lang: Lang): Promise<PickerClipView[]>;
  add(staff: StaffUser, id: string, submissionId: string): Promise<void>;
  move(
    staff: StaffUser,
    id: string,
    itemId: string,
    move: { direction: 'up' | 'down' } | { position: number },
  ): Promise<{ position: number; order: string[] }>;
  intro(
    staff: StaffUser,
    id: string,
    itemId: string,
    intro: { en: string; cy: string },
  ): Promise<void>;
  remove(staff: StaffUser, id: string, itemId: string): Promise<void>;
  shares(staff: StaffUser, id: string): Promise<ShareView[]>;
  share(
    staff: StaffUser,
    id: string,
    days: number,
    req: Request,
  ): Promise<{ url: string; expiresAt: string }>;
  revoke(staff: StaffUser, id: string, shareId: string): Promise<void>;
  exports(staff: StaffUser, id: string): Promise<ExportPageView[]>;
  requestExport(
    staff: StaffUser,
    id: string,
    opts: { lang: 'en' | 'cy'; height: 720 | 1080 },
  ): Promise<void>;
  download(
    staff: StaffUser,
    id: string,
    exportId: string,
    req: Request,
    res: Response,
  ): Promise<void>;
  logError?(err: unknown, req: Request): void;
}
