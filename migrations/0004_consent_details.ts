import { sql, type Kysely } from 'kysely';

/* Landed migrations are never edited: add a new numbered file instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  // The step-by-step consent's answers. Nullable: consents given before these questions existed
  // (and API clients that do not send them) simply have no answer recorded.
  await db.schema
    .alterTable('consents')
    .addColumn('over_18', 'boolean')
    .addColumn('guardian_agreed', 'boolean')
    .addColumn('health_details_agreed', 'boolean')
    .addColumn('on_behalf_relationship', 'text')
    .addColumn('on_behalf_basis', 'text', (c) =>
      c.check(
        sql`on_behalf_basis IN ('agreed_themselves','lasting_power_of_attorney','best_interests')`,
      ),
    )
    .execute();
  await db.schema
    .alterTable('consents')
    .addCheckConstraint(
      'consents_under_18_needs_guardian',
      sql`over_18 IS DISTINCT FROM false OR guardian_agreed IS TRUE`,
    )
    .execute();
  await db.schema
    .alterTable('consents')
    .addCheckConstraint(
      'consents_on_behalf_complete',
      sql`(on_behalf_relationship IS NULL) = (on_behalf_basis IS NULL)`,
    )
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('consents')
    .dropConstraint('consents_on_behalf_complete')
    .ifExists()
    .execute();
  await db.schema
    .alterTable('consents')
    .dropConstraint('consents_under_18_needs_guardian')
    .ifExists()
    .execute();
  await db.schema
    .alterTable('consents')
    .dropColumn('on_behalf_basis')
    .dropColumn('on_behalf_relationship')
    .dropColumn('health_details_agreed')
    .dropColumn('guardian_agreed')
    .dropColumn('over_18')
    .execute();
}
