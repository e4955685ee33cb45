import { sql, type Kysely } from 'kysely';

/* Staff sessions, login lockout, review claims, review decisions and escalation. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 of the 32 random bytes in the cookie: a database leak gives no usable session.
    .addColumn('id', 'bytea', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('review_claims')
    .addColumn('submission_id', 'uuid', (c) =>
      c.primaryKey().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('submission_id', 'uuid', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('media_version', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('decision', 'text', (c) =>
      c.notNull().check(sql`decision IN ('approve','request_changes','reject','escalate')`),
    )
    .addColumn('consent_check', 'boolean', (c) => c.notNull())
    .addColumn('content_check', 'boolean', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('reviews_submission')
    .on('reviews')
    .columns(['submission_id', 'created_at'])
    .execute();

  // Set by an `escalate` decision; while set the clip cannot be approved. Only an admin clears it.
  await db.schema.alterTable('submissions').addColumn('escalated_at', 'timestamptz').execute();

  // The review queue lists one status oldest first across a few campaigns.
  await db.schema
    .createIndex('submissions_status_created')
    .on('submissions')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('audit_events_campaign_id')
    .on('audit_events')
    .columns(['campaign_id', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_events_campaign_id').ifExists().execute();
  await db.schema.dropIndex('submissions_status_created').ifExists().execute();
  await db.schema.alterTable('submissions').dropColumn('escalated_at').execute();
  for (const t of ['reviews', 'review_claims', 'sessions']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema
    .alterTable('users')
    .dropColumn('locked_until')
    .dropColumn('failed_logins')
    .execute();
}
