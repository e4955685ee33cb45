import type { ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { noteFault } from '../support/fault-table';
import { MEDIA_DIR, postMultipart, validConsent } from '../support/multipart';
import { startProcess } from '../support/processes';
import { startTestStack, type TestStack } from '../support/stack';
import { waitForSettledSubmission } from '../support/wait-for';

/**
 * Fault: ffmpeg is killed (SIGKILL, as the kernel's out-of-memory killer does) every time the
 * transcode runs it. The job is retried, then the submission fails with a reason; nothing is
 * published. The worker is a process of its own whose PATH finds a wrapper `ffmpeg` first: the
 * wrapper hands the probe's packet read (`-f null`) to the real ffmpeg and kills itself
 * otherwise.
 *
 * (A hung ffmpeg is killed by the runner's timeout, tested in src/media/ffmpeg-runner.test.ts;
 * a timeout then fails the job the same way as this kill.)
 */
let stack: TestStack;
let dir: string;
let worker: ChildProcess | undefined;

const WRAPPER = `#!/bin/sh
for a in "$@"; do
  if [ "$a" = "null" ]; then exec ${process.env.FFMPEG_REAL ?? '/usr/bin/ffmpeg'} "$@"; fi
done
kill -KILL $$
`;

beforeAll(async () => {
  // Attempts are set where the flow is queued (the API); two tries keep the test short.
  stack = await startTestStack({ env: { JOB_ATTEMPTS: '2' } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'lev-fault-ffmpeg-'));
  await writeFile(path.join(dir, 'ffmpeg'), WRAPPER);
  await chmod(path.join(dir, 'ffmpeg'), 0o755);
});
afterAll(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    worker.kill('SIGTERM');
    await new Promise((r) => worker!.once('exit', r));
  }
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

it('retries a transcode whose ffmpeg is killed, then fails it with a reason', async () => {
  worker = startProcess('workers/main.ts', {
    PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    DATABASE_URL: stack.config.database.url!,
    S3_ENDPOINT: stack.s3.endpoint,
    REDIS_URL: stack.config.redis.url!,
    QUEUE_PREFIX: stack.config.redis.prefix,
    DATA_DIR: path.join(dir, 'data'),
    LOG_LEVEL: 'silent',
    FFMPEG_THREADS: '1',
  });
  worker.stderr?.resume();
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    { filename: 'clip.mp4', body: createReadStream(path.join(MEDIA_DIR, 'welsh-speech.mp4')) },
  );
  expect(res.status).toBe(201);
  const { id } = res.json() as { id: string };

  const row = await waitForSettledSubmission(stack.deps.db, id, {
    timeoutMs: 120_000,
    intervalMs: 300,
  });
  expect(row.status).toBe('failed');
  expect(row.failure_code).toBe('processing_error');
  expect(row.failure_detail).toMatch(/ffmpeg exited with signal SIGKILL/);
  const media = stack.conn.queues.queue('media');
  const probe = await media.getJob(`probe-${id}-v1`);
  expect(await probe?.getState()).toBe('completed');
  const transcode = await media.getJob(`transcode-${id}-v1`);
  expect(await transcode?.getState()).toBe('failed');
  expect(transcode?.attemptsMade).toBe(2);
  expect(await stack.deps.store.list(`media/${id}/`)).toEqual([]);
  expect(
    await stack.deps.db
      .selectFrom('media_assets')
      .select('name')
      .where('submission_id', '=', id)
      .execute(),
  ).toEqual([]);
  // The worker itself lived through it.
  expect(worker.exitCode).toBeNull();
  noteFault({
    fault: 'ffmpeg killed with SIGKILL on every transcode try',
    measured:
      `probe completed; transcode failed ${transcode?.attemptsMade}/2 tries; submission failed, ` +
      `reason "${/ffmpeg exited with signal SIGKILL/.exec(row.failure_detail ?? '')?.[0]}"; ` +
      '0 media objects, 0 asset rows; worker process still running',
  });
});
