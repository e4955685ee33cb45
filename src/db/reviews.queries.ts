import { CompiledQuery, sql, type Kysely } from 'kysely';
import { submissionStatuses, type SubmissionStatus } from '../domain/submission-states';
import type { Database, ReviewChecklistJson, ReviewDecision } from './schema';

/** The review queue, claims, decisions and the audit listing, each shaped to its use. */

/** Every campaign (admins) or these campaign ids. */
export type CampaignScope = 'all' | readonly string[];

export type QueueStatus = SubmissionStatus | 'escalated';

export interface QueueFilter {
  scope: CampaignScope;
  campaignId?: string;
  status: QueueStatus;
  language?: 'en' | 'cy';
  /** Only clips whose live version has no captions file yet. */
  captionsMissing?: boolean;
  /** Only clips with a safeguarding escalation open (any status). */
  flagged?: boolean;
  /** Keyset pagination: the page after this (created_at as PostgreSQL text, at full precision). */
  after?: { createdAt: string; id: string };
  limit: number;
}

/**
 * One page of the queue, oldest first, with the counts, in one statement and one round trip:
 * PostgreSQL builds the JSON, so no row is parsed field by field here. Keyset pagination on
 * (created_at, id) reads the `submissions_queue_order` or `submissions_campaign_status` index,
 * so a page costs the same wherever it is in the queue; the counts are summed from
 * `review_queue_counts` (at most 36 rows a campaign), which a trigger keeps in step with the rows
 * (migration 0006). Counts follow the scope, campaign and language, not the other filters.
 *
 * The statement is written out here rather than built with Kysely: it is the busiest read in
 * the app, and compiling the builder's tree on every request cost more CPU than PostgreSQL's
 * answer (bench/review-queue.bench.ts). Values are always parameters, never spliced in.
 */
export async function readReviewQueue(db: Kysely<Database>, f: QueueFilter) {
  const none = { items: [], counts: emptyCounts() };
  if (f.scope !== 'all' && f.scope.length === 0) return none;
  const { text, parameters } = queueStatement(f);
  const result = await db.executeQuery<{ items: QueueRow[]; counts: CountRow[] }>(
    CompiledQuery.raw(text, parameters),
  );
  const row = result.rows[0];
  const counts = emptyCounts();
  for (const r of row?.counts ?? []) {
    const status = r.status as SubmissionStatus;
    const key: QueueStatus = r.escalated && status === 'awaiting_review' ? 'escalated' : status;
    if (key in counts) counts[key] += Number(r.n);
  }
  return { items: row?.items ?? [], counts };
}

export interface QueueRow {
  id: string;
  status: SubmissionStatus;
  campaign: string;
  language: 'en' | 'cy';
  /** ISO 8601 in UTC with milliseconds, as the API shows it. */
  created_at: string;
  /** created_at as PostgreSQL text, at full precision: the page key. */
  created_key: string;
  media_version: number;
  escalated: boolean;
  claimed_by: string | null;
  captions_missing: boolean;
}

interface CountRow {
  status: string;
  escalated: boolean;
  n: string | number;
}

const emptyCounts = () =>
  Object.fromEntries([...submissionStatuses, 'escalated'].map((s) => [s, 0])) as Record<
    QueueStatus,
    number
  >;

const CAPTIONS_MISSING = `not exists (select 1 from media_assets m
  where m.submission_id = s.id and m.version = s.media_version and m.name like 'captions.%.vtt')`;

/** The queue statement for a filter: its text and its parameters ($1, $2, ... in order). */
export function queueStatement(f: QueueFilter): { text: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const param = (v: unknown, cast = '') => {
    parameters.push(v);
    return `$${parameters.length}${cast}`;
  };
  const where: string[] = [];
  if (f.scope !== 'all') where.push(`s.campaign_id = any(${param([...f.scope], '::uuid[]')})`);
  if (f.campaignId) where.push(`s.campaign_id = ${param(f.campaignId, '::uuid')}`);
  if (f.language) where.push(`s.language = ${param(f.language)}`);
  if (f.captionsMissing) where.push(CAPTIONS_MISSING);
  if (f.status === 'escalated') {
    where.push(`s.status = 'awaiting_review'`, 's.escalated_at is not null');
  } else {
    where.push(`s.status = ${param(f.status)}`);
    if (f.flagged) where.push('s.escalated_at is not null');
    // Escalated clips wait for an admin: they leave the ordinary queue (see ?status=escalated).
    else if (f.status === 'awaiting_review') where.push('s.escalated_at is null');
  }
  if (f.after) {
    where.push(
      `(s.created_at, s.id) > (${param(f.after.createdAt, '::timestamptz')}, ${param(f.after.id, '::uuid')})`,
    );
  }
  const limit = param(f.limit, '::int');
  const countsWhere: string[] = [];
  if (f.scope !== 'all')
    countsWhere.push(`q.campaign_id = any(${param([...f.scope], '::uuid[]')})`);
  if (f.campaignId) countsWhere.push(`q.campaign_id = ${param(f.campaignId, '::uuid')}`);
  if (f.language) countsWhere.push(`q.language = ${param(f.language)}`);
  const text = `select
  (select coalesce(json_agg(page), '[]') from (
    select s.id, s.status, c.slug as campaign, s.language,
      to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
      s.created_at::text as created_key, s.media_version,
      s.escalated_at is not null as escalated, cu.email as claimed_by,
      ${CAPTIONS_MISSING} as captions_missing
    from submissions s
    join campaigns c on c.id = s.campaign_id
    left join review_claims rc on rc.submission_id = s.id and rc.expires_at > now()
    left join users cu on cu.id = rc.user_id
    where ${where.join(' and ')}
    order by s.created_at, s.id
    limit ${limit}) page) as items,
  (select coalesce(json_agg(per_state), '[]') from (
    select q.status, q.escalated, sum(q.n) as n from review_queue_counts q
    ${countsWhere.length ? `where ${countsWhere.join(' and ')}` : ''}
    group by q.status, q.escalated) per_state) as counts`;
  return { text, parameters };
}

/** The same counts straight from the rows: what the trigger-kept table must always equal. */
export async function recountReviewQueue(db: Kysely<Database>) {
  const rows = await sql<{
    campaign_id: string;
    status: string;
    language: string;
    escalated: boolean;
    n: number;
  }>`
    SELECT campaign_id, status, language, escalated_at IS NOT NULL AS escalated, count(*)::int AS n
    FROM submissions GROUP BY 1, 2, 3, 4
    EXCEPT
    SELECT campaign_id, status, language, escalated, n FROM review_queue_counts WHERE n <> 0`.execute(
    db,
  );
  const extra = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT campaign_id, status, language, escalated, n FROM review_queue_counts WHERE n <> 0
      EXCEPT
      SELECT campaign_id, status, language, escalated_at IS NOT NULL, count(*)::int
      FROM submissions GROUP BY 1, 2, 3, 4) d`.execute(db);
  return { missing: rows.rows, extra: extra.rows[0]?.n ?? 0 };
}

/**
 * Takes or renews the claim in one statement: a new claim inserts; an existing row is taken
 * over only when it has expired or is the caller's own. Two concurrent claims serialise on
 * the primary key, so exactly one gets a row back.
 */
export async function claimSubmission(
  db: Kysely<Database>,
  submissionId: string,
  userId: string,
  seconds: number,
) {
  const r = await sql<{ expires_at: Date; renewed: boolean }>`
    INSERT INTO review_claims AS rc (submission_id, user_id, claimed_at, expires_at)
    VALUES (${submissionId}, ${userId}, now(), now() + make_interval(secs => ${seconds}))
    ON CONFLICT (submission_id) DO UPDATE
      SET user_id = EXCLUDED.user_id,
          expires_at = EXCLUDED.expires_at,
          claimed_at = CASE WHEN rc.user_id = EXCLUDED.user_id AND rc.expires_at > now()
            THEN rc.claimed_at ELSE EXCLUDED.claimed_at END
      WHERE rc.expires_at <= now() OR rc.user_id = EXCLUDED.user_id
    RETURNING rc.expires_at, (rc.claimed_at < now()) AS renewed`.execute(db);
  return r.rows[0];
}

export async function getClaim(db: Kysely<Database>, submissionId: string) {
  return db
    .selectFrom('review_claims as rc')
    .innerJoin('users as u', 'u.id', 'rc.user_id')
    .select(['rc.user_id', 'rc.expires_at', 'u.email'])
    .where('rc.submission_id', '=', submissionId)
    .executeTakeFirst();
}

export async function releaseClaim(db: Kysely<Database>, submissionId: string) {
  await db.deleteFrom('review_claims').where('submission_id', '=', submissionId).execute();
}

/** The row a decision is checked against, locked until the decision's transaction ends. */
export async function lockSubmissionForReview(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('submissions')
    .select(['id', 'status', 'media_version', 'campaign_id', 'escalated_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertReview(
  db: Kysely<Database>,
  r: {
    submissionId: string;
    mediaVersion: number;
    userId: string;
    decision: ReviewDecision;
    consentCheck: boolean;
    contentCheck: boolean;
    reasonCode: string | null;
    note: string;
    checklist?: ReviewChecklistJson;
  },
) {
  return db
    .insertInto('reviews')
    .values({
      submission_id: r.submissionId,
      media_version: r.mediaVersion,
      user_id: r.userId,
      decision: r.decision,
      consent_check: r.consentCheck,
      content_check: r.contentCheck,
      reason_code: r.reasonCode,
      note: r.note,
      checklist: r.checklist ?? {},
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function setEscalated(db: Kysely<Database>, id: string, escalated: boolean) {
  return db
    .updateTable('submissions')
    .set({ escalated_at: escalated ? (sql<Date>`now()` as unknown as Date) : null })
    .where('id', '=', id)
    .returning(['id', 'campaign_id', 'escalated_at'])
    .executeTakeFirst();
}

export async function listReviews(db: Kysely<Database>, submissionId: string) {
  return db
    .selectFrom('reviews as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select([
      'r.id',
      'r.decision',
      'r.media_version',
      'r.consent_check',
      'r.content_check',
      'r.reason_code',
      'r.note',
      'r.checklist',
      'r.created_at',
      'u.email',
    ])
    .where('r.submission_id', '=', submissionId)
    .orderBy('r.created_at', 'desc')
    .execute();
}

/** What the review page shows beside the video: the consent as recorded. */
export async function getConsentRecord(db: Kysely<Database>, submissionId: string) {
  return db
    .selectFrom('consents as k')
    .innerJoin('consent_statements as cs', 'cs.id', 'k.statement_id')
    .select([
      'k.scopes',
      'k.others_appear',
      'k.others_consented',
      'k.display_name',
      'k.language',
      'k.method',
      'k.witnessed_by',
      'k.over_18',
      'k.guardian_agreed',
      'k.health_details_agreed',
      'k.on_behalf_relationship',
      'k.on_behalf_basis',
      'k.given_at',
      'k.withdrawn_at',
      'cs.version as statement_version',
      'cs.text_en',
      'cs.text_cy',
    ])
    .where('k.submission_id', '=', submissionId)
    .executeTakeFirst();
}

export async function listAudit(
  db: Kysely<Database>,
  f: { scope: CampaignScope; subjectId?: string; action?: string; limit: number },
) {
  let q = db.selectFrom('audit_events').selectAll();
  if (f.scope !== 'all') {
    if (f.scope.length === 0) return [];
    q = q.where('campaign_id', 'in', [...f.scope]);
  }
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.action) q = q.where('action', '=', f.action);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}
