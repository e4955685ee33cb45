import { sql, type Kysely } from 'kysely';

/* Jury playlists (issue 8): playlists, their items, change events, exports, juror share links. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('playlists')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) =>
      c.notNull().references('campaigns.id').onDelete('cascade'),
    )
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('title_cy', 'text', (c) => c.notNull())
    .addColumn('use', 'text', (c) => c.notNull().check(sql`use IN ('jury','livestream','public')`))
    .addColumn('session_date', 'date')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('playlists_campaign')
    .on('playlists')
    .columns(['campaign_id', 'session_date'])
    .execute();

  await db.schema
    .createTable('playlist_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('playlist_id', 'uuid', (c) =>
      c.notNull().references('playlists.id').onDelete('cascade'),
    )
    .addColumn('submission_id', 'uuid', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('intro_en', 'text')
    .addColumn('intro_cy', 'text')
    // The media version that was approved when the clip went in; a newer one flags the item.
    .addColumn('media_version', 'integer', (c) => c.notNull())
    .addColumn('needs_recheck', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('added_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('playlist_items_once', ['playlist_id', 'submission_id'])
    .execute();
  // Deferred, so a reorder can rewrite every position in one transaction; the database still
  // refuses a commit that would leave two items in one place.
  await sql`ALTER TABLE playlist_items ADD CONSTRAINT playlist_items_position
    UNIQUE (playlist_id, position) DEFERRABLE INITIALLY DEFERRED`.execute(db);
  await db.schema
    .createIndex('playlist_items_submission')
    .on('playlist_items')
    .column('submission_id')
    .execute();

  // What changed without the facilitator doing it (and why): shown on the playlist.
  await db.schema
    .createTable('playlist_changes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('playlist_id', 'uuid', (c) =>
      c.notNull().references('playlists.id').onDelete('cascade'),
    )
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(sql`kind IN ('item_removed','item_flagged','item_cleared','export_deleted')`),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    // No foreign keys: the event outlives the clip (a purge) and the export row.
    .addColumn('submission_id', 'uuid')
    .addColumn('export_id', 'uuid')
    .addColumn('position', 'integer')
    .execute();
  await db.schema
    .createIndex('playlist_changes_playlist')
    .on('playlist_changes')
    .columns(['playlist_id', 'id'])
    .execute();

  await db.schema
    .createTable('playlist_exports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('playlist_id', 'uuid', (c) =>
      c.notNull().references('playlists.id').onDelete('cascade'),
    )
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang IN ('en','cy')`))
    .addColumn('height', 'integer', (c) => c.notNull().check(sql`height IN (720,1080)`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('queued','rendering','ready','failed','deleted')`),
    )
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    // The clips rendered into the file, fixed when rendering starts: a withdrawal finds them.
    .addColumn('submission_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('failure_reason', 'text')
    .addColumn('bytes', 'bigint')
    .addColumn('duration_seconds', 'double precision')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('playlist_exports_playlist')
    .on('playlist_exports')
    .columns(['playlist_id', 'created_at'])
    .execute();
  await sql`CREATE INDEX playlist_exports_submissions ON playlist_exports USING gin (submission_ids)`.execute(
    db,
  );

  // Juror share links reuse link_tokens (hashed, expiring, revocable, last use recorded).
  await db.schema
    .alterTable('link_tokens')
    .addColumn('playlist_id', 'uuid', (c) => c.references('playlists.id').onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('link_tokens_playlist')
    .on('link_tokens')
    .column('playlist_id')
    .where(sql.ref('playlist_id'), 'is not', null)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('link_tokens_playlist').ifExists().execute();
  await db.schema.alterTable('link_tokens').dropColumn('playlist_id').execute();
  for (const t of ['playlist_exports', 'playlist_changes', 'playlist_items', 'playlists']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
