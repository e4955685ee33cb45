/**
 * Retention rules: which campaigns are due for purging, what counts are kept, and whether a
 * campaign's dates make sense. Pure; dates are ISO calendar days (`YYYY-MM-DD`, UTC), the way
 * PostgreSQL's `date` column and an HTML date field both spell them.
 */

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC calendar day of `now`, as `YYYY-MM-DD`. */
export const isoDay = (now: Date): string => now.toISOString().slice(0, 10);

/** A real calendar day (not 2026-02-30), or undefined. */
export function parseIsoDay(value: string): string | undefined {
  if (!ISO_DAY.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && isoDay(d) === value ? value : undefined;
}

export interface RetentionCampaign {
  id: string;
  slug: string;
  /** The last day the campaign's media and personal data are kept; null: kept until set. */
  retentionUntil: string | null;
  /** Submissions still held (any state, withdrawn tombstones included). */
  heldSubmissions: number;
}

/**
 * Due once the retention day has passed (the day itself is still kept), and only while
 * something is still held, so a daily pass over a purged campaign does nothing.
 */
export function isRetentionDue(c: RetentionCampaign, now: Date): boolean {
  return c.retentionUntil !== null && isoDay(now) > c.retentionUntil && c.heldSubmissions > 0;
}

export function campaignsDueForRetention<T extends RetentionCampaign>(
  campaigns: readonly T[],
  now: Date,
): T[] {
  return campaigns.filter((c) => isRetentionDue(c, now));
}

/** Anonymous counts kept after a purge: how many submissions ended in each status. */
export function countByStatus(statuses: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

/**
 * What retention does about a safeguarding escalation of a submission it would purge. An open
 * one holds the submission back until someone closes it (the clip is what the safeguarding lead
 * is looking at). A closed one is kept as the safeguarding record (outcome, dates, who raised
 * and who closed it) with its free-text concern cleared, since that may describe the person.
 */
export function escalationAtRetention(e: {
  closedAt: Date | null;
}): 'hold_submission' | 'keep_stripped' {
  return e.closedAt === null ? 'hold_submission' : 'keep_stripped';
}

export interface CampaignDatesInput {
  opensAt: string;
  closesAt: string;
  retentionUntil: string;
}

export interface CampaignDates {
  opensAt: string | null;
  closesAt: string | null;
  retentionUntil: string | null;
}

export type CampaignDatesError =
  | { field: 'opensAt' | 'closesAt' | 'retentionUntil'; code: 'invalid_date' }
  | { field: 'closesAt'; code: 'closes_before_opens' }
  | { field: 'retentionUntil'; code: 'retention_before_close' | 'retention_needs_close' };

/**
 * Checks the admin form's dates (empty means "not set"): each a real day, closing after
 * opening, and retention only with a closing day and not before it (media must outlive the
 * campaign, and nothing may arrive after its data is deleted).
 * Opening and closing are whole days: a campaign opens at the start of `opensAt` and closes at
 * the end of `closesAt`.
 */
export function checkCampaignDates(
  input: CampaignDatesInput,
): { ok: true; dates: CampaignDates } | { ok: false; errors: CampaignDatesError[] } {
  const errors: CampaignDatesError[] = [];
  const day = (field: keyof CampaignDatesInput): string | null => {
    const raw = input[field].trim();
    if (raw === '') return null;
    const parsed = parseIsoDay(raw);
    if (!parsed) errors.push({ field, code: 'invalid_date' });
    return parsed ?? null;
  };
  const dates = {
    opensAt: day('opensAt'),
    closesAt: day('closesAt'),
    retentionUntil: day('retentionUntil'),
  };
  if (errors.length) return { ok: false, errors };
  if (dates.opensAt && dates.closesAt && dates.closesAt < dates.opensAt) {
    errors.push({ field: 'closesAt', code: 'closes_before_opens' });
  }
  if (dates.retentionUntil && !dates.closesAt) {
    // Else uploads would go on arriving after the day their campaign's data is deleted.
    errors.push({ field: 'retentionUntil', code: 'retention_needs_close' });
  } else if (dates.closesAt && dates.retentionUntil && dates.retentionUntil < dates.closesAt) {
    errors.push({ field: 'retentionUntil', code: 'retention_before_close' });
  }
  return errors.length ? { ok: false, errors } : { ok: true, dates };
}

/** The instants stored for whole-day opening and closing (closing at the end of its day). */
export function campaignDateBounds(dates: CampaignDates): {
  opensAt: Date | null;
  closesAt: Date | null;
} {
  return {
    opensAt: dates.opensAt ? new Date(`${dates.opensAt}T00:00:00Z`) : null,
    closesAt: dates.closesAt
      ? new Date(new Date(`${dates.closesAt}T00:00:00Z`).getTime() + 24 * 3600 * 1000)
      : null,
  };
}
