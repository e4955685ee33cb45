import { recordAudit } from '../../db/audit.queries';
import { submissionPrefixes } from '../../storage/keys';
import type { ApiDeps } from '../deps';
import { finishStoredUpload } from './finish-upload';
import { createTusStore, resumableExpiryMs } from './tus-store';

type Deps = Pick<ApiDeps, 'config' | 'db' | 'store' | 'queues' | 'logger'>;

export interface ExpirySweep {
  /** Objects of expired resumable uploads removed (info files and incomplete parts). */
  uploadsRemoved: number;
  /** Drafts whose object was complete but not recorded (a failed finish): now `uploaded`. */
  draftsCompleted: number;
  /** Abandoned drafts deleted with their consent, token and objects. */
  draftsDeleted: number;
}

/**
 * For the reconciler, run every hour or so. Aborts resumable uploads older than
 * RESUMABLE_EXPIRY_HOURS (@tus/s3-store `deleteExpired`), then settles drafts older than that:
 * one whose object is complete is finished (the idempotent completion, for a finish hook that
 * failed); one with an upload still live is left; any other is deleted, row and objects.
 * `olderThanMs` overrides the configured expiry (tests, or an admin clearing up sooner).
 */
export async function cleanUpExpiredUploads(
  deps: Deps,
  opts: { olderThanMs?: number } = {},
): Promise<ExpirySweep> {
  const expiryMs = opts.olderThanMs ?? resumableExpiryMs(deps.config);
  const uploadsRemoved = await createTusStore(deps.config, expiryMs).deleteExpired();
  const drafts = await deps.db
    .selectFrom('submissions')
    .select(['id', 'campaign_id'])
    .where('status', '=', 'uploading')
    .where('created_at', '<', new Date(Date.now() - expiryMs))
    .orderBy('created_at')
    .limit(500)
    .execute();
  const sweep: ExpirySweep = { uploadsRemoved, draftsCompleted: 0, draftsDeleted: 0 };
  for (const d of drafts) {
    if (await finishStoredUpload(deps, d.id)) {
      sweep.draftsCompleted++;
      continue;
    }
    const [originals] = submissionPrefixes(d.id);
    // An upload begun late in the draft's life expires later than the draft: let it finish.
    if ((await deps.store.listMultipartUploads(originals)).length > 0) continue;
    const deleted = await deps.db.transaction().execute(async (trx) => {
      const gone = await trx
        .deleteFrom('submissions')
        .where('id', '=', d.id)
        .where('status', '=', 'uploading')
        .executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) return false;
      await recordAudit(trx, {
        actor: { type: 'system' },
        action: 'submission.draft_expired',
        subject: { type: 'submission', id: d.id },
        campaignId: d.campaign_id,
      });
      return true;
    });
    if (!deleted) continue;
    for (const prefix of submissionPrefixes(d.id)) await deps.store.deletePrefix(prefix);
    sweep.draftsDeleted++;
  }
  if (sweep.uploadsRemoved || sweep.draftsCompleted || sweep.draftsDeleted) {
    deps.logger.info(sweep, 'expired resumable uploads cleaned up');
  }
  return sweep;
}
