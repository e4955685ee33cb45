/**
 * Every job the workers run: its name, its payload and its options, in one place. The mapped
 * types make the compiler insist that each name has options (and, in workers/registry.ts,
 * exactly one processor).
 */
export const queueNames = { media: 'media', housekeeping: 'housekeeping' } as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];

export interface SubmissionJobData {
  submissionId: string;
  mediaVersion: number;
}

export interface JobPayloads {
  probe: SubmissionJobData;
  transcode: SubmissionJobData;
  finalise: SubmissionJobData;
  /** After publishing: captions never hold a clip back from review. */
  captions: SubmissionJobData;
  purge: { submissionId: string; reason: 'withdrawn' | 'aborted' };
}

export type JobName = keyof JobPayloads;
export const jobNames = [
  'probe',
  'transcode',
  'finalise',
  'captions',
  'purge',
] as const satisfies readonly JobName[];

export interface JobSettings {
  queue: QueueName;
  attempts: number;
  /** Exponential backoff base in ms between attempts of transient failures. */
  backoffMs: number;
}

export const jobSettings: { [K in JobName]: JobSettings } = {
  probe: { queue: 'media', attempts: 3, backoffMs: 2000 },
  transcode: { queue: 'media', attempts: 3, backoffMs: 5000 },
  finalise: { queue: 'media', attempts: 5, backoffMs: 2000 },
  captions: { queue: 'media', attempts: 3, backoffMs: 5000 },
  purge: { queue: 'housekeeping', attempts: 10, backoffMs: 5000 },
};

/**
 * Deterministic job ids: the same submission version always maps to the same ids, so a second
 * enqueue or a retry never does the work twice (BullMQ ignores an add whose id exists).
 * BullMQ forbids ':' in custom ids.
 */
export function jobIdFor(name: JobName, data: { submissionId: string; mediaVersion?: number }) {
  return data.mediaVersion === undefined
    ? `${name}-${data.submissionId}`
    : `${name}-${data.submissionId}-v${data.mediaVersion}`;
}
