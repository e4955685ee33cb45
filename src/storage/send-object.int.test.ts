import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import express, { type NextFunction, type Request, type Response } from 'express';
import { isAppError } from '../domain/errors';
import { ObjectStore, type ObjectStream } from './object-store';
import { contentDisposition, sendObject } from './send-object';
import { MiB, startStorageFixture, type StorageFixture } from './testing';

/** A real store that remembers the S3 body it handed out, to see what became of it. */
class WatchedStore extends ObjectStore {
  lastBody: Readable | undefined;
  override async getStream(
    key: string,
    range?: { start: number; end?: number },
  ): Promise<ObjectStream> {
    const out = await super.getStream(key, range);
    this.lastBody = out.body;
    return out;
  }
}

let s3: StorageFixture;
let store: WatchedStore;
let server: Server;
let base: string;
/** How the route's sendObject call ended, and whether the whole response went out. */
let finished: Promise<{ how: string; complete: boolean }>;
let settle: (outcome: { how: string; complete: boolean }) => void;

const TEXT = 'WEBVTT\n\n00:00.000 --> 00:02.000\nBore da\n';
const BIG = randomBytes(16 * MiB);

beforeAll(async () => {
  s3 = await startStorageFixture();
  store = new WatchedStore(s3.client, s3.bucket, { partSizeBytes: 5 * MiB, signedUrlSeconds: 60 });
  await store.putStream('media/t/1/captions.cy.vtt', Readable.from([Buffer.from(TEXT)]), {
    contentType: 'text/vtt',
  });
  await store.putStream('media/t/1/720p.mp4', Readable.from([BIG]), { contentType: 'video/mp4' });

  const app = express();
  app.get('/m/:name', async (req: Request<{ name: string }>, res: Response) => {
    try {
      await sendObject(res, store, `media/t/1/${req.params.name}`, req.headers.range, {
        disposition: req.query.download ? 'attachment' : 'inline',
        filename: req.params.name,
        ...(req.query.type ? { contentType: String(req.query.type) } : {}),
      });
      settle({ how: 'resolved', complete: res.writableFinished });
    } catch (e) {
      settle({ how: 'rejected', complete: res.writableFinished });
      throw e;
    }
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = isAppError(err) ? err.status : 500;
    res.status(status).json({ error: { code: isAppError(err) ? err.code : 'internal' } });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  finished = new Promise((resolve) => (settle = resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await s3.close();
});

describe('sendObject', () => {
  it('sends the whole object with safe headers', async () => {
    const res = await fetch(`${base}/m/captions.cy.vtt`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(TEXT);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'accept-ranges': 'bytes',
      'content-length': String(TEXT.length),
      'content-type': 'text/vtt',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
      'content-disposition': `inline; filename="captions.cy.vtt"; filename*=UTF-8''captions.cy.vtt`,
    });
    expect(res.headers.get('content-range')).toBeNull();
    expect(await finished).toEqual({ how: 'resolved', complete: true });
  });

  it('sends 206 for a range, including a suffix range, and honours a content type and download', async () => {
    const part = await fetch(`${base}/m/captions.cy.vtt?download=1&type=text/plain`, {
      headers: { range: 'bytes=0-5' },
    });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('WEBVTT');
    expect(part.headers.get('content-range')).toBe(`bytes 0-5/${TEXT.length}`);
    expect(part.headers.get('content-length')).toBe('6');
    expect(part.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(part.headers.get('content-disposition')).toMatch(/^attachment; /);

    const tail = await fetch(`${base}/m/720p.mp4`, { headers: { range: 'bytes=-4' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(BIG.subarray(-4))).toBe(true);
    expect(tail.headers.get('content-range')).toBe(
      `bytes ${BIG.length - 4}-${BIG.length - 1}/${BIG.length}`,
    );
  });

  it('answers HEAD without a body', async () => {
    const res = await fetch(`${base}/m/720p.mp4`, {
      method: 'HEAD',
      headers: { range: 'bytes=0-1' },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-length')).toBe('2');
    expect(res.headers.get('content-range')).toBe(`bytes 0-1/${BIG.length}`);
  });

  it('refuses an unsatisfiable range with 416 and bytes */total, and a missing object with 404', async () => {
    const res = await fetch(`${base}/m/captions.cy.vtt`, {
      headers: { range: `bytes=${TEXT.length}-` },
    });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${TEXT.length}`);
    expect(await res.json()).toEqual({ error: { code: 'range_not_satisfiable' } });
    const missing = await fetch(`${base}/m/none.mp4`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found' } });
  });

  it('destroys the S3 stream when the client goes away', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/m/720p.mp4`, { signal: controller.signal });
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(value?.length).toBeGreaterThan(0);
    controller.abort();
    // Resolved (a client leaving is not an error) with most of the 16 MB never sent.
    expect(await finished).toEqual({ how: 'resolved', complete: false });
    expect(store.lastBody?.destroyed).toBe(true);
  });
});

describe('contentDisposition', () => {
  it.each([
    ['inline', undefined, 'inline'],
    ['attachment', 'clip.mp4', `attachment; filename="clip.mp4"; filename*=UTF-8''clip.mp4`],
    [
      'attachment',
      'Fy "ffilm" i.mp4',
      `attachment; filename="Fy _ffilm_ i.mp4"; filename*=UTF-8''Fy%20%22ffilm%22%20i.mp4`,
    ],
    ['inline', 'ŵyr.mp4', `inline; filename="_yr.mp4"; filename*=UTF-8''%C5%B5yr.mp4`],
  ] as const)('%s %j', (kind, name, expected) => {
    expect(contentDisposition(kind, name)).toBe(expected);
  });
});
