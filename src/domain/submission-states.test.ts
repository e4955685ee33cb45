import {
  nextState,
  statesAllowing,
  submissionStatuses,
  type SubmissionEvent,
} from './submission-states';

describe('nextState', () => {
  it.each<[string, SubmissionEvent, string | undefined]>([
    ['uploading', 'upload_completed', 'uploaded'],
    ['uploaded', 'processing_started', 'processing'],
    ['processing', 'processing_started', 'processing'],
    ['processing', 'processing_succeeded', 'awaiting_review'],
    ['processing', 'processing_failed', 'failed'],
    ['awaiting_review', 'approve', 'approved'],
    ['awaiting_review', 'request_changes', 'changes_requested'],
    ['awaiting_review', 'reject', 'rejected'],
    ['changes_requested', 'new_version', 'uploaded'],
    ['failed', 'retry', 'uploaded'],
    ['approved', 'withdraw', 'withdrawn'],
    // Refused moves: a job that finds the state already moved does nothing.
    ['uploading', 'processing_started', undefined],
    ['awaiting_review', 'processing_succeeded', undefined],
    ['withdrawn', 'processing_started', undefined],
    ['withdrawn', 'withdraw', undefined],
    ['approved', 'approve', undefined],
    ['rejected', 'retry', undefined],
  ])('%s --%s--> %s', (from, event, to) => {
    expect(nextState(from as never, event)).toBe(to);
  });

  it('lets every state but withdrawn be withdrawn', () => {
    const allowed = statesAllowing('withdraw');
    expect(submissionStatuses.filter((s) => !allowed.includes(s))).toEqual(['withdrawn']);
  });
});
