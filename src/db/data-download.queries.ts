import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * What we hold about one contributor's submission, for their data download. Staff identities
 * (user ids, emails, actor ids, who witnessed or recorded a consent) are never selected.
 */
export async function getSubmissionDataRecord(db: Kysely<Database>, submissionId: string) {
  const [submission, consent, history, messages, transcripts, media] = await Promise.all([
    db
      .selectFrom('submissions as s')
      .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
      .select([
        's.id',
        's.status',
        's.kind',
        's.language',
        's.media_version',
        's.duration_seconds',
        's.original_content_type',
        's.failure_code',
        's.created_at',
        's.updated_at',
        'c.slug as campaign_slug',
        'c.name_en as campaign_name_en',
        'c.name_cy as campaign_name_cy',
      ])
      .where('s.id', '=', submissionId)
      .executeTakeFirst(),
    db
      .selectFrom('consents as k')
      .innerJoin('consent_statements as cs', 'cs.id', 'k.statement_id')
      .select([
        'k.scopes',
        'k.others_appear',
        'k.others_consented',
        'k.display_name',
        'k.language',
        'k.method',
        'k.given_at',
        'k.withdrawn_at',
        'k.over_18',
        'k.guardian_agreed',
        'k.health_details_agreed',
        'k.on_behalf_relationship',
        'k.on_behalf_basis',
        'cs.version as statement_version',
        'cs.text_en',
        'cs.text_cy',
      ])
      .where('k.submission_id', '=', submissionId)
      .executeTakeFirst(),
    db
      .selectFrom('audit_events')
      .select(['at', 'action', 'actor_type', 'details'])
      .where('subject_type', '=', 'submission')
      .where('subject_id', '=', submissionId)
      .orderBy('id')
      .execute(),
    // What moderators told the contributor: changes asked for, or why it was not used.
    db
      .selectFrom('reviews')
      .select(['created_at', 'decision', 'reason_code', 'note', 'media_version'])
      .where('submission_id', '=', submissionId)
      .where('decision', 'in', ['request_changes', 'reject'])
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('caption_revisions')
      .select(['lang', 'transcript', 'created_at', 'media_version'])
      .where('submission_id', '=', submissionId)
      .where('created_by', '=', 'contributor')
      .where('transcript', 'is not', null)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('media_assets')
      .select(['version', 'name', 'content_type', 'bytes'])
      .where('submission_id', '=', submissionId)
      .orderBy('version')
      .orderBy('name')
      .execute(),
  ]);
  return submission ? { submission, consent, history, messages, transcripts, media } : undefined;
}

export type SubmissionDataRecord = NonNullable<Awaited<ReturnType<typeof getSubmissionDataRecord>>>;
