import express, { Router, type Request } from 'express';
import { captionsAssetName, type CaptionLanguage } from '../captions/cue';
import type { CaptionActor } from '../captions/publish-captions';
import { languages } from '../domain/consent';
import { AppError } from '../domain/errors';
import { getSubmission } from '../db/submissions.queries';
import { bearerToken } from './bearer';
import { assertCaptionsOpen, changeCaptions } from './captions-change';
import type { ApiDeps } from './deps';
import { sendSubmissionMedia, submissionForToken } from './submission-service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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

export function captionsRouter(deps: ApiDeps, staff: StaffCaptionsAccess = noStaffYet): Router {
  const r = Router();
  const body = express.text({
    type: ['text/vtt', 'application/x-subrip', 'text/plain'],
    limit: '1mb',
  });

  r.put('/submissions/:id/captions/:lang', body, async (req, res) => {
    const { id, lang } = params(req);
    const { s, actor } = await whoMayEdit(deps, staff, req, id);
    const type = req.is(['text/vtt', 'application/x-subrip', 'text/plain']);
    if (!type || typeof req.body !== 'string') {
      await assertCaptionsOpen(deps, s, actor); // the state answers first, as before
      throw new AppError(
        'unsupported_type',
        'Send captions as text/vtt or application/x-subrip, or a transcript as text/plain.',
      );
    }
    const format = type === 'text/plain' ? 'transcript' : type === 'text/vtt' ? 'vtt' : 'srt';
    const result = await changeCaptions(deps, s, actor, lang, { format, text: req.body });
    res.status(result.status === 'pending' ? 202 : 200).json(result);
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
