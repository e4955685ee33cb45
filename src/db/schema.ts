import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { SubmissionStatus } from '../domain/submission-states';

/** Table types for Kysely; they mirror migrations/ and change only with a new migration. */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
// pg returns bigint as a string; we keep byte counts well inside Number's safe range.
type BigIntColumn = ColumnType<string, number | bigint | string, number | bigint | string>;

export interface CampaignsTable {
  id: Generated<string>;
  slug: string;
  name_en: string;
  name_cy: string;
  description_en: Generated<string>;
  description_cy: Generated<string>;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  max_duration_seconds: number | null;
  retention_until: ColumnType<Date, Date | string, Date | string> | null;
  created_at: CreatedAt;
  /** Migration 0008: when the retention job last removed the campaign's submissions. */
  retention_purged_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
}

export interface ConsentStatementsTable {
  id: Generated<string>;
  campaign_id: string;
  version: number;
  text_en: string;
  text_cy: string;
  created_at: CreatedAt;
}

export interface SubmissionsTable {
  id: Generated<string>;
  campaign_id: string;
  status: SubmissionStatus;
  media_version: Generated<number>;
  kind: 'video' | 'audio' | null;
  language: 'en' | 'cy';
  failure_code: string | null;
  failure_detail: string | null;
  progress: Generated<number>;
  original_bytes: BigIntColumn | null;
  original_content_type: string | null;
  duration_seconds: number | null;
  probe: ColumnType<unknown, string | null, string | null> | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Set by an `escalate` review decision (migration 0002); blocks approval until cleared. */
  escalated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ConsentsTable {
  id: Generated<string>;
  submission_id: string;
  statement_id: string;
  scopes: string[];
  others_appear: boolean;
  others_consented: boolean;
  display_name: string | null;
  language: 'en' | 'cy';
  method: Generated<string>;
  given_at: CreatedAt;
  withdrawn_at: Timestamp | null;
  /** Migration 0004: the step-by-step consent's answers (null where not asked). */
  over_18: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  guardian_agreed: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  health_details_agreed: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  on_behalf_relationship: ColumnType<string | null, string | null | undefined, string | null>;
  on_behalf_basis: ColumnType<
    'agreed_themselves' | 'lasting_power_of_attorney' | 'best_interests' | null,
    'agreed_themselves' | 'lasting_power_of_attorney' | 'best_interests' | null | undefined,
    'agreed_themselves' | 'lasting_power_of_attorney' | 'best_interests' | null
  >;
  /** Migration 0006: consent taken by staff (paper, phone, in person): who saw it given. */
  witnessed_by: ColumnType<string | null, string | null | undefined, string | null>;
  recorded_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MediaAssetsTable {
  submission_id: string;
  version: number;
  name: string;
  content_type: string;
  bytes: BigIntColumn;
  created_at: CreatedAt;
}

export type StaffRole = 'admin' | 'moderator' | 'facilitator';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  role: StaffRole;
  password_hash: string;
  must_change_password: Generated<boolean>;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  failed_logins: Generated<number>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface UserCampaignsTable {
  user_id: string;
  campaign_id: string;
}

export interface LinkTokensTable {
  id: Generated<string>;
  token_hash: Buffer;
  purpose: 'contributor' | 'juror';
  submission_id: string | null;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  created_at: CreatedAt;
  /** A juror's share link opens one playlist (migration 0005). */
  playlist_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export type ActorType = 'system' | 'staff' | 'contributor' | 'juror';

export interface AuditEventsTable {
  id: Generated<string>;
  at: CreatedAt;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  campaign_id: string | null;
  details: ColumnType<unknown, string | undefined, never>;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value. */
  id: Buffer;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ReviewClaimsTable {
  submission_id: string;
  user_id: string;
  claimed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Timestamp;
}

export type ReviewDecision = 'approve' | 'request_changes' | 'reject' | 'escalate';

export interface ReviewsTable {
  id: Generated<string>;
  submission_id: string;
  media_version: number;
  user_id: string;
  decision: ReviewDecision;
  consent_check: boolean;
  content_check: boolean;
  reason_code: string | null;
  note: Generated<string>;
  created_at: CreatedAt;
  /** Migration 0006: the content checklist as ticked (see src/domain/review-checklist.ts). */
  checklist: ColumnType<ReviewChecklistJson, ReviewChecklistJson | undefined, never>;
}

// Review extras (migration 0006).
export interface ReviewChecklistJson {
  checked?: string[];
  concerns?: string[];
  adultAtRisk?: boolean;
}

export interface ReviewQueueCountsTable {
  campaign_id: string;
  status: string;
  language: string;
  escalated: boolean;
  n: number;
}

export interface EscalationsTable {
  id: Generated<string>;
  submission_id: string;
  campaign_id: string;
  review_id: string | null;
  raised_by: string;
  concern: string;
  raised_at: CreatedAt;
  closed_by: string | null;
  closed_at: Timestamp | null;
  outcome: string | null;
  /** Migration 0009: when retention cleared the concern (the row outlives its submission). */
  personal_data_removed_at: Timestamp | null;
}

export interface CaptionRevisionsTable {
  id: Generated<string>;
  submission_id: string;
  media_version: number;
  lang: 'en' | 'cy';
  source: 'asr' | 'upload' | 'transcript' | 'edit';
  /** Null for a transcript still waiting to be timed. */
  vtt: string | null;
  transcript: string | null;
  /** `contributor`, `staff:<id>` or `job:<id>`. */
  created_by: string;
  created_at: CreatedAt;
}

/** Migration 0008: anonymous counts kept after retention removes a campaign's submissions. */
export interface RetentionCountsTable {
  campaign_id: string;
  status: string;
  submissions: number;
}

/** Migration 0007: a moderator's trim-and-blur edit and how far it got. */
export interface RedactionsTable {
  id: Generated<string>;
  submission_id: string;
  from_version: number;
  to_version: number;
  spec: ColumnType<unknown, string, never>;
  status: Generated<'queued' | 'done' | 'failed' | 'superseded'>;
  requested_by: string | null;
  failure_detail: string | null;
  original_removed_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Database {
  campaigns: CampaignsTable;
  consent_statements: ConsentStatementsTable;
  submissions: SubmissionsTable;
  consents: ConsentsTable;
  media_assets: MediaAssetsTable;
  users: UsersTable;
  user_campaigns: UserCampaignsTable;
  link_tokens: LinkTokensTable;
  audit_events: AuditEventsTable;
  caption_revisions: CaptionRevisionsTable;
  sessions: SessionsTable;
  review_claims: ReviewClaimsTable;
  reviews: ReviewsTable;
  review_queue_counts: ReviewQueueCountsTable;
  escalations: EscalationsTable;
  redactions: RedactionsTable;
  retention_counts: RetentionCountsTable;
  playlists: PlaylistsTable;
  playlist_items: PlaylistItemsTable;
  playlist_changes: PlaylistChangesTable;
  playlist_exports: PlaylistExportsTable;
}

// Jury playlists (migration 0005).
export interface PlaylistsTable {
  id: Generated<string>;
  campaign_id: string;
  title_en: string;
  title_cy: string;
  use: 'jury' | 'livestream' | 'public';
  /** A `date`: pg gives a Date at local midnight, so queries read it with to_char instead. */
  session_date: ColumnType<Date | null, string | null | undefined, string | null>;
  notes: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PlaylistItemsTable {
  id: Generated<string>;
  playlist_id: string;
  submission_id: string;
  position: number;
  intro_en: string | null;
  intro_cy: string | null;
  media_version: number;
  needs_recheck: Generated<boolean>;
  added_by: string | null;
  added_at: CreatedAt;
}

export interface PlaylistChangesTable {
  id: Generated<string>;
  playlist_id: string;
  at: CreatedAt;
  kind: 'item_removed' | 'item_flagged' | 'item_cleared' | 'export_deleted';
  reason: string;
  submission_id: string | null;
  export_id: string | null;
  position: number | null;
}

export interface PlaylistExportsTable {
  id: Generated<string>;
  playlist_id: string;
  lang: 'en' | 'cy';
  height: 720 | 1080;
  status: 'queued' | 'rendering' | 'ready' | 'failed' | 'deleted';
  progress: Generated<number>;
  submission_ids: ColumnType<string[], string[] | undefined, string[]>;
  failure_reason: string | null;
  bytes: BigIntColumn | null;
  duration_seconds: number | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type Campaign = Selectable<CampaignsTable>;
export type Submission = Selectable<SubmissionsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
