import type { Kysely } from 'kysely';
import { recordAudit } from '../db/audit.queries';
import { inTransaction } from '../db/database';
import type { ActorType, Database } from '../db/schema';
import type { ObjectStore } from '../storage/object-store';
import { mediaKey } from '../storage/keys';
import { insertCaptionRevision } from './caption-revisions';
import {
  captionsAssetName,
  VTT_CONTENT_TYPE,
  type CaptionLanguage,
  type CaptionSource,
  type Cue,
} from './cue';
import { writeVtt } from './write-vtt';
import { Readable } from 'node:stream';

export interface CaptionActor {
  type: ActorType;
  id?: string | null;
}

export interface PublishCaptions {
  submissionId: string;
  campaignId: string | null;
  mediaVersion: number;
  lang: CaptionLanguage;
  source: CaptionSource;
  cues: Cue[];
  /** The transcript the cues were timed from, kept with the revision. */
  transcript?: string;
  actor: CaptionActor;
}

const createdBy = (a: CaptionActor) => (a.id ? `${a.type}:${a.id}` : a.type);

/**
 * Writes captions.{lang}.vtt under the media version, then, in one transaction, lists it in the
 * submission's media (insert or replace its media_assets row), keeps the revision and records
 * the audit event. The object is written first: a failed transaction leaves an unlisted object
 * that the next publish overwrites, never a listed asset without bytes.
 */
export async function publishCaptions(
  deps: { db: Kysely<Database>; store: ObjectStore },
  p: PublishCaptions,
): Promise<{ name: string; contentType: string; bytes: number; revisionId: string }> {
  const vtt = writeVtt(p.cues);
  const name = captionsAssetName(p.lang);
  const body = Buffer.from(vtt, 'utf8');
  await deps.store.putStream(
    mediaKey(p.submissionId, p.mediaVersion, name),
    Readable.from([body]),
    {
      contentType: `${VTT_CONTENT_TYPE}; charset=utf-8`,
    },
  );
  // Joins the caller's transaction if given one (a redaction moves the version and carries its
  // captions together).
  const revisionId = await inTransaction(deps.db, async (trx) => {
    await trx
      .insertInto('media_assets')
      .values({
        submission_id: p.submissionId,
        version: p.mediaVersion,
        name,
        content_type: VTT_CONTENT_TYPE,
        bytes: body.length,
      })
      .onConflict((oc) =>
        oc.columns(['submission_id', 'version', 'name']).doUpdateSet({
          content_type: VTT_CONTENT_TYPE,
          bytes: body.length,
        }),
      )
      .execute();
    const rev = await insertCaptionRevision(trx, {
      submissionId: p.submissionId,
      mediaVersion: p.mediaVersion,
      lang: p.lang,
      source: p.source,
      vtt,
      transcript: p.transcript ?? null,
      createdBy: createdBy(p.actor),
    });
    await recordAudit(trx, {
      actor: { type: p.actor.type, id: p.actor.id ?? null },
      action: 'captions.published',
      subject: { type: 'submission', id: p.submissionId },
      campaignId: p.campaignId,
      details: {
        lang: p.lang,
        source: p.source,
        cues: p.cues.length,
        mediaVersion: p.mediaVersion,
        revision: rev.id,
      },
    });
    return rev.id;
  });
  return { name, contentType: VTT_CONTENT_TYPE, bytes: body.length, revisionId };
}

/** Keeps a transcript to be timed later by the captions job, as a revision with no VTT. */
export async function saveTranscript(
  db: Kysely<Database>,
  p: Omit<PublishCaptions, 'cues' | 'source' | 'transcript'> & { transcript: string },
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const rev = await insertCaptionRevision(trx, {
      submissionId: p.submissionId,
      mediaVersion: p.mediaVersion,
      lang: p.lang,
      source: 'transcript',
      vtt: null,
      transcript: p.transcript,
      createdBy: createdBy(p.actor),
    });
    await recordAudit(trx, {
      actor: { type: p.actor.type, id: p.actor.id ?? null },
      action: 'captions.transcript_received',
      subject: { type: 'submission', id: p.submissionId },
      campaignId: p.campaignId,
      details: {
        lang: p.lang,
        words: p.transcript.split(/\s+/).filter(Boolean).length,
        revision: rev.id,
      },
    });
    return rev.id;
  });
}
