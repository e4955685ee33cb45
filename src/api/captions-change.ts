import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extractSpeechWav } from '../captions/audio';
import { transcriptEngine } from '../captions/engine';
import type { CaptionLanguage } from '../captions/cue';
import { parseCaptions } from '../captions/parse-captions';
import { publishCaptions, saveTranscript, type CaptionActor } from '../captions/publish-captions';
import { splitSentences } from '../captions/sentences';
import { getClaim } from '../db/reviews.queries';
import type { getSubmission } from '../db/submissions.queries';
import { AppError } from '../domain/errors';
import type { SubmissionStatus } from '../domain/submission-states';
import { originalKey } from '../storage/keys';
import type { ApiDeps } from './deps';
import { MAX_TRANSCRIPT_CHARS } from './upload-intake';

/**
 * Changing a clip's captions: a file (WebVTT or SRT) or a typed transcript the server times.
 * One service for the API (PUT .../captions/:lang) and the receipt page's form.
 */
export const CAPTIONS_EDITABLE: readonly SubmissionStatus[] = [
  'uploaded',
  'processing',
  'awaiting_review',
  'changes_requested',
];
/** Transcripts of clips up to this long are timed during the request; longer ones by the job. */
const INLINE_ALIGN_MAX_SECONDS = 180;

type Submission = NonNullable<Awaited<ReturnType<typeof getSubmission>>>;

export type CaptionsInput = { format: 'vtt' | 'srt' | 'transcript'; text: string };

export interface CaptionsChanged {
  lang: CaptionLanguage;
  status: 'ready' | 'pending';
  revision: string;
  source?: string;
  cues?: number;
  bytes?: number;
}

/**
 * Throws wrong_state unless captions may change now: a contributor's captions are welcome until
 * a moderator starts reviewing (claims) the clip; staff may change them in any editable state.
 */
export async function assertCaptionsOpen(
  deps: Pick<ApiDeps, 'db'>,
  s: Pick<Submission, 'id' | 'status'>,
  actor: CaptionActor,
): Promise<void> {
  if (!CAPTIONS_EDITABLE.includes(s.status)) {
    throw new AppError('wrong_state', `Captions cannot be changed while the clip is ${s.status}.`);
  }
  const claim = actor.type === 'contributor' ? await getClaim(deps.db, s.id) : undefined;
  if (claim && claim.expires_at > new Date()) {
    throw new AppError('wrong_state', 'Your video is being reviewed now; captions cannot change.');
  }
}

/** Whether a contributor may change captions now (the receipt offers the form only then). */
export async function captionsOpenToContributor(
  deps: Pick<ApiDeps, 'db'>,
  s: Pick<Submission, 'id' | 'status'>,
): Promise<boolean> {
  return assertCaptionsOpen(deps, s, { type: 'contributor' }).then(
    () => true,
    () => false,
  );
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

/**
 * Checks the state (assertCaptionsOpen), then publishes a file's cues at once, or saves a
 * transcript and times it: now for a short processed clip, else by the captions job (pending).
 * Throws invalid_captions for a file that does not parse, bad_request for an empty transcript.
 */
export async function changeCaptions(
  deps: ApiDeps,
  s: Submission,
  actor: CaptionActor,
  lang: CaptionLanguage,
  input: CaptionsInput,
): Promise<CaptionsChanged> {
  await assertCaptionsOpen(deps, s, actor);
  const base = {
    submissionId: s.id,
    campaignId: s.campaign_id,
    mediaVersion: s.media_version,
    lang,
    actor,
  };

  if (input.format === 'transcript') {
    const transcript = input.text.trim();
    if (splitSentences(transcript).length === 0 || transcript.length > MAX_TRANSCRIPT_CHARS) {
      throw new AppError(
        'bad_request',
        `Send a transcript of 1 to ${MAX_TRANSCRIPT_CHARS} characters.`,
        { field: 'transcript' },
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
      return { lang, status: 'pending', revision };
    }
    const cues = await alignInline(deps, s, lang, transcript);
    const published = await publishCaptions(deps, {
      ...base,
      source: 'transcript',
      cues,
      transcript,
    });
    return {
      lang,
      status: 'ready',
      source: 'transcript',
      cues: cues.length,
      bytes: published.bytes,
      revision: published.revisionId,
    };
  }

  const cues = parseCaptions(input.text, input.format, s.duration_seconds);
  const source = actor.type === 'staff' ? 'edit' : 'upload';
  const published = await publishCaptions(deps, { ...base, source, cues });
  return {
    lang,
    status: 'ready',
    source,
    cues: cues.length,
    bytes: published.bytes,
    revision: published.revisionId,
  };
}
