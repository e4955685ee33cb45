import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ROOT } from '../test/support/processes';

export { freePort, startProcess, waitForReady } from '../test/support/processes';

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

/** Resident and peak resident memory of a process, from /proc (Linux). */
export async function memoryOf(pid: number): Promise<{ rssMb: number; hwmMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

export const mbPerSecond = (bytes: number, ms: number) =>
  Math.round((bytes / 1024 / 1024 / (ms / 1000)) * 10) / 10;

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
