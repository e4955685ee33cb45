import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';

async function answers(url: string): Promise<boolean> {
  const r = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/**
 * Redis for `npm start`: REDIS_URL when set, else 127.0.0.1:6379 if it answers, else a
 * `redis-server` from PATH started as a child with its files in DATA_DIR.
 */
export async function ensureRedis(opts: {
  url: string | undefined;
  dataDir: string;
  logger: Logger;
  /** Where to look before starting a child (tests point it at a closed port). */
  localUrl?: string;
  childPort?: number;
}): Promise<{ url: string; stop(): Promise<void> }> {
  if (opts.url) return { url: opts.url, stop: async () => undefined };
  const local = opts.localUrl ?? 'redis://127.0.0.1:6379';
  if (await answers(local)) return { url: local, stop: async () => undefined };

  const dir = path.join(opts.dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const port = opts.childPort ?? 6390;
  let child: ChildProcess;
  try {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
  } catch {
    throw new Error(
      'redis-server was not found: install it (apt-get install redis-server) or set REDIS_URL.',
    );
  }
  const spawned = new Promise<never>((_, reject) =>
    child.once('error', () =>
      reject(
        new Error(
          'redis-server was not found: install it (apt-get install redis-server) or set REDIS_URL.',
        ),
      ),
    ),
  );
  const url = `redis://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 50; i++) {
      if (await answers(url)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('redis-server did not start within 5 seconds');
  })();
  await Promise.race([ready, spawned]);
  opts.logger.info({ url }, 'started redis-server as a child process');
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
