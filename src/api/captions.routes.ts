import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express, { Router, type Request } from 'express';
import { extractSpeechWav } from '../captions/audio';
import { transcriptEngine } from '../captions/engine';
import { captionsAssetName, type CaptionLanguage } from '../captions/cue';
import { parseCaptions } from '../captions/parse-captions';
import { publishCaptions, saveTranscript, type CaptionActor } from '../captions/publish-captions';
import { splitSentences } from '../captions/sentences';
import { languages } from '../domain/consent';
import { MAX_TRANSCRIPT_CHARS } from './upload-intake';
import { getClaim } from '../db/reviews.queries';
import { AppError } from '../domain/errors';
import type { SubmissionStatus } from '../domain/submission-states';
import { getSubmission } from '../db/submissions.queries';
import { originalKey } from '../storage/keys';
import { bearerToken } from './bearer';
import type { ApiDeps } from './deps';
import { sendSubmissionMedia, submissionForToken } from './submission-service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EDITABLE: readonly SubmissionStatus[] = [
  'uploaded',
  'processing',
  'awaiting_review',
  'changes_requested',
];
/** Transcripts of clips up to this long are timed during the request; longer ones by the job. */
const INLINE_ALIGN_MAX_SECONDS = 180;

type Submission = NonNullable<Awaited<ReturnType<typeof getSubmission>>>;

/**
 * STAFF HOOK: staff sessions arrive from another engineer. Until then this resolves nobody;
 * when it returns a staff id, that person may change captions (their edits are source 'edit').
 */
export type StaffCaptionsAccess = (
  req: Request,
  submissionId: string,
) => Promise<{ staffId: string } | null>;
const noStaffYet: StaffCaptionsAccess = async () => null;

function params(req: Request): { id: string; lang: CaptionLanguage } {
  const { id, lang } = req.params;
  if (typeof id !== 'string' || !UUID.test(id)) {
    throw new AppError('not_found', 'No submission was found for this link.');
  }
  if (!languages.includes(lang as CaptionLanguage)) {
    throw new AppError('not_found', 'Captions exist in English (en) and Welsh (cy) only.');
  }
  return { id: id.toLowerCase(), lang: lang as CaptionLanguage };
}

async function whoMayEdit(
  deps: ApiDeps,
  staff: StaffCaptionsAccess,
  req: Request,
  id: string,
): Promise<{ s: Submission; actor: CaptionActor }> {
  const member = await staff(req, id);
  if (member) {
    const s = await getSubmission(deps.db, id);
    if (!s) throw new AppError('not_found', 'No submission was found for this link.');
    return { s, actor: { type: 'staff', id: member.staffId } };
  }
  return {
    s: await submissionForToken(deps, bearerToken(req), id),
    actor: { type: 'contributor' },
  };
}

/** Times a transcript against the original's audio, in a temporary directory. */
async function alignInline(
  deps: ApiDeps,
  s: Submission,
  lang: CaptionLanguage,
  transcript: string,
) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'captions-'));
  try {
    const input = path.join(dir, 'original');
    await deps.store.downloadToFile(originalKey(s.id, s.media_version), input);
    const wavPath = path.join(dir, 'speech.wav');
    await extractSpeechWav(input, wavPath, { durationSeconds: s.duration_seconds });
    return await transcriptEngine(transcript).captions({
      wavPath,
      language: lang,
      durationSeconds: s.duration_seconds,
      frame: null,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function captionsRouter(deps: ApiDeps, staff: StaffCaptionsAccess = noStaffYet): Router {
  const r = Router();
  const body = express.text({
    type: ['text/vtt', 'application/x-subrip', 'text/plain'],
    limit: '1mb',
  });

  r.put('/submissions/:id/captions/:lang', body, async (req, res) => {
    const { id, lang } = params(req);
    const { s, actor } = await whoMayEdit(deps, staff, req, id);
    if (!EDITABLE.includes(s.status)) {
      throw new AppError(
        'wrong_state',
        `Captions cannot be changed while the clip is ${s.status}.`,
      );
    }
    // A contributor's captions are welcome until a moderator starts reviewing (claims) the clip.
    const claim = actor.type === 'contributor' ? await getClaim(deps.db, s.id) : undefined;
    if (claim && claim.expires_at > new Date()) {
      throw new AppError(
        'wrong_state',
        'Your video is being reviewed now; captions cannot change.',
      );
    }
    const type = req.is(['text/vtt', 'application/x-subrip', 'text/plain']);
    if (!type || typeof req.body !== 'string') {
      throw new AppError(
        'unsupported_type',
        'Send captions as text/vtt or application/x-subrip, or a transcript as text/plain.',
      );
    }
    const text: string = req.body;
    const base = {
      submissionId: s.id,
      campaignId: s.campaign_id,
      mediaVersion: s.media_version,
      lang,
      actor,
    };

    if (type === 'text/plain') {
      const transcript = text.trim();
      if (splitSentences(transcript).length === 0 || transcript.length > MAX_TRANSCRIPT_CHARS) {
        throw new AppError(
          'bad_request',
          `Send a transcript of 1 to ${MAX_TRANSCRIPT_CHARS} characters.`,
        );
      }
      const revision = await saveTranscript(deps.db, { ...base, transcript });
      const processed = s.status === 'awaiting_review' || s.status === 'changes_requested';
      const short = (s.duration_seconds ?? Infinity) <= INLINE_ALIGN_MAX_SECONDS;
      if (!processed || !short) {
        // The captions job times it: after processing for a clip still on its way, or now
        // (a run of its own for this transcript) for a long clip already processed.
        if (processed) {
          await deps.queues.enqueueCaptions(
            { submissionId: s.id, mediaVersion: s.media_version },
            revision,
          );
        }
        res.status(202).json({ lang, status: 'pending', revision });
        return;
      }
      const cues = await alignInline(deps, s, lang, transcript);
      const published = await publishCaptions(deps, {
        ...base,
        source: 'transcript',
        cues,
        transcript,
      });
      res.json({
        lang,
        status: 'ready',
        source: 'transcript',
        cues: cues.length,
        bytes: published.bytes,
        revision: published.revisionId,
      });
      return;
    }

    const format = type === 'text/vtt' ? 'vtt' : 'srt';
    const cues = parseCaptions(text, format, s.duration_seconds);
    const source = actor.type === 'staff' ? 'edit' : 'upload';
    const published = await publishCaptions(deps, { ...base, source, cues });
    res.json({
      lang,
      status: 'ready',
      source,
      cues: cues.length,
      bytes: published.bytes,
      revision: published.revisionId,
    });
  });

  r.get('/submissions/:id/captions/:lang', async (req, res) => {
    const { id, lang } = params(req);
    const member = await staff(req, id);
    const s = member
      ? await getSubmission(deps.db, id)
      : await submissionForToken(deps, bearerToken(req), id);
    if (!s) throw new AppError('not_found', 'No submission was found for this link.');
    res.set('Cache-Control', 'no-store');
    await sendSubmissionMedia(deps, s, captionsAssetName(lang), req, res);
  });

  return r;
}
