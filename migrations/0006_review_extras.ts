import { sql, type Kysely } from 'kysely';

/*
 * Review extras (issue 6): queue counts kept in step with the rows by a trigger, the index the
 * queue's keyset pages read, the content checklist ticked with each decision, safeguarding
 * escalations with their written concern and outcome, and who witnessed consent given on paper,
 * by phone or in person.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  // The queue in order for every campaign at once (admins), and a page after a (created_at, id).
  await db.schema
    .createIndex('submissions_queue_order')
    .on('submissions')
    .columns(['status', 'created_at', 'id'])
    .execute();

  /*
   * How many submissions per campaign, status, language and escalation. Counting 10,000 rows on
   * every queue request cost more than the page itself; this table is changed by a trigger in
   * the same transaction as the row, so it cannot drift from the rows it counts
   * (test/review.int.test.ts recounts and compares).
   */
  await db.schema
    .createTable('review_queue_counts')
    .addColumn('campaign_id', 'uuid', (c) =>
      c.notNull().references('campaigns.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('escalated', 'boolean', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_queue_counts_pk', [
      'campaign_id',
      'status',
      'language',
      'escalated',
    ])
    .execute();
  // Both keys are changed in one fixed order (the smaller first), so two transitions in the
  // same campaign can wait for each other but never deadlock.
  await sql`
    CREATE FUNCTION review_queue_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      old_key text;
      new_key text;
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        old_key := OLD.campaign_id::text || OLD.status || OLD.language || (OLD.escalated_at IS NOT NULL)::text;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        new_key := NEW.campaign_id::text || NEW.status || NEW.language || (NEW.escalated_at IS NOT NULL)::text;
      END IF;
      IF new_key IS NOT NULL AND (old_key IS NULL OR new_key < old_key) THEN
        INSERT INTO review_queue_counts AS q VALUES
          (NEW.campaign_id, NEW.status, NEW.language, NEW.escalated_at IS NOT NULL, 1)
        ON CONFLICT (campaign_id, status, language, escalated) DO UPDATE SET n = q.n + 1;
        new_key := NULL;
      END IF;
      IF old_key IS NOT NULL THEN
        UPDATE review_queue_counts SET n = n - 1
        WHERE campaign_id = OLD.campaign_id AND status = OLD.status AND language = OLD.language
          AND escalated = (OLD.escalated_at IS NOT NULL);
      END IF;
      IF new_key IS NOT NULL THEN
        INSERT INTO review_queue_counts AS q VALUES
          (NEW.campaign_id, NEW.status, NEW.language, NEW.escalated_at IS NOT NULL, 1)
        ON CONFLICT (campaign_id, status, language, escalated) DO UPDATE SET n = q.n + 1;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER review_queue_counts_insert_delete AFTER INSERT OR DELETE ON submissions
    FOR EACH ROW EXECUTE FUNCTION review_queue_counts_track()`.execute(db);
  await sql`
    CREATE TRIGGER review_queue_counts_update
    AFTER UPDATE OF campaign_id, status, language, escalated_at ON submissions
    FOR EACH ROW WHEN (
      OLD.campaign_id IS DISTINCT FROM NEW.campaign_id OR OLD.status IS DISTINCT FROM NEW.status
      OR OLD.language IS DISTINCT FROM NEW.language
      OR (OLD.escalated_at IS NULL) <> (NEW.escalated_at IS NULL))
    EXECUTE FUNCTION review_queue_counts_track()`.execute(db);
  await sql`
    INSERT INTO review_queue_counts (campaign_id, status, language, escalated, n)
    SELECT campaign_id, status, language, escalated_at IS NOT NULL, count(*)
    FROM submissions GROUP BY 1, 2, 3, 4`.execute(db);

  // The content checklist as ticked: {"checked": [...], "concerns": [...], "adultAtRisk": bool}.
  await db.schema
    .alterTable('reviews')
    .addColumn('checklist', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();

  // A safeguarding concern in writing for the safeguarding lead; closed by someone else.
  await db.schema
    .createTable('escalations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('submission_id', 'uuid', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('campaign_id', 'uuid', (c) =>
      c.notNull().references('campaigns.id').onDelete('cascade'),
    )
    .addColumn('review_id', 'uuid', (c) => c.references('reviews.id').onDelete('set null'))
    .addColumn('raised_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('concern', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addCheckConstraint(
      'escalations_second_person',
      sql`closed_by IS NULL OR closed_by <> raised_by`,
    )
    .addCheckConstraint(
      'escalations_closed_whole',
      sql`(closed_at IS NULL) = (closed_by IS NULL) AND (closed_at IS NULL) = (outcome IS NULL)`,
    )
    .execute();
  await sql`CREATE INDEX escalations_open ON escalations (raised_at) WHERE closed_at IS NULL`.execute(
    db,
  );
  await db.schema
    .createIndex('escalations_submission')
    .on('escalations')
    .column('submission_id')
    .execute();

  // Consent given on paper, by phone or in person and entered by staff: who saw it given.
  await db.schema
    .alterTable('consents')
    .addColumn('witnessed_by', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('consents')
    .dropColumn('recorded_by')
    .dropColumn('witnessed_by')
    .execute();
  await db.schema.dropTable('escalations').ifExists().execute();
  await db.schema.alterTable('reviews').dropColumn('checklist').execute();
  await sql`DROP TRIGGER IF EXISTS review_queue_counts_update ON submissions`.execute(db);
  await sql`DROP TRIGGER IF EXISTS review_queue_counts_insert_delete ON submissions`.execute(db);
  await sql`DROP FUNCTION IF EXISTS review_queue_counts_track()`.execute(db);
  await db.schema.dropTable('review_queue_counts').ifExists().execute();
  await db.schema.dropIndex('submissions_queue_order').ifExists().execute();
}
