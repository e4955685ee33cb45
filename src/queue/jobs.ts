/**
 * Every job the workers run: its name, its payload and its options, in one place. The mapped
 * types make the compiler insist that each name has options (and, in workers/registry.ts,
 * exactly one processor).
 */
export const queueNames = {
  media: 'media',
  housekeeping: 'housekeeping',
  // Playlist exports: long renders in a queue of their own, so clips under review never wait.
  export: 'export',
} as const;
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
  /** After publishing: the 360p from the published 720p; not needed for review. */
  lowRendition: SubmissionJobData;
  purge: { submissionId: string; reason: 'withdrawn' | 'aborted' | 'retention' };
  /** Daily: purge campaigns past their retention date (workers/retention.processor.ts). */
  retention: { trigger: 'daily' | 'manual' };
  /** A moderator's trim-and-blur edit (redactions row): renders the next version's original. */
  redact: { submissionId: string; redactionId: string };
  /** A playlist's single-file export (playlist_exports row; workers/export.processor.ts). */
  export: { playlistId: string; exportId: string };
}

export type JobName = keyof JobPayloads;
export const jobNames = [
  'probe',
  'transcode',
  'finalise',
  'captions',
  'lowRendition',
  'purge',
  'retention',
  'redact',
  'export',
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
  lowRendition: { queue: 'media', attempts: 3, backoffMs: 5000 },
  purge: { queue: 'housekeeping', attempts: 10, backoffMs: 5000 },
  retention: { queue: 'housekeeping', attempts: 3, backoffMs: 60_000 },
  redact: { queue: 'media', attempts: 3, backoffMs: 5000 },
  export: { queue: 'export', attempts: 2, backoffMs: 10_000 },
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
