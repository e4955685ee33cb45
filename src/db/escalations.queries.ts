import type { Kysely } from 'kysely';
import type { CampaignScope } from './reviews.queries';
import type { Database } from './schema';

/** Safeguarding escalations: the written concern, and the outcome a second person records. */

export async function openEscalation(
  db: Kysely<Database>,
  e: {
    submissionId: string;
    campaignId: string;
    reviewId: string;
    raisedBy: string;
    concern: string;
  },
) {
  return db
    .insertInto('escalations')
    .values({
      submission_id: e.submissionId,
      campaign_id: e.campaignId,
      review_id: e.reviewId,
      raised_by: e.raisedBy,
      concern: e.concern,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export async function findOpenEscalation(db: Kysely<Database>, submissionId: string) {
  return db
    .selectFrom('escalations')
    .select(['id', 'raised_by'])
    .where('submission_id', '=', submissionId)
    .where('closed_at', 'is', null)
    .orderBy('raised_at', 'desc')
    .executeTakeFirst();
}

export async function closeOpenEscalation(
  db: Kysely<Database>,
  id: string,
  closedBy: string,
  outcome: string,
) {
  await db
    .updateTable('escalations')
    .set({ closed_by: closedBy, closed_at: new Date(), outcome })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .execute();
}

/** Open escalations, oldest first, for the admin page ("alerts admins in the app"). */
export async function listOpenEscalations(db: Kysely<Database>, scope: CampaignScope) {
  if (scope !== 'all' && scope.length === 0) return [];
  let q = db
    .selectFrom('escalations as e')
    .innerJoin('users as u', 'u.id', 'e.raised_by')
    .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
    .select([
      'e.id',
      'e.submission_id',
      'e.raised_by',
      'e.concern',
      'e.raised_at',
      'u.email as raised_by_email',
      'c.slug as campaign',
    ])
    .where('e.closed_at', 'is', null);
  if (scope !== 'all') q = q.where('e.campaign_id', 'in', [...scope]);
  return q.orderBy('e.raised_at').limit(200).execute();
}
