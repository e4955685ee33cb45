import type { Action } from '../domain/authorisation';
import type { PlaylistUse } from '../domain/playlist-rules';
import type { PlaylistPageDeps } from '../web/staff/playlist-pages-deps';
import type { StaffPageDeps, StaffUser } from '../web/staff/staff-deps';
import type { ApiDeps } from './deps';
import {
  addItem,
  createPlaylist,
  editPlaylist,
  moveItemTo,
  pickerClips,
  playlistFor,
  playlistsWithRunningTimes,
  removeItem,
  setIntro,
  viewPlaylist,
} from './playlist-service';
import {
  downloadExport,
  exportsOf,
  requestExport,
  revokeShare,
  sharePlaylist,
  sharesOf,
} from './playlist-sharing';
import {
  introBody,
  moveBody,
  playlistBody,
  playlistPatch,
  publicBase,
  shareBody,
  exportBody,
} from './playlists.routes';
import type { StaffActor } from './staff/session';
import { parseBody } from './staff/validation';

/**
 * Adapts the playlist services to what the playlist pages need (src/web knows no database).
 * Input is checked with the JSON API's own schemas, so both refuse exactly the same things.
 */
export function playlistPageDepsFrom(
  deps: ApiDeps,
  staffPages: Pick<StaffPageDeps, 'currentStaff' | 'checkCsrf' | 'campaigns' | 'logError'>,
): PlaylistPageDeps {
  // The pages hand back the user they were given, which is the actor looked up by the session.
  const actor = (u: StaffUser) => u as StaffActor;
  const load = (staff: StaffUser, id: string, action: Action) =>
    playlistFor(deps, actor(staff), id, action);
  return {
    currentStaff: staffPages.currentStaff,
    checkCsrf: staffPages.checkCsrf,
    ...(staffPages.logError ? { logError: staffPages.logError } : {}),
    campaigns: staffPages.campaigns,
    playlists: (staff) => playlistsWithRunningTimes(deps, actor(staff)),
    async create(staff, form) {
      const body = parseBody(playlistBody, form);
      return (await createPlaylist(deps, actor(staff), body)).id;
    },
    async playlist(staff, id, lang) {
      const v = await viewPlaylist(deps, await load(staff, id, 'playlist.view'), lang);
      return { ...v, use: v.use as PlaylistUse };
    },
    async edit(staff, id, patch) {
      const p = await load(staff, id, 'playlist.manage');
      await editPlaylist(deps, actor(staff), p, parseBody(playlistPatch, patch));
    },
    async picker(staff, id, lang) {
      return pickerClips(deps, await load(staff, id, 'playlist.view'), lang);
    },
    async add(staff, id, submissionId) {
      await addItem(deps, actor(staff), await load(staff, id, 'playlist.manage'), submissionId);
    },
    async move(staff, id, itemId, move) {
      const p = await load(staff, id, 'playlist.manage');
      return moveItemTo(deps, actor(staff), p, itemId, parseBody(moveBody, move));
    },
    async intro(staff, id, itemId, intro) {
      const p = await load(staff, id, 'playlist.manage');
      const body = parseBody(introBody, { intro });
      await setIntro(deps, actor(staff), p, itemId, body.intro);
    },
    async remove(staff, id, itemId) {
      await removeItem(deps, actor(staff), await load(staff, id, 'playlist.manage'), itemId);
    },
    async shares(staff, id) {
      return sharesOf(deps, await load(staff, id, 'playlist.share'));
    },
    async share(staff, id, days, req) {
      const p = await load(staff, id, 'playlist.share');
      const body = parseBody(shareBody, { days });
      return sharePlaylist(deps, actor(staff), p, body.days, publicBase(deps, req));
    },
    async revoke(staff, id, shareId) {
      await revokeShare(deps, actor(staff), await load(staff, id, 'playlist.share'), shareId);
    },
    async exports(staff, id) {
      const rows = await exportsOf(deps, await load(staff, id, 'playlist.export'));
      return rows.map((e) => ({
        id: e.id,
        lang: e.lang,
        height: e.height,
        status: e.status,
        progress: e.progress,
        createdAt: e.created_at.toISOString(),
      }));
    },
    async requestExport(staff, id, opts) {
      const p = await load(staff, id, 'playlist.export');
      await requestExport(deps, actor(staff), p, parseBody(exportBody, opts));
    },
    async download(staff, id, exportId, req, res) {
      const p = await load(staff, id, 'playlist.export');
      await downloadExport(deps, actor(staff), p, exportId, req, res);
    },
  };
}
