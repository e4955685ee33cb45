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
    ['failed', 'new_version', 'uploaded'],
    ['awaiting_review', 'new_version', 'uploaded'],
    // An approved clip may be re-versioned: back through processing and review.
    ['approved', 'new_version', 'uploaded'],
    ['failed', 'retry', 'uploaded'],
    ['approved', 'withdraw', 'withdrawn'],
    // Refused moves: a job that finds the state already moved does nothing.
    ['uploading', 'processing_started', undefined],
    ['awaiting_review', 'processing_succeeded', undefined],
    ['withdrawn', 'processing_started', undefined],
    ['withdrawn', 'withdraw', undefined],
    ['approved', 'approve', undefined],
    ['rejected', 'retry', undefined],
    ['rejected', 'new_version', undefined],
    ['withdrawn', 'new_version', undefined],
    ['uploaded', 'new_version', undefined],
    ['processing', 'new_version', undefined],
  ])('%s --%s--> %s', (from, event, to) => {
    expect(nextState(from as never, event)).toBe(to);
  });

  it('takes a new version only where a fresh upload makes sense', () => {
    expect(statesAllowing('new_version').sort()).toEqual(
      ['approved', 'awaiting_review', 'changes_requested', 'failed'].sort(),
    );
  });

  it('lets every state but withdrawn be withdrawn', () => {
    const allowed = statesAllowing('withdraw');
    expect(submissionStatuses.filter((s) => !allowed.includes(s))).toEqual(['withdrawn']);
  });
});
