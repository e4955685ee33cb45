import type { Job } from 'bullmq';
import { campaignsDueForRetention, countByStatus, isoDay } from '../src/domain/retention-rules';
import {
  countHeldBackForSafeguarding,
  deleteSubmissionsForRetention,
  listCampaignPlaylistIds,
  markCampaignExportsDeleted,
  listHeldSubmissions,
  listRetentionCampaigns,
} from '../src/db/retention.queries';
import type { JobPayloads } from '../src/queue/jobs';
import { exportPrefix, submissionPrefixes } from '../src/storage/keys';
import type { WorkerDeps } from './worker-deps';

type Deps = Pick<WorkerDeps, 'db' | 'store' | 'queues' | 'logger'>;

export interface RetentionCampaignReport {
  slug: string;
  retentionUntil: string;
  submissions: number;
  byStatus: Record<string, number>;
  objects: number;
  bytes: number;
  playlistExports: number;
  /** Submissions kept past the date: an open safeguarding escalation holds each back. */
  heldBack: number;
}

export interface RetentionReport {
  dryRun: boolean;
  day: string;
  campaigns: RetentionCampaignReport[];
}

const BATCH = 100;

/**
 * Purges every campaign past its retention date: for each submission, its objects (the same
 * prefixes a withdrawal deletes), then its row and everything that cascades from it, adding it
 * to the campaign's anonymous counts; then the campaign's playlist exports. Escalations stay as
 * safeguarding records without their free text, and a submission with an open one is held back
 * (`escalationAtRetention`), found again by every daily pass until it is closed. A delayed `purge`
 * job per submission sweeps up anything a job in flight wrote afterwards, as after a
 * withdrawal. With `dryRun` nothing changes and the report says what would go. Safe to run
 * twice or to resume after a crash: whatever is left is found again next time.
 */
export async function runRetention(
  deps: Deps,
  opts: { dryRun: boolean; now?: Date },
): Promise<RetentionReport> {
  const now = opts.now ?? new Date();
  const due = campaignsDueForRetention(await listRetentionCampaigns(deps.db), now);
  const campaigns: RetentionCampaignReport[] = [];
  for (const c of due) {
    const report: RetentionCampaignReport = {
      slug: c.slug,
      retentionUntil: c.retentionUntil ?? '',
      submissions: 0,
      byStatus: {},
      objects: 0,
      bytes: 0,
      playlistExports: 0,
      heldBack: 0,
    };
    const add = (byStatus: Record<string, number>) => {
      for (const [s, n] of Object.entries(byStatus)) {
        report.byStatus[s] = (report.byStatus[s] ?? 0) + n;
        report.submissions += n;
      }
    };
    const countObjects = async (prefix: string) => {
      for (const o of await deps.store.list(prefix)) {
        report.objects++;
        report.bytes += o.bytes;
      }
    };

    if (opts.dryRun) {
      // Everything the campaign holds, changing nothing (so no batches: nothing is removed).
      const held = await listHeldSubmissions(deps.db, c.id, Number.MAX_SAFE_INTEGER);
      for (const s of held) {
        for (const prefix of submissionPrefixes(s.id)) await countObjects(prefix);
      }
      add(countByStatus(held.map((s) => s.status)));
    } else {
      for (;;) {
        const batch = await listHeldSubmissions(deps.db, c.id, BATCH);
        if (batch.length === 0) break;
        for (const s of batch) {
          for (const prefix of submissionPrefixes(s.id)) {
            await countObjects(prefix);
            await deps.store.deletePrefix(prefix);
          }
        }
        const ids = batch.map((s) => s.id);
        add(await deleteSubmissionsForRetention(deps.db, c.id, ids));
        for (const id of ids) {
          await deps.queues.enqueuePurge({ submissionId: id, reason: 'retention' }, 60_000);
        }
      }
    }

    for (const playlistId of await listCampaignPlaylistIds(deps.db, c.id)) {
      const prefix = exportPrefix(playlistId);
      const before = report.objects;
      await countObjects(prefix);
      report.playlistExports += report.objects - before;
      if (!opts.dryRun) await deps.store.deletePrefix(prefix);
    }
    if (!opts.dryRun) await markCampaignExportsDeleted(deps.db, c.id);
    report.heldBack = await countHeldBackForSafeguarding(deps.db, c.id);
    deps.logger.info(
      { campaign: c.slug, dryRun: opts.dryRun, submissions: report.submissions },
      opts.dryRun ? 'retention dry run' : 'retention purge done',
    );
    campaigns.push(report);
  }
  return { dryRun: opts.dryRun, day: isoDay(now), campaigns };
}

/** The daily repeatable job (and a manual run queued by an admin). */
export async function handleRetention(
  deps: Deps,
  _job: Job<JobPayloads['retention']>,
): Promise<RetentionReport> {
  return runRetention(deps, { dryRun: false });
}

/** The plain-text report `npm run cli -- retention:run` prints. */
export function formatRetentionReport(r: RetentionReport): string {
  if (r.campaigns.length === 0) return `retention ${r.day}: no campaign is past its retention date`;
  const verb = r.dryRun ? 'would purge' : 'purged';
  const lines = [`retention ${r.day}${r.dryRun ? ' (dry run: nothing changed)' : ''}`];
  for (const c of r.campaigns) {
    const statuses = Object.entries(c.byStatus)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([s, n]) => `${s} ${n}`)
      .join(', ');
    lines.push(
      `${c.slug} (kept until ${c.retentionUntil}): ${verb} ${c.submissions} submissions` +
        `${statuses ? ` (${statuses})` : ''}, ${c.objects} objects, ${c.bytes} bytes` +
        `${c.playlistExports ? `, of which ${c.playlistExports} playlist export files` : ''}` +
        `${c.heldBack ? `; ${c.heldBack} held back until their safeguarding escalation is closed` : ''}`,
    );
  }
  return lines.join('\n');
}
