import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { waitFor } from './wait-for';

export const ROOT = path.resolve(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts one of our entry points as a single node process (tsx as a loader, no wrapper). */
export function startProcess(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(
    process.execPath,
    [...(process.env.LEV_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', entry],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}

export async function waitForReady(url: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    async () => {
      try {
        return (await fetch(url)).ok;
      } catch {
        return false; // not up yet
      }
    },
    { what: `${url} to be ready`, timeoutMs, intervalMs: 200 },
  );
}

/**
 * The API process as `npm run start:api` runs it, on a free port against the given database and
 * S3 endpoint; resolves once /readyz answers.
 */
export async function startApiProcess(opts: {
  databaseUrl: string;
  s3Endpoint: string;
  dataDir: string;
  env?: Record<string, string>;
}): Promise<{ port: number; proc: ChildProcess }> {
  const port = await freePort();
  const proc = startProcess('src/server.ts', {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: opts.databaseUrl,
    S3_ENDPOINT: opts.s3Endpoint,
    QUEUE_PREFIX: `levproc-${port}-${Date.now()}`,
    LOG_LEVEL: 'silent',
    DATA_DIR: opts.dataDir,
    ...opts.env,
  });
  await waitForReady(`http://127.0.0.1:${port}/readyz`);
  return { port, proc };
}
