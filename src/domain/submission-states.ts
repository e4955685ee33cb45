/**
 * A submission's life (DESIGN.md "A submission's life") as one pure state machine. The database
 * changes a submission's state only through `nextState`, inside a transaction that checks the
 * state it expects, so two actors can never both move the same submission.
 */
export const submissionStatuses = [
  'uploading',
  'uploaded',
  'processing',
  'awaiting_review',
  'approved',
  'changes_requested',
  'rejected',
  'failed',
  'withdrawn',
] as const;

export type SubmissionStatus = (typeof submissionStatuses)[number];

export type SubmissionEvent =
  | 'upload_completed'
  | 'processing_started'
  | 'processing_succeeded'
  | 'processing_failed'
  | 'approve'
  | 'request_changes'
  | 'reject'
  | 'new_version'
  | 'retry'
  | 'withdraw';

const transitions: Record<SubmissionEvent, Partial<Record<SubmissionStatus, SubmissionStatus>>> = {
  upload_completed: { uploading: 'uploaded' },
  // A retry after a crash finds the submission already in `processing`: that is allowed.
  processing_started: { uploaded: 'processing', processing: 'processing' },
  processing_succeeded: { processing: 'awaiting_review' },
  processing_failed: { uploaded: 'failed', processing: 'failed' },
  approve: { awaiting_review: 'approved' },
  request_changes: { awaiting_review: 'changes_requested' },
  reject: { awaiting_review: 'rejected' },
  // From `approved` too: the clip goes back through processing and review, and playlists
  // holding it flag it for re-check until the new version is approved (issue 8).
  new_version: {
    changes_requested: 'uploaded',
    failed: 'uploaded',
    awaiting_review: 'uploaded',
    approved: 'uploaded',
  },
  retry: { failed: 'uploaded' },
  withdraw: {
    uploading: 'withdrawn',
    uploaded: 'withdrawn',
    processing: 'withdrawn',
    awaiting_review: 'withdrawn',
    approved: 'withdrawn',
    changes_requested: 'withdrawn',
    rejected: 'withdrawn',
    failed: 'withdrawn',
  },
};

/** The state after `event`, or undefined when the event is not allowed in `current`. */
export function nextState(
  current: SubmissionStatus,
  event: SubmissionEvent,
): SubmissionStatus | undefined {
  return transitions[event][current];
}

/** The states from which `event` is allowed: what a guarded UPDATE expects to find. */
export function statesAllowing(event: SubmissionEvent): SubmissionStatus[] {
  return Object.keys(transitions[event]) as SubmissionStatus[];
}

/** States in which the queue owes work: the reconciler re-queues these when no job is live. */
export const statesOwingWork: readonly SubmissionStatus[] = ['uploaded', 'processing'];

export const isSubmissionStatus = (s: string): s is SubmissionStatus =>
  (submissionStatuses as readonly string[]).includes(s);
