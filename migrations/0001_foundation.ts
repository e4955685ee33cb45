import { sql, type Kysely } from 'kysely';

/* Landed migrations are never edited: add a new numbered file instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pgcrypto`.execute(db);

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
    )
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_cy', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_cy', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('opens_at', 'timestamptz')
    .addColumn('closes_at', 'timestamptz')
    .addColumn('max_duration_seconds', 'integer', (c) => c.check(sql`max_duration_seconds > 0`))
    .addColumn('retention_until', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('consent_statements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('text_cy', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('consent_statements_campaign_version', ['campaign_id', 'version'])
    .execute();

  await db.schema
    .createTable('submissions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status IN ('uploading','uploaded','processing','awaiting_review','approved','changes_requested','rejected','failed','withdrawn')`,
        ),
    )
    .addColumn('media_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('kind', 'text', (c) => c.check(sql`kind IN ('video','audio')`))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language IN ('en','cy')`))
    .addColumn('failure_code', 'text')
    .addColumn('failure_detail', 'text')
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('original_bytes', 'bigint')
    .addColumn('original_content_type', 'text')
    .addColumn('duration_seconds', 'double precision')
    .addColumn('probe', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('submissions_status_updated')
    .on('submissions')
    .columns(['status', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('submissions_campaign_status')
    .on('submissions')
    .columns(['campaign_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .createTable('consents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('submission_id', 'uuid', (c) =>
      c.notNull().unique().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('statement_id', 'uuid', (c) => c.notNull().references('consent_statements.id'))
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('others_appear', 'boolean', (c) => c.notNull())
    .addColumn('others_consented', 'boolean', (c) => c.notNull())
    // Nulled when consent is withdrawn: the tombstone keeps no personal data.
    .addColumn('display_name', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().defaultTo('online'))
    .addColumn('given_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('withdrawn_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('media_assets')
    .addColumn('submission_id', 'uuid', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('media_assets_pk', ['submission_id', 'version', 'name'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role IN ('admin','moderator','facilitator')`),
    )
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('user_campaigns')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('campaign_id', 'uuid', (c) =>
      c.notNull().references('campaigns.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('user_campaigns_pk', ['user_id', 'campaign_id'])
    .execute();

  await db.schema
    .createTable('link_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // SHA-256 of the 32 random bytes handed out; the token itself is never stored.
    .addColumn('token_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose IN ('contributor','juror')`))
    .addColumn('submission_id', 'uuid', (c) => c.references('submissions.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_type', 'text', (c) =>
      c.notNull().check(sql`actor_type IN ('system','staff','contributor','juror')`),
    )
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'uuid')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex('audit_events_subject')
    .on('audit_events')
    .columns(['subject_type', 'subject_id'])
    .execute();

  // The audit log is append-only: the database itself refuses to change or remove a row.
  await sql`
    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_events',
    'link_tokens',
    'user_campaigns',
    'users',
    'media_assets',
    'consents',
    'submissions',
    'consent_statements',
    'campaigns',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await sql`DROP FUNCTION IF EXISTS audit_events_append_only()`.execute(db);
}
