import { sql, type Kysely } from 'kysely';
import { inTransaction } from './database';
import type { Database } from './schema';

export async function getCampaignBySlug(db: Kysely<Database>, slug: string) {
  return db.selectFrom('campaigns').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function getCampaignById(db: Kysely<Database>, id: string) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest consent statement of a campaign, or the given version when asked. */
export async function getConsentStatement(
  db: Kysely<Database>,
  campaignId: string,
  version?: number,
) {
  let q = db.selectFrom('consent_statements').selectAll().where('campaign_id', '=', campaignId);
  q =
    version === undefined
      ? q.orderBy('version', 'desc').limit(1)
      : q.where('version', '=', version);
  return q.executeTakeFirst();
}

export interface NewCampaign {
  slug: string;
  name: { en: string; cy: string };
  description: { en: string; cy: string };
  statement: { en: string; cy: string };
  opensAt?: Date | null;
  closesAt?: Date | null;
  maxDurationSeconds?: number | null;
}

/** Creates a campaign with consent statement version 1, in one transaction. */
export async function createCampaign(db: Kysely<Database>, c: NewCampaign) {
  return inTransaction(db, async (trx) => {
    const campaign = await trx
      .insertInto('campaigns')
      .values({
        slug: c.slug,
        name_en: c.name.en,
        name_cy: c.name.cy,
        description_en: c.description.en,
        description_cy: c.description.cy,
        opens_at: c.opensAt ?? null,
        closes_at: c.closesAt ?? null,
        max_duration_seconds: c.maxDurationSeconds ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('consent_statements')
      .values({
        campaign_id: campaign.id,
        version: 1,
        text_en: c.statement.en,
        text_cy: c.statement.cy,
      })
      .execute();
    return campaign;
  });
}

export async function campaignExists(db: Kysely<Database>, slug: string): Promise<boolean> {
  const row = await db
    .selectFrom('campaigns')
    .select(sql<number>`1`.as('one'))
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row !== undefined;
}
