import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { ObjectStore } from '../storage/object-store';
import { latestCaptionRevision } from './caption-revisions';
import type { CaptionLanguage } from './cue';
import { parseCaptions } from './parse-captions';
import { publishCaptions, type CaptionActor } from './publish-captions';
import { shiftCues, type TrimWindow } from './shift-cues';

const LANGUAGES: readonly CaptionLanguage[] = ['en', 'cy'];

/**
 * Captions of every language of one media version, moved onto the next version after a trim:
 * published for the new version as an `edit` revision, so the captions job later finds them
 * present and does not transcribe again. A language already carried (a retried job) is left
 * alone. Given a transaction as `db`, the rows are written in it (the redact job passes the one
 * that moves the version, so the version never goes live without its captions); the VTT objects
 * are written first, and one left unlisted by a rollback is overwritten by the retry. Returns
 * how many cues each language kept.
 */
export async function carryShiftedCaptions(
  deps: { db: Kysely<Database>; store: ObjectStore },
  p: {
    submissionId: string;
    campaignId: string | null;
    fromVersion: number;
    toVersion: number;
    trim: TrimWindow;
    actor: CaptionActor;
  },
): Promise<Partial<Record<CaptionLanguage, number>>> {
  const carried: Partial<Record<CaptionLanguage, number>> = {};
  for (const lang of LANGUAGES) {
    const old = await latestCaptionRevision(deps.db, p.submissionId, p.fromVersion, lang);
    if (!old?.vtt) continue;
    const done = await latestCaptionRevision(deps.db, p.submissionId, p.toVersion, lang);
    if (done?.vtt) continue;
    const cues = shiftCues(parseCaptions(old.vtt, 'vtt'), p.trim);
    // Everything said was in the part cut off: no captions beat an empty file.
    if (cues.length === 0) continue;
    await publishCaptions(deps, {
      submissionId: p.submissionId,
      campaignId: p.campaignId,
      mediaVersion: p.toVersion,
      lang,
      source: 'edit',
      cues,
      actor: p.actor,
    });
    carried[lang] = cues.length;
  }
  return carried;
}
