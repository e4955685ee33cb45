import type { ConsentScope } from './consent';
import type { SubmissionStatus } from './submission-states';

/**
 * Jury playlists (issue 8) as pure rules: which clips a playlist may hold, how items move, how
 * long a playlist runs. The API, the picker and the export worker all ask these same functions.
 */

/** What a playlist is for; each needs the contributor's consent scope of the same name. */
export const playlistUses = ['jury', 'livestream', 'public'] as const;
export type PlaylistUse = (typeof playlistUses)[number];

export const scopeNeededFor = (use: PlaylistUse): ConsentScope => use;

/** Why a clip cannot go in (or stay playable in) a playlist; the picker shows each one. */
export const ineligibleReasons = [
  'other_campaign',
  'withdrawn',
  'not_approved',
  'escalated',
  'consent_scope',
] as const;
export type IneligibleReason = (typeof ineligibleReasons)[number];

export interface ClipFacts {
  campaignId: string;
  status: SubmissionStatus;
  escalated: boolean;
  /** The scopes the contributor agreed to; empty once consent is withdrawn. */
  scopes: readonly string[];
  consentWithdrawn: boolean;
}

export interface PlaylistFacts {
  campaignId: string;
  use: PlaylistUse;
}

export type Eligibility = { eligible: true } | { eligible: false; reason: IneligibleReason };

/**
 * The one eligibility rule. Order matters: the most final reason wins, so a picker never tells a
 * facilitator "not approved yet" about a clip whose consent was withdrawn.
 */
export function checkEligibility(clip: ClipFacts, playlist: PlaylistFacts): Eligibility {
  if (clip.campaignId !== playlist.campaignId) return { eligible: false, reason: 'other_campaign' };
  if (clip.status === 'withdrawn' || clip.consentWithdrawn) {
    return { eligible: false, reason: 'withdrawn' };
  }
  if (clip.escalated) return { eligible: false, reason: 'escalated' };
  if (clip.status !== 'approved') return { eligible: false, reason: 'not_approved' };
  if (!clip.scopes.includes(scopeNeededFor(playlist.use))) {
    return { eligible: false, reason: 'consent_scope' };
  }
  return { eligible: true };
}

/** A clip's eligibility columns as the playlist queries return them. */
export interface ClipRow {
  campaign_id: string;
  status: SubmissionStatus;
  escalated_at: Date | null;
  scopes: string[] | null;
  withdrawn_at: Date | null;
}

export const clipFactsOf = (r: ClipRow): ClipFacts => ({
  campaignId: r.campaign_id,
  status: r.status,
  escalated: r.escalated_at !== null,
  scopes: r.scopes ?? [],
  consentWithdrawn: r.withdrawn_at !== null,
});

/**
 * The one playable rule: whether an item is shown to jurors and rendered into exports right
 * now. An item waiting for re-check (its clip was trimmed or re-captioned) is held back even
 * while still eligible, until a facilitator looks again.
 */
export function itemPlayable(
  item: ClipRow & { needs_recheck: boolean },
  playlist: { campaign_id: string; use: PlaylistUse },
): boolean {
  if (item.needs_recheck) return false;
  return checkEligibility(clipFactsOf(item), {
    campaignId: playlist.campaign_id,
    use: playlist.use,
  }).eligible;
}

/** Why a clip already in a playlist leaves it (or is flagged); stored with each change event. */
export const changeReasons = [
  'withdrawn',
  'rejected',
  'new_version',
  'reapproved',
  'removed_by_staff',
] as const;
export type ChangeReason = (typeof changeReasons)[number];

export const changeKinds = [
  'item_removed',
  'item_flagged',
  'item_cleared',
  'export_deleted',
] as const;
export type ChangeKind = (typeof changeKinds)[number];

/** Where an item is asked to go: one step, or a position counted from 0. */
export type MoveRequest = { direction: 'up' | 'down' } | { position: number };

/**
 * The order after moving one item, as a new array of ids. A move past either end stops at the
 * end (moving the first item up is a no-op, not an error), so a double-clicked button is safe.
 * Returns undefined when the item is not in the list (someone else removed it meanwhile).
 */
export function moveItem(
  order: readonly string[],
  itemId: string,
  move: MoveRequest,
): string[] | undefined {
  const from = order.indexOf(itemId);
  if (from < 0) return undefined;
  const wanted = 'direction' in move ? from + (move.direction === 'up' ? -1 : 1) : move.position;
  const to = Math.min(Math.max(Math.trunc(wanted), 0), order.length - 1);
  const next = order.filter((id) => id !== itemId);
  next.splice(to, 0, itemId);
  return next;
}

/**
 * Positions to write so the stored order equals `order` (0, 1, 2, ...), listing only the items
 * whose position changes. Gaps left by removed items are closed at the same time.
 */
export function positionChanges(
  current: ReadonlyArray<{ id: string; position: number }>,
  order: readonly string[],
): Array<{ id: string; position: number }> {
  const was = new Map(current.map((i) => [i.id, i.position]));
  return order
    .map((id, position) => ({ id, position }))
    .filter((c) => was.get(c.id) !== c.position);
}

export interface TimedItem {
  durationSeconds: number | null;
  playable: boolean;
}

/**
 * Running time in whole seconds of what jurors will see: playable items only (a clip waiting
 * for re-check is skipped by the player and the export), rounded up so it never undersells.
 */
export function runningTimeSeconds(items: readonly TimedItem[]): number {
  const total = items.reduce((s, i) => s + (i.playable ? (i.durationSeconds ?? 0) : 0), 0);
  return Math.max(0, Math.ceil(total - 1e-6));
}

/** Share links last this long unless the facilitator chooses otherwise (1 to 90 days). */
export const DEFAULT_SHARE_DAYS = 14;
export const MAX_SHARE_DAYS = 90;

/** An export's lifecycle; `deleted` marks one removed because a clip in it was withdrawn. */
export const exportStatuses = ['queued', 'rendering', 'ready', 'failed', 'deleted'] as const;
export type ExportStatus = (typeof exportStatuses)[number];

/** The title card lines before a clip: the intro line if there is one, then the chosen name. */
export function titleLinesFor(
  intro: { en: string | null; cy: string | null },
  lang: 'en' | 'cy',
  displayName: string | null,
): string[] {
  const other = lang === 'en' ? 'cy' : 'en';
  const line = (intro[lang] ?? '').trim() || (intro[other] ?? '').trim();
  return [line, (displayName ?? '').trim()].filter((l) => l !== '');
}
