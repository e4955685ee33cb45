import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** What the contributor's receipt shows beyond the submission itself, one query per use. */

/** The newest "changes asked for" decision on a submission: its reason code and note. */
export async function getLatestChangeRequest(db: Kysely<Database>, submissionId: string) {
  return db
    .selectFrom('reviews')
    .select(['reason_code', 'note', 'created_at'])
    .where('submission_id', '=', submissionId)
    .where('decision', '=', 'request_changes')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The recorded consent, as the receipt lists it back (nothing once withdrawn). */
export async function getConsentForReceipt(db: Kysely<Database>, submissionId: string) {
  return db
    .selectFrom('consents')
    .select([
      'scopes',
      'others_appear',
      'others_consented',
      'over_18',
      'guardian_agreed',
      'health_details_agreed',
      'on_behalf_relationship',
      'on_behalf_basis',
      'withdrawn_at',
    ])
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
}
