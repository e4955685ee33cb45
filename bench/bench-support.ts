import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';

export const ROOT = path.resolve(__dirname, '..');

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

/** The same `bytes` bytes every time: a 1 MiB random block (starting with `head`) repeated. */
export function repeatingStream(head: Buffer, bytes: number): Readable {
  const block = Buffer.concat([head, randomBytes(1024 * 1024 - head.length)]);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) return this.push(null);
      const n = Math.min(block.length, bytes - sent);
      sent += n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
}

export async function mediaHead(file = 'welsh-speech.mp4'): Promise<Buffer> {
  const dir = process.env.SHARED_MEDIA_DIR ?? path.join(ROOT, '..', 'shared', 'media');
  return (await readFile(path.join(dir, file))).subarray(0, 64 * 1024);
}

/** Starts one of our entry points as a single node process (tsx as a loader, no wrapper). */
export function startProcess(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function waitForReady(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

/** Resident and peak resident memory of a process, from /proc (Linux). */
export async function memoryOf(pid: number): Promise<{ rssMb: number; hwmMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

export const mbPerSecond = (bytes: number, ms: number) => Math.round((bytes / 1024 / 1024 / (ms / 1000)) * 10) / 10;
