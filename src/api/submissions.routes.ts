import { Router } from 'express';
import { AppError } from '../domain/errors';
import { bearerToken } from './bearer';
import type { ApiDeps } from './deps';
import { submissionForReader, submissionForWriter } from './staff/submission-reader';
import {
  addMediaVersion,
  createDraftSubmission,
  createSubmissionFromUpload,
  sendSubmissionMedia,
  submissionForToken,
  viewSubmission,
  withdrawSubmission,
} from './submission-service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idParam(raw: string | string[] | undefined): string {
  if (typeof raw !== 'string' || !UUID.test(raw)) {
    throw new AppError('not_found', 'No submission was found for this link.');
  }
  return raw.toLowerCase();
}

export function submissionsRouter(deps: ApiDeps): Router {
  const r = Router();

  r.post('/submissions', async (req, res) => {
    if (req.is('application/json')) {
      // A draft for a resumable upload: the file follows over tus at /api/v1/uploads.
      const draft = await createDraftSubmission(deps, req.body as Record<string, unknown>);
      res.status(201).location(`/api/v1/submissions/${draft.id}`).json(draft);
      return;
    }
    const created = await createSubmissionFromUpload(deps, req, res);
    res.status(201).location(`/api/v1/submissions/${created.id}`).json(created);
  });

  r.get('/submissions/:id', async (req, res) => {
    const s = await submissionForReader(deps, req, idParam(req.params.id));
    res.set('Cache-Control', 'no-store').json(await viewSubmission(deps, s));
  });

  r.get('/submissions/:id/media/:name', async (req, res) => {
    const s = await submissionForReader(deps, req, idParam(req.params.id));
    await sendSubmissionMedia(deps, s, String(req.params.name), req, res);
  });

  r.post('/submissions/:id/versions', async (req, res) => {
    const { s, actor } = await submissionForWriter(
      deps,
      req,
      idParam(req.params.id),
      'submission.replace',
    );
    const created = await addMediaVersion(deps, s.id, req, res, actor);
    res.status(201).json(created);
  });

  r.delete('/submissions/:id', async (req, res) => {
    const s = await submissionForToken(deps, bearerToken(req), idParam(req.params.id));
    await withdrawSubmission(deps, s.id, { type: 'contributor' });
    res.status(200).json({ id: s.id, status: 'withdrawn' });
  });

  return r;
}
