import { sql, type Kysely } from 'kysely';

/* Landed migrations are never edited: add a new numbered file instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  // Every version of a submission's captions, newest last: what was uploaded, recognised,
  // aligned or edited, and by whom. A transcript waiting to be timed has `transcript` and no vtt.
  await db.schema
    .createTable('caption_revisions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('submission_id', 'uuid', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('media_version', 'integer', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang IN ('en','cy')`))
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source IN ('asr','upload','transcript','edit')`),
    )
    .addColumn('vtt', 'text')
    .addColumn('transcript', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'caption_revisions_has_content',
      sql`vtt IS NOT NULL OR transcript IS NOT NULL`,
    )
    .execute();
  await db.schema
    .createIndex('caption_revisions_lookup')
    .on('caption_revisions')
    .columns(['submission_id', 'media_version', 'lang', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('caption_revisions').ifExists().execute();
}
