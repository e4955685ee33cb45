import { sql, type Kysely } from 'kysely';

/*
 * Retention. Campaigns already carry `opens_at`, `closes_at` and `retention_until` (0001).
 * After the retention date the retention job deletes each submission (objects first, then the
 * row and everything that cascades from it); what is kept is anonymous: the number of
 * submissions per final status, and the audit log (which never held personal fields).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retention_counts')
    .addColumn('campaign_id', 'uuid', (c) =>
      c.notNull().references('campaigns.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submissions', 'integer', (c) => c.notNull().check(sql`submissions >= 0`))
    .addPrimaryKeyConstraint('retention_counts_pk', ['campaign_id', 'status'])
    .execute();
  // When the last retention pass removed this campaign's submissions (shown on the admin page).
  await db.schema.alterTable('campaigns').addColumn('retention_purged_at', 'timestamptz').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').dropColumn('retention_purged_at').execute();
  await db.schema.dropTable('retention_counts').ifExists().execute();
}
