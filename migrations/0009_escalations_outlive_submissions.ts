import { sql, type Kysely } from 'kysely';

/* Landed migrations are never edited: add a new numbered file instead. */

/*
 * Safeguarding records outlive the clip. Retention used to delete a submission's escalations
 * with it (the foreign key cascaded); now the escalation row stays as the safeguarding record
 * (outcome, dates, who raised and who closed it) with its free-text concern cleared, since that
 * may describe the person. `submission_id` keeps the (random) id so the row still matches the
 * audit trail, which keeps it too; it no longer references a row, hence no foreign key.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  // The name PostgreSQL gave the inline REFERENCES of migration 0006.
  await sql`ALTER TABLE escalations DROP CONSTRAINT IF EXISTS escalations_submission_id_fkey`.execute(
    db,
  );
  // When retention cleared the concern (the submission was purged); null while it is held.
  await db.schema
    .alterTable('escalations')
    .addColumn('personal_data_removed_at', 'timestamptz')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  // Kept records of purged submissions cannot reference them again: they go, as before 0009.
  await sql`DELETE FROM escalations e
    WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.id = e.submission_id)`.execute(db);
  await db.schema.alterTable('escalations').dropColumn('personal_data_removed_at').execute();
  await sql`ALTER TABLE escalations ADD CONSTRAINT escalations_submission_id_fkey
    FOREIGN KEY (submission_id) REFERENCES submissions (id) ON DELETE CASCADE`.execute(db);
}
