import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';

/** A value `check` may return to say "not yet". */
type NotYet = undefined | null | false;

export interface WaitForOptions {
  /** What is awaited, for the timeout message ("submission 3f… to settle"); a function is read
   * at the timeout, so it can say where things stood ("… (still processing)"). */
  what: string | (() => string);
  /** How long to keep polling; default 30 s. */
  timeoutMs?: number;
  /** Pause between checks; default 250 ms. */
  intervalMs?: number;
}

/**
 * Polls `check` until it returns a value (anything but undefined, null or false) and returns
 * that value; after `timeoutMs` throws an error naming what was awaited. An error thrown by
 * `check` is not retried: it fails the wait at once, so a broken check is not mistaken for
 * "not yet".
 */
export async function waitFor<T>(
  check: () => T | NotYet | Promise<T | NotYet>,
  opts: WaitForOptions,
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const intervalMs = opts.intervalMs ?? 250;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() >= end) {
      const what = typeof opts.what === 'function' ? opts.what() : opts.what;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** States in which the pipeline still owes a submission work. */
const UNSETTLED = ['uploaded', 'processing'];

/**
 * The submission's row once it has settled (left `uploaded` and `processing`): the wait most
 * pipeline and fault tests share. The timeout message says which state it was stuck in.
 */
export async function waitForSettledSubmission(
  db: Kysely<Database>,
  id: string,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
) {
  let last = 'missing';
  return waitFor(
    async () => {
      const row = await db
        .selectFrom('submissions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      last = row?.status ?? 'missing';
      return row && !UNSETTLED.includes(row.status) ? row : undefined;
    },
    { what: () => `submission ${id} to settle (still ${last})`, ...opts },
  );
}
