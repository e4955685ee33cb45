import { sql, type Kysely } from 'kysely';

/* Landed migrations are never edited: add a new numbered file instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  // A moderator's trim-and-blur edit: what was asked (spec), from which media version to which,
  // and how far it got. PostgreSQL is the truth; the `redact` job is derived from a queued row.
  await db.schema
    .createTable('redactions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('submission_id', 'uuid', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('from_version', 'integer', (c) => c.notNull())
    .addColumn('to_version', 'integer', (c) => c.notNull())
    .addColumn('spec', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status IN ('queued','done','failed','superseded')`),
    )
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('failure_detail', 'text')
    // When the unredacted original of from_version was deleted (after approval or withdrawal).
    .addColumn('original_removed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One edit in flight per submission: a second one would render from a version about to go.
  await sql`CREATE UNIQUE INDEX redactions_one_open ON redactions (submission_id)
    WHERE status = 'queued'`.execute(db);
  await db.schema
    .createIndex('redactions_by_submission')
    .on('redactions')
    .columns(['submission_id', 'created_at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('redactions').ifExists().execute();
}
