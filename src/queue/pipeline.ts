import type { FlowJob } from 'bullmq';
import { jobIdFor, jobSettings, type JobName, type SubmissionJobData } from './jobs';

/**
 * Plans a submission's processing as one flow: probe, then transcode, then finalise. BullMQ runs
 * children before parents, so the plan nests the other way round. Pure: enqueueing is separate.
 */
export function planSubmissionFlow(data: SubmissionJobData, attempts?: number): FlowJob {
  const node = (name: JobName, children?: FlowJob[]): FlowJob => ({
    name,
    queueName: jobSettings[name].queue,
    data,
    opts: {
      jobId: jobIdFor(name, data),
      attempts: attempts ?? jobSettings[name].attempts,
      backoff: { type: 'exponential', delay: jobSettings[name].backoffMs },
      // A child that fails for good fails its parent, so no flow waits forever.
      failParentOnFailure: true,
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
    ...(children ? { children } : {}),
  });
  return node('finalise', [node('transcode', [node('probe')])]);
}
