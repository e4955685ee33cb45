import { sql, type Kysely } from 'kysely';
import { escalationAtRetention } from '../domain/retention-rules';
import { recordAudit } from './audit.queries';
import { inTransaction } from './database';
import type { Database } from './schema';

/** Queries for the retention job: what a campaign still holds, and removing it. */

export interface RetentionCampaignRow {
  id: string;
  slug: string;
  retentionUntil: string | null;
  heldSubmissions: number;
  retentionPurgedAt: Date | null;
}

/** Every campaign with its retention day (as `YYYY-MM-DD`) and how many submissions it holds. */
export async function listRetentionCampaigns(
  db: Kysely<Database>,
): Promise<RetentionCampaignRow[]> {
  const rows = await db
    .selectFrom('campaigns as c')
    .leftJoin('submissions as s', 's.campaign_id', 'c.id')
    .select([
      'c.id',
      'c.slug',
      'c.retention_purged_at',
      sql<string | null>`to_char(c.retention_until, 'YYYY-MM-DD')`.as('retention_until'),
      sql<string>`count(s.id)`.as('held'),
    ])
    .groupBy('c.id')
    .orderBy('c.slug')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    retentionUntil: r.retention_until,
    heldSubmissions: Number(r.held),
    retentionPurgedAt: r.retention_purged_at,
  }));
}

/**
 * Whether the outer query's submission `s` has an open escalation: the SQL side of
 * `escalationAtRetention` (domain/retention-rules.ts), so a batch never lists what it keeps.
 */
const hasOpenEscalation = sql<boolean>`EXISTS (
  SELECT 1 FROM escalations e WHERE e.submission_id = s.id AND e.closed_at IS NULL)`;

/**
 * A batch of a campaign's submissions that may be purged, oldest first: all but those with an
 * open safeguarding escalation, which are held back until someone closes it (the clip is what
 * the safeguarding lead is looking at).
 */
export async function listHeldSubmissions(db: Kysely<Database>, campaignId: string, limit: number) {
  return db
    .selectFrom('submissions as s')
    .select(['s.id', 's.status'])
    .where('s.campaign_id', '=', campaignId)
    .where(sql<boolean>`NOT ${hasOpenEscalation}`)
    .orderBy('s.created_at')
    .orderBy('s.id')
    .limit(limit)
    .execute();
}

/** How many of a campaign's submissions retention holds back for an open escalation. */
export async function countHeldBackForSafeguarding(db: Kysely<Database>, campaignId: string) {
  const row = await db
    .selectFrom('submissions as s')
    .select(sql<string>`count(*)`.as('n'))
    .where('s.campaign_id', '=', campaignId)
    .where(hasOpenEscalation)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The ids of a campaign's playlists, when the playlists table exists (it lands in a later
 * migration than this module's first version): their exports hold the campaign's media too.
 */
export async function listCampaignPlaylistIds(
  db: Kysely<Database>,
  campaignId: string,
): Promise<string[]> {
  const exists = await sql<{ ok: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'playlists'
        AND column_name = 'campaign_id'
    ) AS ok`.execute(db);
  if (!exists.rows[0]?.ok) return [];
  const rows = await sql<{ id: string }>`
    SELECT id::text AS id FROM playlists WHERE campaign_id = ${campaignId}`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** Marks the campaign's playlist export rows deleted once their files are gone (if any). */
export async function markCampaignExportsDeleted(
  db: Kysely<Database>,
  campaignId: string,
): Promise<void> {
  const exists = await sql<{ ok: boolean }>`
    SELECT to_regclass('playlist_exports') IS NOT NULL AS ok`.execute(db);
  if (!exists.rows[0]?.ok) return;
  await sql`
    UPDATE playlist_exports SET status = 'deleted'
    WHERE status <> 'deleted'
      AND playlist_id IN (SELECT id FROM playlists WHERE campaign_id = ${campaignId})`.execute(db);
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Tables whose foreign key to submissions neither cascades nor nulls (e.g. playlist items):
 * their rows for a purged submission go first, or the delete would be refused. Found from the
 * catalogue, so tables added by later migrations are covered without a change here.
 */
async function blockingReferences(db: Kysely<Database>) {
  const found = await sql<{ tbl: string; col: string }>`
    SELECT cl.relname AS tbl, a.attname AS col
    FROM pg_constraint c
    JOIN pg_class cl ON cl.oid = c.conrelid
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid = 'submissions'::regclass
      AND c.confdeltype IN ('a', 'r') AND cl.relname <> 'submissions'`.execute(db);
  return found.rows.filter((r) => IDENT.test(r.tbl) && IDENT.test(r.col));
}

/**
 * Deletes the given submissions of one campaign (their consents, assets, tokens, reviews and
 * captions cascade) and adds them to the campaign's anonymous counts, with one audit event
 * that names no person. Objects must already be gone: the caller deletes them first.
 * Their escalations stay as safeguarding records with the free-text concern cleared; one
 * escalated again since the batch was listed is skipped (the escalation path locks the row).
 */
export async function deleteSubmissionsForRetention(
  db: Kysely<Database>,
  campaignId: string,
  ids: readonly string[],
): Promise<Record<string, number>> {
  if (ids.length === 0) return {};
  return inTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('submissions')
      .select(['id', 'status'])
      .where('campaign_id', '=', campaignId)
      .where('id', 'in', [...ids])
      .forUpdate()
      .execute();
    const escalations = await trx
      .selectFrom('escalations')
      .select(['submission_id', 'closed_at'])
      .where('submission_id', 'in', [...ids])
      .execute();
    const heldBack = new Set(
      escalations
        .filter((e) => escalationAtRetention({ closedAt: e.closed_at }) === 'hold_submission')
        .map((e) => e.submission_id),
    );
    const purged = rows.filter((r) => !heldBack.has(r.id));
    if (purged.length === 0) return {};
    const idList = purged.map((r) => r.id);
    const byStatus: Record<string, number> = {};
    for (const r of purged) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const kept = await trx
      .updateTable('escalations')
      .set({ concern: '', personal_data_removed_at: sql<Date>`now()` as unknown as Date })
      .where('submission_id', 'in', idList)
      .where('personal_data_removed_at', 'is', null)
      .executeTakeFirst();
    for (const ref of await blockingReferences(trx)) {
      await sql`DELETE FROM ${sql.table(ref.tbl)} WHERE ${sql.ref(ref.col)} = ANY(${idList}::uuid[])`.execute(
        trx,
      );
    }
    await trx.deleteFrom('submissions').where('id', 'in', idList).execute();
    for (const [status, n] of Object.entries(byStatus)) {
      await trx
        .insertInto('retention_counts')
        .values({ campaign_id: campaignId, status, submissions: n })
        .onConflict((oc) =>
          oc.columns(['campaign_id', 'status']).doUpdateSet({
            submissions: sql<number>`retention_counts.submissions + excluded.submissions`,
          }),
        )
        .execute();
    }
    await trx
      .updateTable('campaigns')
      .set({ retention_purged_at: new Date() })
      .where('id', '=', campaignId)
      .execute();
    await recordAudit(trx, {
      actor: { type: 'system', id: 'retention' },
      action: 'retention.purged',
      subject: { type: 'campaign', id: campaignId },
      campaignId,
      details: {
        submissions: purged.length,
        byStatus,
        escalationsKept: Number(kept.numUpdatedRows),
      },
    });
    return byStatus;
  });
}

/** Counts kept after purges, by status. */
export async function listRetentionCounts(db: Kysely<Database>, campaignId: string) {
  const rows = await db
    .selectFrom('retention_counts')
    .select(['status', 'submissions'])
    .where('campaign_id', '=', campaignId)
    .orderBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.submissions])) as Record<string, number>;
}
