import { createServer, type Server } from 'node:http';
import express from 'express';
import { countWrites, writeGeneration } from './write-generation';

let server: Server;
let base: string;
let seenInHandler = 0;

beforeAll(async () => {
  const app = express();
  app.use(countWrites());
  app.all('/x', (_req, res) => {
    seenInHandler = writeGeneration();
    res.send('ok');
  });
  server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('writeGeneration', () => {
  it('does not move for reads', async () => {
    const before = writeGeneration();
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect((await fetch(`${base}/x`, { method })).status).toBe(200);
    }
    expect(writeGeneration()).toBe(before);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    'moves when a %s starts and again before its answer reaches the client',
    async (method) => {
      const before = writeGeneration();
      expect((await fetch(`${base}/x`, { method })).status).toBe(200);
      expect(seenInHandler).toBe(before + 1);
      expect(writeGeneration()).toBeGreaterThanOrEqual(before + 2);
    },
  );
});
