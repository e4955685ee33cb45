import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startTestStack, type TestStack } from '../support/stack';
import { MEDIA_DIR, postMultipart, validConsent } from '../support/multipart';
import { startProcess } from '../support/processes';
import { waitFor, waitForSettledSubmission } from '../support/wait-for';

/**
 * Fault: a worker process is killed with SIGKILL in the middle of a transcode. Another worker
 * takes the job over once its lock lapses; the clip completes once, with one set of renditions.
 */
let stack: TestStack;
let workDir: string;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'lev-fault-'));
});
afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  await stack.close();
  await rm(workDir, { recursive: true, force: true });
});

/** ffmpeg processes working in a directory under `root` (Linux /proc). */
async function ffmpegUnder(root: string): Promise<number[]> {
  const found: number[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const comm = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
      if (comm === 'ffmpeg' && (await readlink(`/proc/${pid}/cwd`)).startsWith(root)) {
        found.push(Number(pid));
      }
    } catch {
      // ended while we looked
    }
  }
  return found;
}

function startWorker(): ChildProcess {
  const w = startProcess('workers/main.ts', {
    DATABASE_URL: stack.config.database.url!,
    S3_ENDPOINT: stack.s3.endpoint,
    REDIS_URL: stack.config.redis.url!,
    QUEUE_PREFIX: stack.config.redis.prefix,
    JOB_LOCK_SECONDS: '4',
    LOG_LEVEL: 'silent',
    DATA_DIR: workDir,
    FFMPEG_THREADS: '1',
  });
  workers.push(w);
  return w;
}

it('recovers a transcode whose worker was killed, with one set of renditions', async () => {
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    {
      filename: 'clip.mov',
      body: createReadStream(path.join(MEDIA_DIR, 'iphone-portrait-hevc.mov')),
    },
  );
  expect(res.status).toBe(201);
  const { id } = res.json() as { id: string };
  const first = startWorker();

  const media = stack.conn.queues.queue('media');
  await waitFor(
    async () => {
      const job = await media.getJob(`transcode-${id}-v1`);
      return job && (await job.getState()) === 'active';
    },
    { what: 'the transcode to be running', timeoutMs: 180_000 },
  );
  await new Promise((r) => setTimeout(r, 1000)); // well into ffmpeg's work
  await waitFor(async () => (await ffmpegUnder(workDir)).length > 0, {
    what: 'the transcode ffmpeg to be running',
    timeoutMs: 60_000,
  });
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  // Its ffmpeg goes with it (parent-death signal, src/media/ffmpeg-runner.ts), not on for minutes.
  await waitFor(async () => (await ffmpegUnder(workDir)).length === 0, {
    what: "the killed worker's ffmpeg to end",
    timeoutMs: 10_000,
  });

  startWorker();
  const row = await waitForSettledSubmission(stack.deps.db, id, { timeoutMs: 180_000 });
  expect(row.status).toBe('awaiting_review');
  // The 360p follows review by its own job (workers/low-rendition.processor.ts).
  await waitFor(
    () =>
      stack.deps.db
        .selectFrom('media_assets')
        .select('name')
        .where('submission_id', '=', id)
        .where('name', '=', '360p.mp4')
        .executeTakeFirst(),
    { what: 'the 360p to be published', timeoutMs: 120_000 },
  );

  const objects = (await stack.deps.store.list(`media/${id}/`)).map((o) => o.key).sort();
  expect(objects).toEqual(
    ['360p.mp4', '720p.mp4', 'poster.jpg', 'sprite.jpg', 'thumbnails.vtt'].map(
      (n) => `media/${id}/1/${n}`,
    ),
  );
  const assets = await stack.deps.db
    .selectFrom('media_assets')
    .select('name')
    .where('submission_id', '=', id)
    .execute();
  expect(assets).toHaveLength(5);
  const published = await stack.deps.db
    .selectFrom('audit_events')
    .select('action')
    .where('subject_id', '=', id)
    .where('action', '=', 'submission.processing_succeeded')
    .execute();
  expect(published).toHaveLength(1);
  const transcode = await media.getJob(`transcode-${id}-v1`);
  expect(await transcode?.getState()).toBe('completed');
}, 300_000);
