import type { Job } from 'bullmq';
import { jobNames, type JobName, type JobPayloads } from '../src/queue/jobs';
import { handleCaptions } from './captions.processor';
import { handleExport } from './export.processor';
import { handleFinalise } from './finalise.processor';
import { handleLowRendition } from './low-rendition.processor';
import { handleProbe } from './probe.processor';
import { handlePurge } from './purge.processor';
import { handleRedact } from './redact.processor';
import { handleRetention } from './retention.processor';
import { handleTranscode } from './transcode.processor';
import type { WorkerDeps } from './worker-deps';

type ProcessorFor<K extends JobName> = (
  deps: WorkerDeps,
  job: Job<JobPayloads[K]>,
  signal?: AbortSignal,
) => Promise<unknown>;

/** Exactly one processor per job name: the mapped type makes a missing one a compile error. */
export const processors: { [K in JobName]: ProcessorFor<K> } = {
  probe: handleProbe,
  transcode: handleTranscode,
  finalise: handleFinalise,
  captions: handleCaptions,
  lowRendition: handleLowRendition,
  purge: handlePurge,
  retention: handleRetention,
  redact: handleRedact,
  export: handleExport,
};

/** Start-up check that the registry and the job list agree (guards against drift at run time). */
export function assertRegistryComplete(): void {
  const registered = Object.keys(processors).sort();
  const expected = [...jobNames].sort();
  if (JSON.stringify(registered) !== JSON.stringify(expected)) {
    throw new Error(
      `job registry mismatch: have ${registered.join(',')}, need ${expected.join(',')}`,
    );
  }
}

export function dispatch(deps: WorkerDeps) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<unknown> => {
    const name = job.name as JobName;
    const processor = processors[name] as ProcessorFor<JobName> | undefined;
    if (!processor) throw new Error(`no processor for job ${job.name}`);
    return processor(deps, job as Job<JobPayloads[JobName]>, signal);
  };
}
