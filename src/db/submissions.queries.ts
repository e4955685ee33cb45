import { sql, type Kysely, type Transaction } from 'kysely';
import type { Consent } from '../domain/consent';
import { nextState, type SubmissionEvent } from '../domain/submission-states';
import { recordAudit, type AuditEntry } from './audit.queries';
import { inTransaction } from './database';
import type { Database, Submission, SubmissionsTable } from './schema';

type Patch = Partial<
  Pick<
    SubmissionsTable,
    'failure_code' | 'failure_detail' | 'original_content_type' | 'duration_seconds' | 'kind'
  > & { probe: string | null; media_version: number; progress: number; original_bytes: number }
>;

/**
 * Moves a submission by `event` inside a transaction that locks the row and checks its current
 * state with the pure state machine. Returns the updated row, or undefined when the state had
 * already moved (the caller then does nothing: a job that finds the state moved is a no-op).
 */
export async function transitionSubmission(
  db: Kysely<Database>,
  id: string,
  event: SubmissionEvent,
  patch: Patch = {},
  audit?: Omit<AuditEntry, 'subject' | 'action'> & { action?: string },
): Promise<Submission | undefined> {
  const run = async (trx: Transaction<Database>) => {
    const current = await trx
      .selectFrom('submissions')
      .select(['status', 'campaign_id'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return undefined;
    const next = nextState(current.status, event);
    if (!next) return undefined;
    const row = await trx
      .updateTable('submissions')
      .set({ ...patch, status: next, updated_at: sql<Date>`now()` as unknown as Date })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (audit && current.status !== next) {
      await recordAudit(trx, {
        ...audit,
        action: audit.action ?? `submission.${event}`,
        subject: { type: 'submission', id },
        campaignId: current.campaign_id,
        details: { from: current.status, to: next, ...(audit.details ?? {}) },
      });
    }
    return row;
  };
  return inTransaction(db, run);
}

export interface NewSubmission {
  id: string;
  campaignId: string;
  statementId: string;
  consent: Consent;
  status: 'uploading' | 'uploaded';
  originalBytes?: number;
  originalContentType?: string;
}

/** Inserts a submission with its consent record. Call inside the caller's transaction. */
export async function insertSubmission(trx: Kysely<Database>, s: NewSubmission) {
  const row = await trx
    .insertInto('submissions')
    .values({
      id: s.id,
      campaign_id: s.campaignId,
      status: s.status,
      language: s.consent.language,
      failure_code: null,
      failure_detail: null,
      kind: null,
      original_bytes: s.originalBytes ?? null,
      original_content_type: s.originalContentType ?? null,
      duration_seconds: null,
      probe: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('consents')
    .values({
      submission_id: s.id,
      statement_id: s.statementId,
      scopes: s.consent.scopes,
      others_appear: s.consent.othersAppear,
      others_consented: s.consent.othersConsented,
      display_name: s.consent.displayName,
      language: s.consent.language,
      withdrawn_at: null,
      over_18: s.consent.over18 ?? null,
      guardian_agreed: s.consent.guardianAgreed ?? null,
      health_details_agreed: s.consent.healthDetailsAgreed ?? null,
      on_behalf_relationship: s.consent.onBehalf?.relationship ?? null,
      on_behalf_basis: s.consent.onBehalf?.basis ?? null,
    })
    .execute();
  return row;
}

export async function getSubmission(db: Kysely<Database>, id: string) {
  return db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What a processing job needs: the submission, its campaign's name and the name to show. */
export async function getSubmissionForProcessing(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
    .leftJoin('consents as k', 'k.submission_id', 's.id')
    .select([
      's.id',
      's.status',
      's.media_version',
      's.language',
      'c.name_en',
      'c.name_cy',
      'c.max_duration_seconds',
      'k.display_name',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/** The name or pseudonym the contributor chose to show (null once consent is withdrawn). */
export async function getDisplayName(db: Kysely<Database>, submissionId: string) {
  const row = await db
    .selectFrom('consents')
    .select('display_name')
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
  return row?.display_name ?? null;
}

export async function listMediaAssets(db: Kysely<Database>, submissionId: string, version: number) {
  return db
    .selectFrom('media_assets')
    .select(['name', 'content_type', 'bytes'])
    .where('submission_id', '=', submissionId)
    .where('version', '=', version)
    .orderBy('name')
    .execute();
}

export async function replaceMediaAssets(
  trx: Kysely<Database>,
  submissionId: string,
  version: number,
  assets: Array<{ name: string; contentType: string; bytes: number }>,
) {
  // Caption rows belong to the captions step and the captions API, not to the renditions.
  await trx
    .deleteFrom('media_assets')
    .where('submission_id', '=', submissionId)
    .where('version', '=', version)
    .where('name', 'not like', 'captions.%')
    .execute();
  if (assets.length === 0) return;
  await trx
    .insertInto('media_assets')
    .values(
      assets.map((a) => ({
        submission_id: submissionId,
        version,
        name: a.name,
        content_type: a.contentType,
        bytes: a.bytes,
      })),
    )
    .execute();
}

/** Submissions the queue owes work for, oldest first (used by the reconciler). */
export async function listSubmissionsOwingWork(db: Kysely<Database>, olderThanSeconds: number) {
  return db
    .selectFrom('submissions')
    .select(['id', 'media_version', 'status'])
    .where('status', 'in', ['uploaded', 'processing'])
    .where('updated_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .orderBy('updated_at')
    .limit(500)
    .execute();
}

/**
 * Current versions of submissions in review or decided whose 720p was listed more than
 * `olderThanSeconds` ago: the versions whose follow-up jobs (360p, captions) should have run.
 */
const publishedVersionsOlderThan = (db: Kysely<Database>, olderThanSeconds: number) =>
  db
    .selectFrom('submissions as s')
    .innerJoin('media_assets as hd', (j) =>
      j
        .onRef('hd.submission_id', '=', 's.id')
        .onRef('hd.version', '=', 's.media_version')
        .on('hd.name', '=', '720p.mp4'),
    )
    .select(['s.id', 's.media_version'])
    .where('s.status', 'in', ['awaiting_review', 'approved', 'changes_requested', 'rejected'])
    .where('hd.created_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .orderBy('hd.created_at')
    .limit(500);

/** Published versions still without their 360p (see workers/low-rendition.processor.ts). */
export async function listVersionsOwingLowRendition(
  db: Kysely<Database>,
  olderThanSeconds: number,
) {
  return publishedVersionsOlderThan(db, olderThanSeconds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('media_assets as low')
            .select('low.name')
            .whereRef('low.submission_id', '=', 's.id')
            .whereRef('low.version', '=', 's.media_version')
            .where('low.name', '=', '360p.mp4'),
        ),
      ),
    )
    .execute();
}

/**
 * Published versions still without captions in the submission's language and without a
 * recorded reason why (`captions.missing`, see workers/captions.processor.ts): no revision of
 * this version has a VTT, and no captions job said it could not make one.
 */
export async function listVersionsOwingCaptions(db: Kysely<Database>, olderThanSeconds: number) {
  return publishedVersionsOlderThan(db, olderThanSeconds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('caption_revisions as c')
            .select('c.id')
            .whereRef('c.submission_id', '=', 's.id')
            .whereRef('c.media_version', '=', 's.media_version')
            .whereRef('c.lang', '=', 's.language')
            .where('c.vtt', 'is not', null),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('audit_events as a')
            .select('a.id')
            .where('a.subject_type', '=', 'submission')
            .whereRef('a.subject_id', '=', sql<string>`s.id::text`)
            .where('a.action', '=', 'captions.missing')
            .where(sql<boolean>`a.details->>'mediaVersion' = s.media_version::text`),
        ),
      ),
    )
    .execute();
}

export async function setProgress(db: Kysely<Database>, id: string, progress: number) {
  await db
    .updateTable('submissions')
    .set({ progress: Math.max(0, Math.min(100, Math.round(progress))) })
    .where('id', '=', id)
    .where('status', '=', 'processing')
    .execute();
}
