import { sql, type Kysely } from 'kysely';
import {
  checkEligibility,
  clipFactsOf,
  positionChanges,
  type PlaylistUse,
} from '../domain/playlist-rules';
import type { Database } from './schema';

/**
 * Queries of the playlist aggregate: playlists, items and change events. Exports and share links
 * have their own modules (playlist-exports.queries.ts, playlist-shares.queries.ts).
 */

type Db = Kysely<Database>;
const now = () => sql<Date>`now()` as unknown as Date;
const sessionDate = sql<string | null>`to_char(playlists.session_date, 'YYYY-MM-DD')`;

const playlistColumns = [
  'playlists.id',
  'playlists.campaign_id',
  'playlists.title_en',
  'playlists.title_cy',
  'playlists.use',
  'playlists.notes',
  'playlists.created_at',
  'playlists.updated_at',
] as const;

export async function insertPlaylist(
  db: Db,
  p: {
    campaignId: string;
    titleEn: string;
    titleCy: string;
    use: PlaylistUse;
    sessionDate: string | null;
    notes: string;
    createdBy: string;
  },
) {
  const row = await db
    .insertInto('playlists')
    .values({
      campaign_id: p.campaignId,
      title_en: p.titleEn,
      title_cy: p.titleCy,
      use: p.use,
      session_date: p.sessionDate,
      notes: p.notes,
      created_by: p.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getPlaylist(db: Db, id: string) {
  return db
    .selectFrom('playlists')
    .innerJoin('campaigns', 'campaigns.id', 'playlists.campaign_id')
    .select([...playlistColumns, sessionDate.as('session_date'), 'campaigns.slug as campaign'])
    .where('playlists.id', '=', id)
    .executeTakeFirst();
}

export type PlaylistRow = NonNullable<Awaited<ReturnType<typeof getPlaylist>>>;

/** Locks the playlist row: every change to its items runs under this lock, one at a time. */
export async function lockPlaylist(trx: Db, id: string) {
  return trx
    .selectFrom('playlists')
    .select(['id', 'campaign_id', 'use'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function listPlaylists(db: Db, scope: 'all' | readonly string[], campaignId?: string) {
  if (scope !== 'all' && scope.length === 0) return [];
  let q = db
    .selectFrom('playlists')
    .innerJoin('campaigns', 'campaigns.id', 'playlists.campaign_id')
    .select([
      ...playlistColumns,
      sessionDate.as('session_date'),
      'campaigns.slug as campaign',
      (eb) =>
        eb
          .selectFrom('playlist_items')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('playlist_items.playlist_id', '=', 'playlists.id')
          .as('item_count'),
    ]);
  if (scope !== 'all') q = q.where('playlists.campaign_id', 'in', scope);
  if (campaignId) q = q.where('playlists.campaign_id', '=', campaignId);
  return q
    .orderBy(sql`playlists.session_date DESC NULLS LAST`)
    .orderBy('playlists.created_at', 'desc')
    .limit(500)
    .execute();
}

export async function updatePlaylist(
  db: Db,
  id: string,
  patch: { titleEn?: string; titleCy?: string; sessionDate?: string | null; notes?: string },
) {
  await db
    .updateTable('playlists')
    .set({
      ...(patch.titleEn !== undefined ? { title_en: patch.titleEn } : {}),
      ...(patch.titleCy !== undefined ? { title_cy: patch.titleCy } : {}),
      ...(patch.sessionDate !== undefined ? { session_date: patch.sessionDate } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      updated_at: now(),
    })
    .where('id', '=', id)
    .execute();
}

/** Items in order with what the API, the player and the export need about each clip. */
const itemsQuery = (db: Db) =>
  db
    .selectFrom('playlist_items as i')
    .innerJoin('submissions as s', 's.id', 'i.submission_id')
    .leftJoin('consents as c', 'c.submission_id', 's.id')
    .select([
      'i.id',
      'i.playlist_id',
      'i.submission_id',
      'i.position',
      'i.intro_en',
      'i.intro_cy',
      'i.media_version',
      'i.needs_recheck',
      'i.added_at',
      's.campaign_id',
      's.status',
      's.kind',
      's.media_version as current_version',
      's.duration_seconds',
      's.escalated_at',
      'c.display_name',
      'c.scopes',
      'c.withdrawn_at',
    ]);

export async function listItems(db: Db, playlistId: string) {
  return itemsQuery(db).where('i.playlist_id', '=', playlistId).orderBy('i.position').execute();
}

/** The items of many playlists in one query (the list page's running times), in order. */
export async function listItemsOfPlaylists(db: Db, playlistIds: readonly string[]) {
  if (playlistIds.length === 0) return [];
  return itemsQuery(db)
    .where('i.playlist_id', 'in', playlistIds)
    .orderBy('i.playlist_id')
    .orderBy('i.position')
    .execute();
}

export type ItemRow = Awaited<ReturnType<typeof listItems>>[number];

/** Pure, so it lives with the rules; re-exported for the queries' callers. */
export { clipFactsOf };

/**
 * The submission's facts under a share lock: a withdrawal or decision in flight finishes first
 * (or waits for us). Taken before the playlist lock, in the same order as withdrawal takes them.
 */
export async function lockClipFacts(trx: Db, submissionId: string) {
  return trx
    .selectFrom('submissions as s')
    .leftJoin('consents as c', 'c.submission_id', 's.id')
    .select([
      's.id',
      's.campaign_id',
      's.status',
      's.media_version',
      's.escalated_at',
      'c.scopes',
      'c.withdrawn_at',
    ])
    .where('s.id', '=', submissionId)
    .forShare('s')
    .executeTakeFirst();
}

export async function insertItem(
  trx: Db,
  i: { playlistId: string; submissionId: string; mediaVersion: number; addedBy: string },
) {
  const count = await trx
    .selectFrom('playlist_items')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('playlist_id', '=', i.playlistId)
    .executeTakeFirstOrThrow();
  return trx
    .insertInto('playlist_items')
    .values({
      playlist_id: i.playlistId,
      submission_id: i.submissionId,
      position: Number(count.n),
      media_version: i.mediaVersion,
      added_by: i.addedBy,
      intro_en: null,
      intro_cy: null,
    })
    .onConflict((oc) => oc.constraint('playlist_items_once').doNothing())
    .returning(['id', 'position'])
    .executeTakeFirst();
}

export async function itemOrder(trx: Db, playlistId: string) {
  return trx
    .selectFrom('playlist_items')
    .select(['id', 'position', 'submission_id'])
    .where('playlist_id', '=', playlistId)
    .orderBy('position')
    .execute();
}

/** Writes positions so the stored order is `order`; the caller holds the playlist lock. */
export async function writeOrder(
  trx: Db,
  current: ReadonlyArray<{ id: string; position: number }>,
  order: readonly string[],
) {
  for (const c of positionChanges(current, order)) {
    await trx
      .updateTable('playlist_items')
      .set({ position: c.position })
      .where('id', '=', c.id)
      .execute();
  }
}

export async function deleteItem(trx: Db, playlistId: string, itemId: string) {
  return trx
    .deleteFrom('playlist_items')
    .where('playlist_id', '=', playlistId)
    .where('id', '=', itemId)
    .returning(['id', 'submission_id', 'position'])
    .executeTakeFirst();
}

export async function setItemIntro(
  db: Db,
  playlistId: string,
  itemId: string,
  intro: { en?: string | null; cy?: string | null },
) {
  return db
    .updateTable('playlist_items')
    .set({
      ...(intro.en !== undefined ? { intro_en: intro.en } : {}),
      ...(intro.cy !== undefined ? { intro_cy: intro.cy } : {}),
    })
    .where('playlist_id', '=', playlistId)
    .where('id', '=', itemId)
    .returning(['id', 'submission_id'])
    .executeTakeFirst();
}

export async function touchPlaylist(db: Db, id: string) {
  await db.updateTable('playlists').set({ updated_at: now() }).where('id', '=', id).execute();
}

/** Approved clips of a campaign for the picker, each with its eligibility for `use`. */
export async function listPickerClips(
  db: Db,
  playlist: { id: string; campaign_id: string; use: PlaylistUse },
) {
  const rows = await db
    .selectFrom('submissions as s')
    .leftJoin('consents as c', 'c.submission_id', 's.id')
    .leftJoin('playlist_items as i', (j) =>
      j.onRef('i.submission_id', '=', 's.id').on('i.playlist_id', '=', playlist.id),
    )
    .select([
      's.id',
      's.campaign_id',
      's.status',
      's.kind',
      's.language',
      's.duration_seconds',
      's.escalated_at',
      's.updated_at',
      'c.display_name',
      'c.scopes',
      'c.withdrawn_at',
      'i.id as item_id',
    ])
    .where('s.campaign_id', '=', playlist.campaign_id)
    .where('s.status', '=', 'approved')
    .orderBy('s.updated_at', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    ...r,
    eligibility: checkEligibility(clipFactsOf(r), {
      campaignId: playlist.campaign_id,
      use: playlist.use,
    }),
  }));
}
