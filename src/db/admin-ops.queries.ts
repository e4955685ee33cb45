import { sql, type Kysely } from 'kysely';
import { recordAudit } from './audit.queries';
import { inTransaction } from './database';
import type { Database } from './schema';

/** Queries for the admin pages: campaign settings, failed submissions, storage used. */

export async function listCampaignsForAdmin(db: Kysely<Database>) {
  return db
    .selectFrom('campaigns as c')
    .select([
      'c.id',
      'c.slug',
      'c.name_en',
      'c.name_cy',
      'c.opens_at',
      'c.closes_at',
      'c.retention_purged_at',
      sql<string | null>`to_char(c.retention_until, 'YYYY-MM-DD')`.as('retention_until'),
      sql<number>`(SELECT max(version) FROM consent_statements cs WHERE cs.campaign_id = c.id)`.as(
        'statement_version',
      ),
    ])
    .orderBy('c.slug')
    .execute();
}

export async function getCampaignForAdmin(db: Kysely<Database>, slug: string) {
  const c = (await listCampaignsForAdmin(db)).find((r) => r.slug === slug);
  if (!c) return undefined;
  const statements = await db
    .selectFrom('consent_statements')
    .select(['version', 'text_en', 'text_cy', 'created_at'])
    .where('campaign_id', '=', c.id)
    .orderBy('version', 'desc')
    .execute();
  return { ...c, statements };
}

export async function updateCampaignDates(
  db: Kysely<Database>,
  p: {
    campaignId: string;
    opensAt: Date | null;
    closesAt: Date | null;
    retentionUntil: string | null;
    staffId: string;
  },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('campaigns')
      .set({
        opens_at: p.opensAt,
        closes_at: p.closesAt,
        retention_until: p.retentionUntil as unknown as Date,
      })
      .where('id', '=', p.campaignId)
      .execute();
    await recordAudit(trx, {
      actor: { type: 'staff', id: p.staffId },
      action: 'campaign.dates_changed',
      subject: { type: 'campaign', id: p.campaignId },
      campaignId: p.campaignId,
      details: {
        opensAt: p.opensAt?.toISOString() ?? null,
        closesAt: p.closesAt?.toISOString() ?? null,
        retentionUntil: p.retentionUntil,
      },
    });
  });
}

/**
 * A new consent statement version (the old ones stay: each consent records the version it was
 * given against). The row lock makes two admins' simultaneous saves take turns.
 */
export async function addConsentStatement(
  db: Kysely<Database>,
  p: { campaignId: string; text: { en: string; cy: string }; staffId: string },
): Promise<number> {
  return inTransaction(db, async (trx) => {
    await trx
      .selectFrom('campaigns')
      .select('id')
      .where('id', '=', p.campaignId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const latest = await trx
      .selectFrom('consent_statements')
      .select(sql<number>`coalesce(max(version), 0)`.as('v'))
      .where('campaign_id', '=', p.campaignId)
      .executeTakeFirstOrThrow();
    const version = Number(latest.v) + 1;
    await trx
      .insertInto('consent_statements')
      .values({ campaign_id: p.campaignId, version, text_en: p.text.en, text_cy: p.text.cy })
      .execute();
    await recordAudit(trx, {
      actor: { type: 'staff', id: p.staffId },
      action: 'campaign.statement_added',
      subject: { type: 'campaign', id: p.campaignId },
      campaignId: p.campaignId,
      details: { version },
    });
    return version;
  });
}

/** Failed submissions, newest first, with the reason staff see. */
export async function listFailedSubmissions(db: Kysely<Database>, limit = 200) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
    .select([
      's.id',
      's.media_version',
      's.failure_code',
      's.failure_detail',
      's.updated_at',
      'c.slug as campaign',
    ])
    .where('s.status', '=', 'failed')
    .orderBy('s.updated_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Bytes held per campaign, from the database (listing a large bucket would be slow): originals
 * of every version are not all recorded, so this counts each submission's latest original and
 * every published media file.
 */
export async function storageByCampaign(db: Kysely<Database>) {
  const rows = await sql<{
    slug: string;
    submissions: string;
    original_bytes: string;
    media_bytes: string;
    media_files: string;
  }>`
    SELECT c.slug,
      (SELECT count(*) FROM submissions s WHERE s.campaign_id = c.id) AS submissions,
      (SELECT coalesce(sum(s.original_bytes), 0) FROM submissions s
        WHERE s.campaign_id = c.id AND s.status <> 'withdrawn') AS original_bytes,
      (SELECT coalesce(sum(m.bytes), 0) FROM media_assets m
        JOIN submissions s ON s.id = m.submission_id WHERE s.campaign_id = c.id) AS media_bytes,
      (SELECT count(*) FROM media_assets m
        JOIN submissions s ON s.id = m.submission_id WHERE s.campaign_id = c.id) AS media_files
    FROM campaigns c ORDER BY c.slug`.execute(db);
  return rows.rows.map((r) => ({
    slug: r.slug,
    submissions: Number(r.submissions),
    originalBytes: Number(r.original_bytes),
    mediaBytes: Number(r.media_bytes),
    mediaFiles: Number(r.media_files),
  }));
}
