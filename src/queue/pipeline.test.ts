import { planSubmissionFlow } from './pipeline';
import { jobIdFor } from './jobs';

describe('planSubmissionFlow', () => {
  const data = { submissionId: '7d0e6a2c-3f4b-4f3e-9a55-1f3c2b1a0e9d', mediaVersion: 2 };

  it('nests probe under transcode under finalise with ids from submission and version', () => {
    const flow = planSubmissionFlow(data);
    expect(flow.name).toBe('finalise');
    expect(flow.opts?.jobId).toBe(`finalise-${data.submissionId}-v2`);
    const transcode = flow.children?.[0];
    expect(transcode?.name).toBe('transcode');
    expect(transcode?.children?.[0]?.name).toBe('probe');
    expect(transcode?.children?.[0]?.opts?.jobId).toBe(`probe-${data.submissionId}-v2`);
  });

  it('plans the same ids twice (idempotent enqueue)', () => {
    expect(JSON.stringify(planSubmissionFlow(data))).toBe(JSON.stringify(planSubmissionFlow(data)));
  });

  it('never puts a colon in a job id', () => {
    expect(jobIdFor('purge', { submissionId: data.submissionId })).not.toContain(':');
  });
});
