import type { Request, RequestHandler, Response } from 'express';
import type { StaffKind } from '../../domain/authorisation';
import type { SubmissionStatus } from '../../domain/submission-states';
import type { EditRequestBody, EditsView } from './redact-page';

/** What the staff pages need; src/api/staff/page-deps.ts builds it from the services. */

export interface StaffUser {
  kind: StaffKind;
  id: string;
  email: string;
  campaignIds: readonly string[];
  csrfToken: string;
  mustChangePassword: boolean;
}

export interface QueueItemView {
  id: string;
  status: SubmissionStatus;
  campaign: string;
  language: 'en' | 'cy';
  createdAt: string;
  escalated: boolean;
  claimedBy?: string;
  captionsMissing: boolean;
}

export interface QueueFilters {
  campaign?: string;
  status?: SubmissionStatus | 'escalated';
  language?: 'en' | 'cy';
  captionsMissing?: boolean;
  flagged?: boolean;
  /** The page after this cursor (the previous page's `next`). */
  after?: string;
}

export interface ReviewView {
  id: string;
  status: SubmissionStatus;
  campaign: { slug: string; name: { en: string; cy: string } };
  mediaVersion: number;
  escalated: boolean;
  media: Array<{ name: string; contentType: string }>;
  consent?: {
    scopes: string[];
    othersAppear: boolean;
    othersConsented: boolean;
    displayName: string | null;
    language: 'en' | 'cy';
    givenAt: Date;
    statementVersion: number;
    statement: { en: string; cy: string };
    /** How consent was given (online, paper, phone, in_person) and, when staff took it, who saw it. */
    method: string;
    witnessedBy: string | null;
    /** The step-by-step form's answers (migration 0004); null where not asked. */
    over18: boolean | null;
    guardianAgreed: boolean | null;
    healthDetailsAgreed: boolean | null;
    onBehalfRelationship: string | null;
    onBehalfBasis: string | null;
  };
  claim?: { byMe: boolean; email: string; expiresAt: Date };
  reviews: Array<{
    decision: string;
    email: string;
    at: Date;
    reasonCode: string | null;
    note: string;
    checklist: { checked?: string[]; concerns?: string[]; adultAtRisk?: boolean };
  }>;
}

export interface DecisionForm {
  decision: 'approve' | 'request_changes' | 'reject' | 'escalate';
  consentCheck: boolean;
  contentCheck: boolean;
  note: string;
  reasonCode?: string;
  mediaVersion?: number;
  checklist?: { checked: string[]; concerns: string[]; adultAtRisk: boolean };
}

export interface StaffPageDeps {
  currentStaff(req: Request): Promise<StaffUser | undefined>;
  /** Throws AppError('forbidden') when the CSRF token is missing or wrong. */
  checkCsrf(req: Request, staff: StaffUser): void;
  /** Signs in and sets the session cookie; throws AppError('unauthorised') when refused. */
  signIn(req: Request, res: Response, email: string, password: string): Promise<void>;
  signOut(req: Request, res: Response, staff: StaffUser): Promise<void>;
  /** Throws AppError('bad_request', details.field 'currentPassword') when it is not right. */
  changePassword(staff: StaffUser, current: string, next: string): Promise<void>;
  /** The shortest password accepted. */
  passwordMin: number;
  /** Rate limits for the sign-in form post (after the body is parsed). */
  loginLimits: RequestHandler[];
  campaigns(staff: StaffUser): Promise<Array<{ slug: string; name: { en: string; cy: string } }>>;
  queue(
    staff: StaffUser,
    filters: QueueFilters,
  ): Promise<{ items: QueueItemView[]; counts: Record<string, number>; next?: string }>;
  review(staff: StaffUser, id: string): Promise<ReviewView>;
  claim(staff: StaffUser, id: string): Promise<void>;
  decide(staff: StaffUser, id: string, form: DecisionForm): Promise<void>;
  sendMedia(staff: StaffUser, id: string, name: string, req: Request, res: Response): Promise<void>;
  /** Trim and redact: the clip's length and kind, and its edits. */
  edits(staff: StaffUser, id: string): Promise<EditsView>;
  /** Throws AppError bad_request with `details.reason` when checkRedaction refuses the edit. */
  requestEdit(staff: StaffUser, id: string, body: EditRequestBody): Promise<void>;
  logError?(err: unknown, req: Request): void;
}
