import { createServer, type Server } from 'node:http';
import express from 'express';
import { createLogger } from '../logger';
import { requestLogging } from './request-log';

const lines: Array<Record<string, unknown>> = [];
let server: Server;
let base: string;

beforeAll(async () => {
  const logger = createLogger('debug', 'test', {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  const app = express();
  app.use(requestLogging(app, logger));
  app.get('/ok', (_req, res) => {
    res.send('ok');
  });
  app.get('/r/:token', (req, res) => {
    req.log.info({ step: 'inside' }, 'route says');
    res.status(404).send('no');
  });
  app.get('/boom', (_req, res) => {
    res.status(500).send('broken');
  });
  server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const settle = () => new Promise((r) => setTimeout(r, 50));
const linesFor = (id: string | null) =>
  lines.filter((l) => (l.req as { id?: string } | undefined)?.id === id);

describe('requestLogging', () => {
  it('gives every answer an id and logs its end at the level its status calls for', async () => {
    const ids: Array<string | null> = [];
    for (const p of ['/ok', '/r/secret-token-123', '/boom']) {
      const res = await fetch(`${base}${p}`);
      ids.push(res.headers.get('x-request-id'));
    }
    await settle();
    expect(new Set(ids).size).toBe(3);
    const ended = ids.map((id) => linesFor(id).find((l) => l.msg === 'request completed'));
    // pino levels: debug 20, info 30, error 50.
    expect(ended.map((l) => l?.level)).toEqual([20, 30, 50]);
    expect(ended.map((l) => (l?.res as { statusCode: number }).statusCode)).toEqual([
      200, 404, 500,
    ]);
    expect(ended.every((l) => typeof l?.responseTime === 'number')).toBe(true);
  });

  it("carries the request's id and redacted URL on the route's own lines", async () => {
    const res = await fetch(`${base}/r/secret-token-123?x=1`);
    await settle();
    const mine = linesFor(res.headers.get('x-request-id'));
    const said = mine.find((l) => l.msg === 'route says');
    expect(said).toMatchObject({ step: 'inside', req: { method: 'GET', url: '/r/[token]?x=1' } });
    expect(JSON.stringify(lines)).not.toContain('secret-token-123');
  });
});
