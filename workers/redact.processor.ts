import path from 'node:path';
import { UnrecoverableError, type Job } from 'bullmq';
import { carryShiftedCaptions } from '../src/captions/carry-captions';
import { recordAudit } from '../src/db/audit.queries';
import type { Db } from '../src/db/database';
import { finishRedaction, getRedaction, specOf } from '../src/db/redactions.queries';
import { getSubmission, transitionSubmission } from '../src/db/submissions.queries';
import { probeFile, runFfmpeg, timeoutForDuration } from '../src/media';
import { buildRedactArgs, redactedContentType } from '../src/media/redact-args';
import type { JobPayloads } from '../src/queue/jobs';
import { originalKey } from '../src/storage/keys';
import { withWorkDir } from './work-dir';
import type { WorkerDeps } from './worker-deps';

type Deps = Pick<WorkerDeps, 'db' | 'store' | 'config' | 'queues'>;
type Redaction = NonNullable<Awaited<ReturnType<typeof getRedaction>>>;

export type RedactOutcome =
  | { outcome: 'skipped' | 'superseded' }
  | { outcome: 'done'; mediaVersion: number; captions: Record<string, number> };

const system = (job: Job) => ({ type: 'system' as const, id: `job:${job.id ?? 'redact'}` });

/**
 * A moderator's trim-and-blur edit. The submission stays in review on its current version
 * while the new original renders; only once the file is stored does one transaction move the
 * submission to the next version (the state machine's `new_version`), shift the captions onto
 * it and mark the edit done. All three or none: a crash before the commit leaves the edit
 * `queued`, which the reconciler queues again if Redis lost the job; a crash after it leaves a
 * live version that already has its captions (the captions job must never transcribe a version
 * whose captions were to be carried). Then the normal processing flow runs, ending in review
 * again. Each step is safe to repeat, so a retry picks up where the last attempt stopped.
 */
export async function handleRedact(
  deps: Deps,
  job: Job<JobPayloads['redact']>,
  signal?: AbortSignal,
): Promise<RedactOutcome> {
  const { submissionId: id, redactionId } = job.data;
  const r = await getRedaction(deps.db, redactionId);
  if (!r || r.submission_id !== id) return { outcome: 'skipped' };
  if (r.status === 'failed' || r.status === 'superseded') return { outcome: 'skipped' };
  let captions: Record<string, number> = {};
  if (r.status === 'queued') {
    try {
      const applied = await renderAndApply(deps, job, r, signal);
      if (!applied) return { outcome: 'superseded' };
      captions = applied.captions;
    } catch (err) {
      await recordFinalFailure(deps, job, r, err);
      throw err;
    }
  }
  const s = await getSubmission(deps.db, id);
  if (!s || s.media_version !== r.to_version || s.status === 'withdrawn') {
    return { outcome: 'skipped' };
  }
  // Deterministic ids: a retry after this line enqueues nothing twice.
  await deps.queues.enqueueProcessing(id, r.to_version);
  return { outcome: 'done', mediaVersion: r.to_version, captions };
}

/** The edit's captions, shifted onto its new version; a language already there is left alone. */
function carryCaptions(db: Db, deps: Deps, job: Job, r: Redaction, campaignId: string | null) {
  const spec = specOf(r);
  return carryShiftedCaptions(
    { db, store: deps.store },
    {
      submissionId: r.submission_id,
      campaignId,
      fromVersion: r.from_version,
      toVersion: r.to_version,
      trim: { inPoint: spec.trim.start, outPoint: spec.trim.end },
      actor: r.requested_by ? { type: 'staff', id: r.requested_by } : system(job),
    },
  );
}

/**
 * Renders and stores the new original, then moves the submission and carries its captions;
 * false if it moved on.
 */
async function renderAndApply(
  deps: Deps,
  job: Job,
  r: Redaction,
  signal?: AbortSignal,
): Promise<false | { captions: Record<string, number> }> {
  const id = r.submission_id;
  const before = await getSubmission(deps.db, id);
  if (!before || before.status !== 'awaiting_review' || before.media_version !== r.from_version) {
    await supersede(deps, job, r, before?.campaign_id ?? null);
    return false;
  }
  const spec = specOf(r);
  const stored = await withWorkDir(deps.config.worker.workDir, `redact-${id}`, async (dir) => {
    const input = path.join(dir, 'original');
    const output = path.join(dir, 'redacted.mp4');
    await deps.store.downloadToFile(originalKey(id, r.from_version), input, signal);
    const probed = await probeFile(input, {
      ...(signal ? { signal } : {}),
      threads: deps.config.worker.ffmpegThreads,
    });
    if (!probed.probe) throw new UnrecoverableError(`original unreadable: ${probed.refusal}`);
    const args = buildRedactArgs({
      inputPath: input,
      outputPath: output,
      spec,
      probe: probed.probe,
      threads: deps.config.worker.ffmpegThreads,
    });
    const kept = spec.trim.end - spec.trim.start;
    await runFfmpeg(args, {
      timeoutMs: timeoutForDuration(kept),
      durationSeconds: kept,
      ...(signal ? { signal } : {}),
      onProgress: (p) => void job.updateProgress(p).catch(() => undefined),
    });
    const contentType = redactedContentType(probed.probe);
    const { bytes } = await deps.store.putFile(originalKey(id, r.to_version), output, contentType);
    return { bytes, contentType };
  });

  const moved = await deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('submissions')
      .select(['status', 'media_version'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (current?.media_version !== r.from_version) return false;
    const row = await transitionSubmission(
      trx,
      id,
      'new_version',
      {
        media_version: r.to_version,
        original_bytes: stored.bytes,
        original_content_type: stored.contentType,
        failure_code: null,
        failure_detail: null,
        progress: 0,
      },
      {
        actor: r.requested_by ? { type: 'staff', id: r.requested_by } : system(job),
        action: 'submission.redacted',
        details: { redactionId: r.id, fromVersion: r.from_version, mediaVersion: r.to_version },
      },
    );
    if (!row || !(await finishRedaction(trx, r.id, 'done'))) return false;
    return { captions: await carryCaptions(trx, deps, job, r, before.campaign_id) };
  });
  if (!moved) {
    await deps.store.deleteKey(originalKey(id, r.to_version)).catch(() => undefined);
    await supersede(deps, job, r, before.campaign_id);
  }
  return moved;
}

/** The clip moved on (decided, withdrawn, replaced) while the edit waited: it no longer applies. */
async function supersede(deps: Deps, job: Job, r: Redaction, campaignId: string | null) {
  if (!(await finishRedaction(deps.db, r.id, 'superseded'))) return;
  await recordAudit(deps.db, {
    actor: system(job),
    action: 'submission.redaction_superseded',
    subject: { type: 'submission', id: r.submission_id },
    campaignId,
    details: { redactionId: r.id, fromVersion: r.from_version },
  });
}

/** On the last attempt the edit is marked failed, so staff see it and may try again. */
async function recordFinalFailure(deps: Deps, job: Job, r: Redaction, err: unknown) {
  const attempts = job.opts.attempts ?? 1;
  const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= attempts;
  if (!final || !(await finishRedaction(deps.db, r.id, 'failed', String(err).slice(-2000)))) {
    return;
  }
  const s = await getSubmission(deps.db, r.submission_id);
  await recordAudit(deps.db, {
    actor: system(job),
    action: 'submission.redaction_failed',
    subject: { type: 'submission', id: r.submission_id },
    campaignId: s?.campaign_id ?? null,
    details: { redactionId: r.id, fromVersion: r.from_version },
  });
}
