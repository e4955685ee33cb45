import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestStack, type TestStack } from './support/stack';
import { MEDIA_DIR, postMultipart, validConsent } from './support/multipart';
import { ROOT } from './support/processes';
import { waitForSettledSubmission } from './support/wait-for';

/** The admin CLI as an operator runs it: `npm run cli -- <command>` against the real services. */
const run = promisify(execFile);
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ workers: true });
});
afterAll(() => stack.close());

function cli(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: stack.config.database.url!,
      S3_ENDPOINT: stack.s3.endpoint,
      REDIS_URL: stack.config.redis.url!,
      QUEUE_PREFIX: stack.config.redis.prefix,
      DATA_DIR: stack.config.dataDir,
      ...env,
    },
  });
}

/** The submission once it has settled (left `uploaded` and `processing`). */
const statusOf = (id: string) =>
  waitForSettledSubmission(stack.deps.db, id, { timeoutMs: 120_000, intervalMs: 200 });

it('users:create makes a staff account with the password from STAFF_PASSWORD', async () => {
  const { stdout } = await cli(
    ['users:create', '--email', 'Mod@Example.org', '--role', 'moderator', '--campaign', 'demo'],
    {
      STAFF_PASSWORD: 'a long enough password',
    },
  );
  expect(stdout).toContain('created moderator mod@example.org');
  const u = await stack.deps.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', 'mod@example.org')
    .executeTakeFirstOrThrow();
  expect(u.password_hash).toMatch(/^\$argon2id\$/);
  const link = await stack.deps.db
    .selectFrom('user_campaigns')
    .selectAll()
    .where('user_id', '=', u.id)
    .execute();
  expect(link).toHaveLength(1);
});

it('refuses a bad command line with a plain message and exit code 1', async () => {
  await expect(
    cli(['users:create', '--email', 'not-an-email', '--role', 'moderator'], {
      STAFF_PASSWORD: 'x'.repeat(12),
    }),
  ).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining('error:'),
  });
  await expect(cli(['nonsense'])).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining('usage'),
  });
});

it('submissions:retry processes a failed submission again', async () => {
  const res = await postMultipart(
    `${stack.baseUrl}/api/v1/submissions`,
    { campaign: 'demo', consent: JSON.stringify(validConsent) },
    { filename: 't.mp4', body: createReadStream(path.join(MEDIA_DIR, 'truncated.mp4')) },
  );
  const { id } = res.json() as { id: string };
  expect((await statusOf(id)).status).toBe('failed');
  const { stdout } = await cli(['submissions:retry', id]);
  expect(stdout).toContain('queued again');
  const again = await statusOf(id);
  expect(again.status).toBe('failed');
  const retried = await stack.deps.db
    .selectFrom('audit_events')
    .select('action')
    .where('subject_id', '=', id)
    .where('action', '=', 'submission.retry')
    .execute();
  expect(retried).toHaveLength(1);
  await expect(cli(['submissions:retry', randomUUID()])).rejects.toMatchObject({
    code: 1,
  });
});
