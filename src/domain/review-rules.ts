import { AppError } from './errors';
import type { SubmissionEvent, SubmissionStatus } from './submission-states';

/** Review decisions (DESIGN.md "Consent and review"), checked without I/O. */
export const reviewDecisions = ['approve', 'request_changes', 'reject', 'escalate'] as const;
export type ReviewDecisionKind = (typeof reviewDecisions)[number];

/** How long a claim lasts; the holder renews it by claiming again. */
export const CLAIM_SECONDS = 15 * 60;

/** Reasons a moderator can pick; free text goes in the note. */
export const reviewReasonCodes = [
  'personal_details',
  'people_without_consent',
  'safeguarding',
  'captions',
  'consent_mismatch',
  'quality',
  'off_topic',
  'other',
] as const;
export type ReviewReasonCode = (typeof reviewReasonCodes)[number];

/** The state machine event a decision drives; escalation keeps the state and sets a flag. */
export function decisionEvent(decision: ReviewDecisionKind): SubmissionEvent | undefined {
  switch (decision) {
    case 'approve':
      return 'approve';
    case 'request_changes':
      return 'request_changes';
    case 'reject':
      return 'reject';
    case 'escalate':
      return undefined;
  }
}

export interface DecisionInput {
  decision: ReviewDecisionKind;
  consentCheck: boolean;
  contentCheck: boolean;
  /** The media version the reviewer watched, when the client sent it. */
  mediaVersion?: number;
}

export interface DecisionContext {
  actorId: string;
  now: Date;
  submission: { status: SubmissionStatus; mediaVersion: number; escalatedAt: Date | null };
  claim: { userId: string; expiresAt: Date } | undefined;
}

export const claimIsLive = (claim: { expiresAt: Date } | undefined, now: Date): boolean =>
  claim !== undefined && claim.expiresAt.getTime() > now.getTime();

/**
 * Throws the AppError that refuses a decision, or returns the event to apply (undefined for
 * escalate). Order matters: a stale page is reported before a missing check, so the reviewer
 * re-opens the clip rather than ticking boxes for a version they did not watch.
 */
export function checkDecision(
  input: DecisionInput,
  ctx: DecisionContext,
): SubmissionEvent | undefined {
  if (ctx.submission.status !== 'awaiting_review') {
    throw new AppError('wrong_state', 'This submission is not waiting for review.', {
      status: ctx.submission.status,
    });
  }
  if (input.mediaVersion !== undefined && input.mediaVersion !== ctx.submission.mediaVersion) {
    throw new AppError('stale_version', 'The submission changed after it was opened.', {
      mediaVersion: ctx.submission.mediaVersion,
    });
  }
  if (!claimIsLive(ctx.claim, ctx.now) || ctx.claim?.userId !== ctx.actorId) {
    throw new AppError('claim_conflict', 'Claim the submission before deciding.');
  }
  if (input.decision === 'approve') {
    if (ctx.submission.escalatedAt) {
      throw new AppError('escalated', 'An admin must close the escalation before approval.');
    }
    if (!input.consentCheck || !input.contentCheck) {
      throw new AppError(
        'checks_incomplete',
        'Approval needs both the consent and content check.',
        {
          consentCheck: input.consentCheck,
          contentCheck: input.contentCheck,
        },
      );
    }
  }
  return decisionEvent(input.decision);
}

/** Whether a claim attempt by `actorId` may take or renew the claim. */
export function mayClaim(
  claim: { userId: string; expiresAt: Date } | undefined,
  actorId: string,
  now: Date,
): boolean {
  return !claimIsLive(claim, now) || claim?.userId === actorId;
}
