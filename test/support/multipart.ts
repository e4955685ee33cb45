import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';

export const MEDIA_DIR = process.env.SHARED_MEDIA_DIR ?? `${__dirname}/../../../shared/media`;

export const validConsent = {
  statementVersion: 1,
  scopes: ['jury'],
  othersAppear: false,
  othersConsented: false,
  displayName: 'Test Carer',
  language: 'en',
};

/**
 * Streams a multipart body by hand: fields first, then the file, so tests can send chunked
 * bodies of any size, cut the connection mid-file, or leave fields out.
 */
export function multipartBody(
  fields: Record<string, string>,
  file?: { field?: string; filename: string; contentType?: string; body: Readable },
): { boundary: string; stream: Readable } {
  const boundary = `----levtest${randomBytes(8).toString('hex')}`;
  async function* gen() {
    for (const [k, v] of Object.entries(fields)) {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
      );
    }
    if (file) {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'video'}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      );
      for await (const chunk of file.body) yield chunk as Buffer;
      yield Buffer.from('\r\n');
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  return { boundary, stream: Readable.from(gen()) };
}

export interface RawResponse {
  status: number;
  body: string;
  json: () => Record<string, unknown>;
}

/** POSTs a streamed multipart body (chunked, no Content-Length) and reads the whole answer. */
export function postMultipart(
  url: string,
  fields: Record<string, string>,
  file?: Parameters<typeof multipartBody>[1],
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const { boundary, stream } = multipartBody(fields, file);
  // A connection of its own (a pooled one may be closed by the server's keep-alive timeout just
  // as this request starts writing on it), but kept alive: a request the server refuses before
  // reading its body (401, 403) is then drained by the server, whereas with `Connection: close`
  // the server closes at once and the file still being sent meets a reset (write EPIPE).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise<RawResponse>((resolve, reject) => {
    const req = http.request(url, {
      agent,
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, ...headers },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) }),
      );
    });
    req.on('error', reject);
    stream.pipe(req);
  }).finally(() => {
    // The answer is in: whatever of the body is still unsent is not needed.
    stream.destroy();
    agent.destroy();
  });
}

/** A stream of `bytes` bytes that starts with a real media header, for size tests. */
export function fakeMediaStream(head: Buffer, bytes: number, chunk = 256 * 1024): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) return this.push(null);
      const n = Math.min(chunk, bytes - sent);
      const buf =
        sent === 0
          ? Buffer.concat([head, randomBytes(Math.max(0, n - head.length))]).subarray(0, n)
          : randomBytes(n);
      sent += n;
      this.push(buf);
    },
  });
}
