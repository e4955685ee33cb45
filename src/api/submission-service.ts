import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError } from '../domain/errors';
import type { Language } from '../domain/consent';
import { statesAllowing } from '../domain/submission-states';
import { recordAudit } from '../db/audit.queries';
import { createLinkToken, findLiveToken } from '../db/link-tokens.queries';
import {
  getSubmission,
  insertSubmission,
  listMediaAssets,
  transitionSubmission,
} from '../db/submissions.queries';
import { getCampaignById } from '../db/campaigns.queries';
import { deleteExportObjects, flagNewVersion, withdrawFromPlaylists } from './playlist-changes';
import { saveTranscript } from '../captions/publish-captions';
import { t } from '../i18n';
import { mediaKey, originalKey, submissionPrefixes } from '../storage/keys';
import { sendObject } from '../storage/send-object';
import type { ApiDeps } from './deps';
import {
  newSubmissionPlan,
  prepareIntake,
  receiveMultipartUpload,
  type IntakeContext,
  type IntakePlan,
} from './upload-intake';

type Deps = Pick<ApiDeps, 'db' | 'store' | 'queues' | 'config' | 'logger'>;

export interface CreatedSubmission {
  id: string;
  status: string;
  token: string;
}

/**
 * Records a new submission with its consent, any transcript, the contributor's link token and
 * the audit event, in one transaction; returns the token (the only time it exists in clear).
 * With `original` the file is already stored (`uploaded`); without, it is a draft (`uploading`).
 */
async function recordNewSubmission(
  deps: Pick<Deps, 'db' | 'config'>,
  id: string,
  intake: IntakeContext,
  original?: { bytes: number; contentType: string },
): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    await insertSubmission(trx, {
      id,
      campaignId: intake.campaign.id,
      statementId: intake.statementId,
      consent: intake.consent,
      status: original ? 'uploaded' : 'uploading',
      ...(original
        ? { originalBytes: original.bytes, originalContentType: original.contentType }
        : {}),
    });
    if (intake.transcript) {
      await saveTranscript(trx, {
        submissionId: id,
        campaignId: intake.campaign.id,
        mediaVersion: 1,
        lang: intake.consent.language,
        transcript: intake.transcript,
        actor: { type: 'contributor' },
      });
    }
    const token = await createLinkToken(trx, {
      purpose: 'contributor',
      submissionId: id,
      ttlDays: deps.config.uploads.linkTokenDays,
    });
    await recordAudit(trx, {
      actor: { type: 'contributor' },
      action: original ? 'submission.created' : 'submission.draft_created',
      subject: { type: 'submission', id },
      campaignId: intake.campaign.id,
      details: { ...original, scopes: intake.consent.scopes },
    });
    return token;
  });
}

/** Streams a multipart upload into storage, records it with its consent, and starts processing. */
export async function createSubmissionFromUpload(
  deps: Deps,
  req: Request,
  res: Response,
  slugFromPath?: string,
): Promise<CreatedSubmission> {
  const up = await receiveMultipartUpload(
    { store: deps.store, maxBytes: deps.config.uploads.maxBytes },
    newSubmissionPlan(deps.db, slugFromPath),
    req,
    res,
  );
  const id = up.intake.id;
  let token: string;
  try {
    token = await recordNewSubmission(deps, id, up.intake, {
      bytes: up.bytes,
      contentType: up.contentType,
    });
  } catch (err) {
    // Without its row the object would be an orphan: remove it before reporting the failure.
    await deps.store.deleteKey(up.key).catch(() => undefined);
    throw err;
  }
  try {
    await deps.queues.enqueueProcessing(id, 1);
  } catch (err) {
    // The row is safe in `uploaded`; the reconciler queues it once Redis answers again.
    deps.logger.error({ err, submissionId: id }, 'enqueue failed; left for the reconciler');
  }
  return { id: id, status: 'uploaded', token };
}

export interface CreatedDraft extends CreatedSubmission {
  /** Where a tus client sends the file (tus 1.0 with creation). */
  uploadUrl: string;
}

/**
 * A draft for a resumable upload: the same campaign and consent checks as the multipart route,
 * stored in `uploading` with its consent and link token. The file follows over tus.
 */
export async function createDraftSubmission(
  deps: Pick<Deps, 'db' | 'config'>,
  body: Record<string, unknown> | undefined,
): Promise<CreatedDraft> {
  const intake = await prepareIntake(deps.db, body);
  const id = randomUUID();
  const token = await recordNewSubmission(deps, id, intake);
  return { id, status: 'uploading', token, uploadUrl: '/api/v1/uploads' };
}

/**
 * A resumable upload's object is complete: move the draft `uploading -> uploaded` and queue its
 * processing. Idempotent, so the tus finish hook, a later HEAD and the expiry sweep can all call
 * it: a second call finds the state moved and only re-queues (job ids are deterministic).
 */
export async function completeResumableUpload(
  deps: Pick<Deps, 'db' | 'queues' | 'logger'>,
  id: string,
  original: { bytes: number; contentType: string },
): Promise<void> {
  await transitionSubmission(
    deps.db,
    id,
    'upload_completed',
    { original_bytes: original.bytes, original_content_type: original.contentType },
    {
      actor: { type: 'contributor' },
      details: { bytes: original.bytes, contentType: original.contentType, resumable: true },
    },
  );
  const now = await getSubmission(deps.db, id);
  if (now?.status !== 'uploaded') return; // withdrawn, or already being processed
  try {
    await deps.queues.enqueueProcessing(id, 1);
  } catch (err) {
    // The row is safe in `uploaded`; the reconciler queues it once Redis answers again.
    deps.logger.error({ err, submissionId: id }, 'enqueue failed; left for the reconciler');
  }
}

/** The submission a contributor token opens, or not_found (never says whether it exists). */
export async function submissionForToken(deps: Pick<Deps, 'db'>, token: string, id?: string) {
  const live = await findLiveToken(deps.db, token, 'contributor');
  if (!live?.submission_id || (id !== undefined && live.submission_id !== id)) {
    throw new AppError('not_found', 'No submission was found for this link.');
  }
  const s = await getSubmission(deps.db, live.submission_id);
  if (!s) throw new AppError('not_found', 'No submission was found for this link.');
  return s;
}

export interface SubmissionView {
  id: string;
  status: string;
  campaign: string;
  language: Language;
  progress: number;
  failureCode?: string;
  failureReason?: string;
  createdAt: string;
  updatedAt: string;
  media: Array<{ name: string; contentType: string; bytes: number }>;
}

/** A media_assets row as the API and pages show it. */
export const mediaView = (m: { name: string; content_type: string; bytes: string }) => ({
  name: m.name,
  contentType: m.content_type,
  bytes: Number(m.bytes),
});

export async function viewSubmission(
  deps: Pick<Deps, 'db'>,
  s: NonNullable<Awaited<ReturnType<typeof getSubmission>>>,
  lang: Language = 'en',
): Promise<SubmissionView> {
  const [campaign, media] = await Promise.all([
    getCampaignById(deps.db, s.campaign_id),
    s.status === 'withdrawn' ? [] : listMediaAssets(deps.db, s.id, s.media_version),
  ]);
  return {
    id: s.id,
    status: s.status,
    campaign: campaign?.slug ?? '',
    language: s.language,
    progress: s.progress,
    ...(s.status === 'failed' && s.failure_code
      ? {
          failureCode: s.failure_code,
          failureReason: t(lang, `media.refusal.${s.failure_code}`),
        }
      : {}),
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
    media: media.map(mediaView),
  };
}

/** Streams one of the submission's current media files, honouring Range. */
export async function sendSubmissionMedia(
  deps: Pick<Deps, 'db' | 'store'>,
  s: { id: string; media_version: number; status: string },
  name: string,
  req: Request,
  res: Response,
): Promise<void> {
  const assets =
    s.status === 'withdrawn' ? [] : await listMediaAssets(deps.db, s.id, s.media_version);
  const asset = assets.find((a) => a.name === name);
  if (!asset) throw new AppError('not_found', 'There is no such media file.');
  await sendObject(res, deps.store, mediaKey(s.id, s.media_version, name), req.headers.range, {
    contentType: asset.content_type,
    disposition: 'inline',
    filename: name,
  });
}

/**
 * Consent withdrawn: hide at once (state + personal data cleared in one transaction), purge
 * every object now, and queue a later sweep for anything a job in flight writes afterwards.
 */
export async function withdrawSubmission(
  deps: Deps,
  id: string,
  actor: { type: 'contributor' | 'staff'; id?: string },
): Promise<void> {
  let exportKeys: string[] = [];
  const moved = await deps.db.transaction().execute(async (trx) => {
    const row = await transitionSubmission(
      trx,
      id,
      'withdraw',
      { probe: null },
      { actor: { type: actor.type, id: actor.id ?? null }, action: 'submission.withdrawn' },
    );
    if (!row) return false;
    await trx
      .updateTable('consents')
      .set({ display_name: null, withdrawn_at: new Date() })
      .where('submission_id', '=', id)
      .execute();
    await trx.deleteFrom('media_assets').where('submission_id', '=', id).execute();
    // Out of every playlist, and exports holding it marked deleted, in the same transaction.
    exportKeys = await withdrawFromPlaylists(trx, id);
    return true;
  });
  if (!moved) {
    const s = await getSubmission(deps.db, id);
    if (s?.status === 'withdrawn') return; // withdrawing twice is not an error
    throw new AppError('not_found', 'No submission was found for this link.');
  }
  for (const prefix of submissionPrefixes(id)) await deps.store.deletePrefix(prefix);
  // If this fails the purge sweep below deletes them (purgeFromPlaylists).
  await deleteExportObjects(deps.store, exportKeys).catch((err: unknown) =>
    deps.logger.error({ err, submissionId: id }, 'export files not deleted yet'),
  );
  await deps.queues
    .enqueuePurge({ submissionId: id, reason: 'withdrawn' }, 60_000)
    .catch((err: unknown) =>
      deps.logger.error({ err, submissionId: id }, 'purge sweep not queued'),
    );
}

/**
 * A new media version of an existing submission (after changes were requested, a failure, or a
 * staff replacement): stored as originals/{id}/{v+1}, processed afresh. The live version stays
 * untouched until the new one is ready; finalise then removes the old renditions.
 */
export async function addMediaVersion(
  deps: Deps,
  id: string,
  req: Request,
  res: Response,
  actor: { type: 'contributor' | 'staff'; id?: string },
): Promise<{ id: string; status: string; mediaVersion: number }> {
  const plan: IntakePlan<{ version: number }> = {
    async prepare() {
      const s = await getSubmission(deps.db, id);
      if (!s) throw new AppError('not_found', 'No submission was found for this link.');
      if (!statesAllowing('new_version').includes(s.status)) {
        throw new AppError(
          'wrong_state',
          `A new version cannot be sent while the video is ${s.status}.`,
        );
      }
      return { version: s.media_version + 1 };
    },
    keyFor: (c) => originalKey(id, c.version),
  };
  const up = await receiveMultipartUpload(
    { store: deps.store, maxBytes: deps.config.uploads.maxBytes },
    plan,
    req,
    res,
  );
  const version = up.intake.version;
  const moved = await recordMediaVersion(
    deps,
    id,
    version,
    { bytes: up.bytes, contentType: up.contentType },
    actor,
  );
  if (!moved) {
    const now = await getSubmission(deps.db, id);
    if (now?.media_version !== version) await deps.store.deleteKey(up.key).catch(() => undefined);
    throw new AppError('wrong_state', 'The video changed while the new version was being sent.');
  }
  await deps.queues.enqueueProcessing(id, version);
  return { id, status: moved.status, mediaVersion: version };
}

/**
 * Records a stored original as the submission's next media version (`new_version`), flagging
 * playlists that hold the clip; undefined when another version got in first or the state no
 * longer allows it. Shared by the multipart route and a finished resumable upload.
 */
export async function recordMediaVersion(
  deps: Pick<Deps, 'db'>,
  id: string,
  version: number,
  original: { bytes: number; contentType: string },
  actor: { type: 'contributor' | 'staff'; id?: string },
) {
  return deps.db.transaction().execute(async (trx) => {
    const current = await getSubmission(trx, id);
    // Someone else's new version got in first: ours is not the next one any more.
    if (current?.media_version !== version - 1) return undefined;
    const row = await transitionSubmission(
      trx,
      id,
      'new_version',
      {
        media_version: version,
        original_bytes: original.bytes,
        original_content_type: original.contentType,
        failure_code: null,
        failure_detail: null,
        progress: 0,
      },
      { actor: { type: actor.type, id: actor.id ?? null }, details: { mediaVersion: version } },
    );
    // Playlists holding the clip flag it until the new version is approved.
    if (row) await flagNewVersion(trx, id, version);
    return row;
  });
}
