import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { CaptionLanguage, CaptionSource } from './cue';

/** Queries for the caption_revisions table (migrations/0003_captions.ts). */
export interface NewCaptionRevision {
  submissionId: string;
  mediaVersion: number;
  lang: CaptionLanguage;
  source: CaptionSource;
  vtt: string | null;
  transcript?: string | null;
  /** `contributor`, `staff:<id>` or `job:<id>`: who made this version. */
  createdBy: string;
}

export async function insertCaptionRevision(db: Kysely<Database>, r: NewCaptionRevision) {
  return db
    .insertInto('caption_revisions')
    .values({
      submission_id: r.submissionId,
      media_version: r.mediaVersion,
      lang: r.lang,
      source: r.source,
      vtt: r.vtt,
      transcript: r.transcript ?? null,
      created_by: r.createdBy,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function listCaptionRevisions(db: Kysely<Database>, submissionId: string) {
  return db
    .selectFrom('caption_revisions')
    .select(['id', 'media_version', 'lang', 'source', 'created_by', 'created_at'])
    .where('submission_id', '=', submissionId)
    .orderBy('id')
    .execute();
}

/** The newest revision for a language of a media version (with or without timed captions). */
export async function latestCaptionRevision(
  db: Kysely<Database>,
  submissionId: string,
  mediaVersion: number,
  lang: CaptionLanguage,
) {
  return db
    .selectFrom('caption_revisions')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .where('media_version', '=', mediaVersion)
    .where('lang', '=', lang)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * A transcript still waiting to be timed: the newest revision is a transcript with no VTT.
 * Once captions are published from it (or replaced), this returns nothing.
 */
export async function pendingTranscript(
  db: Kysely<Database>,
  submissionId: string,
  mediaVersion: number,
  lang: CaptionLanguage,
): Promise<string | null> {
  const latest = await latestCaptionRevision(db, submissionId, mediaVersion, lang);
  return latest && latest.vtt === null && latest.transcript ? latest.transcript : null;
}
