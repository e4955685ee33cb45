import { recordAudit } from '../db/audit.queries';
import { getCampaignBySlug } from '../db/campaigns.queries';
import { listChanges } from '../db/playlist-changes.queries';
import {
  clipFactsOf,
  deleteItem,
  getPlaylist,
  insertItem,
  insertPlaylist,
  itemOrder,
  listItems,
  listItemsOfPlaylists,
  listPickerClips,
  listPlaylists,
  lockClipFacts,
  lockPlaylist,
  setItemIntro,
  touchPlaylist,
  updatePlaylist,
  writeOrder,
  type ItemRow,
  type PlaylistRow,
} from '../db/playlists.queries';
import { can, type Action } from '../domain/authorisation';
import { AppError } from '../domain/errors';
import {
  checkEligibility,
  itemPlayable,
  moveItem,
  runningTimeSeconds,
  type MoveRequest,
  type PlaylistUse,
} from '../domain/playlist-rules';
import { t, type Lang } from '../i18n';
import type { ApiDeps } from './deps';
import type { StaffActor } from './staff/session';

/**
 * Facilitators' playlists (issue 8): building and ordering. Share links and exports are in
 * playlist-sharing.ts; changes a clip makes on its own in playlist-changes.ts.
 */

type Deps = Pick<ApiDeps, 'db'>;
const playlistNotFound = () => new AppError('not_found', 'No playlist was found.');
const staffActor = (s: StaffActor) => ({ type: 'staff' as const, id: s.id });

/** Loads a playlist the staff member may act on with `action`; 404 outside their campaigns. */
export async function playlistFor(deps: Deps, staff: StaffActor, id: string, action: Action) {
  const p = await getPlaylist(deps.db, id);
  if (!p || !can(staff, action, { campaignId: p.campaign_id })) throw playlistNotFound();
  return p;
}

export const playlistSummary = (p: PlaylistRow) => ({
  id: p.id,
  campaign: p.campaign,
  title: { en: p.title_en, cy: p.title_cy },
  use: p.use,
  date: p.session_date,
  notes: p.notes,
  createdAt: p.created_at.toISOString(),
  updatedAt: p.updated_at.toISOString(),
});

function itemView(item: ItemRow, p: PlaylistRow, lang: Lang) {
  const e = checkEligibility(clipFactsOf(item), { campaignId: p.campaign_id, use: p.use });
  return {
    id: item.id,
    submissionId: item.submission_id,
    position: item.position,
    intro: { en: item.intro_en, cy: item.intro_cy },
    name: item.display_name,
    kind: item.kind,
    durationSeconds: item.duration_seconds,
    mediaVersion: item.media_version,
    needsRecheck: item.needs_recheck,
    playable: itemPlayable(item, p),
    ...(e.eligible
      ? {}
      : {
          ineligibleReason: e.reason,
          ineligibleMessage: t(lang, `playlist.ineligible.${e.reason}`),
        }),
    addedAt: item.added_at.toISOString(),
  };
}

export async function viewPlaylist(deps: Deps, p: PlaylistRow, lang: Lang) {
  const [items, changes] = await Promise.all([
    listItems(deps.db, p.id),
    listChanges(deps.db, p.id),
  ]);
  return {
    ...playlistSummary(p),
    items: items.map((i) => itemView(i, p, lang)),
    runningTimeSeconds: playlistRunningTime(items, p),
    changes: changes.map((c) => ({
      id: String(c.id),
      at: c.at.toISOString(),
      kind: c.kind,
      reason: c.reason,
      submissionId: c.submission_id,
      exportId: c.export_id,
      position: c.position,
      message: t(lang, `playlist.change.${c.kind}.${c.reason}`),
    })),
  };
}

export interface NewPlaylist {
  campaign: string;
  title: { en: string; cy: string };
  use: PlaylistUse;
  date?: string | null | undefined;
  notes?: string | undefined;
}

export async function createPlaylist(deps: Deps, staff: StaffActor, body: NewPlaylist) {
  const campaign = await getCampaignBySlug(deps.db, body.campaign);
  if (!campaign || !can(staff, 'playlist.manage', { campaignId: campaign.id })) {
    throw new AppError('campaign_not_found', 'No campaign with that name is yours to plan for.');
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await insertPlaylist(trx, {
      campaignId: campaign.id,
      titleEn: body.title.en,
      titleCy: body.title.cy,
      use: body.use,
      sessionDate: body.date ?? null,
      notes: body.notes ?? '',
      createdBy: staff.id,
    });
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'playlist.created',
      subject: { type: 'playlist', id },
      campaignId: campaign.id,
      details: { use: body.use },
    });
    return id;
  });
  return (await getPlaylist(deps.db, id))!;
}

export async function playlistsFor(deps: Deps, staff: StaffActor, campaignSlug?: string) {
  let campaignId: string | undefined;
  if (campaignSlug) {
    const c = await getCampaignBySlug(deps.db, campaignSlug);
    if (!c || !can(staff, 'playlist.view', { campaignId: c.id })) {
      throw new AppError('campaign_not_found', 'No campaign with that name is yours to plan for.');
    }
    campaignId = c.id;
  }
  const rows = await listPlaylists(
    deps.db,
    staff.kind === 'admin' ? 'all' : staff.campaignIds,
    campaignId,
  );
  return rows.map((r) => ({ ...playlistSummary(r), itemCount: Number(r.item_count ?? 0) }));
}

/** Seconds of the playlist's items that will play (see itemPlayable). */
function playlistRunningTime(
  items: readonly ItemRow[],
  p: { campaign_id: string; use: PlaylistUse },
): number {
  return runningTimeSeconds(
    items.map((i) => ({ durationSeconds: i.duration_seconds, playable: itemPlayable(i, p) })),
  );
}

/**
 * The facilitator's list page: every playlist the staff member may see with its running time,
 * from two queries however many playlists there are.
 */
export async function playlistsWithRunningTimes(deps: Deps, staff: StaffActor) {
  const rows = await listPlaylists(deps.db, staff.kind === 'admin' ? 'all' : staff.campaignIds);
  const items = new Map<string, ItemRow[]>();
  for (const i of await listItemsOfPlaylists(
    deps.db,
    rows.map((r) => r.id),
  )) {
    const list = items.get(i.playlist_id);
    if (list) list.push(i);
    else items.set(i.playlist_id, [i]);
  }
  return rows.map((r) => ({
    ...playlistSummary(r),
    itemCount: Number(r.item_count ?? 0),
    runningTimeSeconds: playlistRunningTime(items.get(r.id) ?? [], r),
  }));
}

export async function editPlaylist(
  deps: Deps,
  staff: StaffActor,
  p: PlaylistRow,
  patch: {
    title?: { en?: string | undefined; cy?: string | undefined } | undefined;
    date?: string | null | undefined;
    notes?: string | undefined;
  },
) {
  await deps.db.transaction().execute(async (trx) => {
    await updatePlaylist(trx, p.id, {
      ...(patch.title?.en !== undefined ? { titleEn: patch.title.en } : {}),
      ...(patch.title?.cy !== undefined ? { titleCy: patch.title.cy } : {}),
      ...(patch.date !== undefined ? { sessionDate: patch.date } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
    });
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'playlist.updated',
      subject: { type: 'playlist', id: p.id },
      campaignId: p.campaign_id,
      details: { fields: Object.keys(patch) },
    });
  });
}

/**
 * Adds a clip at the end. The submission is share-locked before the playlist is locked (the
 * order a withdrawal takes them in), so a clip being withdrawn cannot slip in meanwhile.
 */
export async function addItem(deps: Deps, staff: StaffActor, p: PlaylistRow, submissionId: string) {
  return deps.db.transaction().execute(async (trx) => {
    const clip = await lockClipFacts(trx, submissionId);
    const locked = await lockPlaylist(trx, p.id);
    if (!locked) throw playlistNotFound();
    if (!clip || !can(staff, 'submission.view', { campaignId: clip.campaign_id })) {
      throw new AppError('not_found', 'No submission was found.');
    }
    const e = checkEligibility(clipFactsOf(clip), {
      campaignId: locked.campaign_id,
      use: locked.use,
    });
    if (!e.eligible) {
      throw new AppError('not_eligible', t('en', `playlist.ineligible.${e.reason}`), {
        reason: e.reason,
      });
    }
    const item = await insertItem(trx, {
      playlistId: p.id,
      submissionId,
      mediaVersion: clip.media_version,
      addedBy: staff.id,
    });
    if (!item) throw new AppError('conflict', 'This clip is already in the playlist.');
    await touchPlaylist(trx, p.id);
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'playlist.item_added',
      subject: { type: 'playlist', id: p.id },
      campaignId: p.campaign_id,
      details: { itemId: item.id, submissionId, position: item.position },
    });
    return item;
  });
}

export async function removeItem(deps: Deps, staff: StaffActor, p: PlaylistRow, itemId: string) {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await lockPlaylist(trx, p.id))) throw playlistNotFound();
    const removed = await deleteItem(trx, p.id, itemId);
    if (!removed) throw new AppError('not_found', 'That clip is not in the playlist.');
    const rest = await itemOrder(trx, p.id);
    await writeOrder(
      trx,
      rest,
      rest.map((r) => r.id),
    );
    await touchPlaylist(trx, p.id);
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'playlist.item_removed',
      subject: { type: 'playlist', id: p.id },
      campaignId: p.campaign_id,
      details: { itemId, submissionId: removed.submission_id, position: removed.position },
    });
  });
}

/**
 * Moves one item. The playlist row is locked and the order re-read under the lock, so moves
 * from two facilitators apply one after the other to the order each finds: none is lost.
 */
export async function moveItemTo(
  deps: Deps,
  staff: StaffActor,
  p: PlaylistRow,
  itemId: string,
  move: MoveRequest,
) {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await lockPlaylist(trx, p.id))) throw playlistNotFound();
    const current = await itemOrder(trx, p.id);
    const order = moveItem(
      current.map((c) => c.id),
      itemId,
      move,
    );
    if (!order) throw new AppError('not_found', 'That clip is not in the playlist.');
    await writeOrder(trx, current, order);
    const from = current.findIndex((c) => c.id === itemId);
    const to = order.indexOf(itemId);
    if (from !== to) {
      await touchPlaylist(trx, p.id);
      await recordAudit(trx, {
        actor: staffActor(staff),
        action: 'playlist.item_moved',
        subject: { type: 'playlist', id: p.id },
        campaignId: p.campaign_id,
        details: { itemId, from, to },
      });
    }
    return { id: itemId, position: to, order };
  });
}

export async function setIntro(
  deps: Deps,
  staff: StaffActor,
  p: PlaylistRow,
  itemId: string,
  intro: { en?: string | null | undefined; cy?: string | null | undefined },
) {
  const clean = (v: string | null | undefined) =>
    v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim();
  await deps.db.transaction().execute(async (trx) => {
    const row = await setItemIntro(trx, p.id, itemId, { en: clean(intro.en), cy: clean(intro.cy) });
    if (!row) throw new AppError('not_found', 'That clip is not in the playlist.');
    await touchPlaylist(trx, p.id);
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'playlist.item_intro',
      subject: { type: 'playlist', id: p.id },
      campaignId: p.campaign_id,
      // Which languages changed, not the words: audit details hold no free text.
      details: { itemId, languages: Object.keys(intro) },
    });
  });
}

/** Approved clips of the playlist's campaign for the picker, ineligible ones with the reason. */
export async function pickerClips(deps: Deps, p: PlaylistRow, lang: Lang) {
  const rows = await listPickerClips(deps.db, p);
  return rows.map((r) => ({
    submissionId: r.id,
    name: r.display_name,
    kind: r.kind,
    language: r.language,
    durationSeconds: r.duration_seconds,
    inPlaylist: r.item_id !== null,
    eligible: r.eligibility.eligible,
    ...(r.eligibility.eligible
      ? {}
      : {
          reason: r.eligibility.reason,
          message: t(lang, `playlist.ineligible.${r.eligibility.reason}`),
        }),
  }));
}
