import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createDb, migrateToLatest, type Db } from '../src/db/database';
import { seedFirstRun } from '../src/first-run';
import { ensureRedis } from '../src/queue/redis-server';
import { createTestDatabase } from './support/test-database';

describe('first start on an empty database', () => {
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const t = await createTestDatabase();
    drop = t.drop;
    db = createDb(t.url);
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
    await drop();
  });

  it('creates the demo campaign and an admin whose password is printed once', async () => {
    const printed: string[] = [];
    const first = await seedFirstRun(db, 'admin@example.org', (t) => printed.push(t));
    expect(first).toEqual({ createdDemo: true, createdAdmin: true });
    expect(printed).toHaveLength(1);
    const password = /password: (\S+)/.exec(printed[0] ?? '')?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const admin = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(admin).toMatchObject({
      email: 'admin@example.org',
      role: 'admin',
      must_change_password: true,
    });
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    expect(admin.password_hash).not.toContain(password);
    const demo = await db
      .selectFrom('campaigns')
      .selectAll()
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    expect(demo.name_cy).toMatch(/gofal/);
    const statement = await db
      .selectFrom('consent_statements')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(statement).toMatchObject({ campaign_id: demo.id, version: 1 });

    const again = await seedFirstRun(db, 'admin@example.org', (t) => printed.push(t));
    expect(again).toEqual({ createdDemo: false, createdAdmin: false });
    expect(printed).toHaveLength(1);
  });

  it('runs migrations idempotently', async () => {
    expect(await migrateToLatest(db)).toEqual([]);
  });
});

describe('ensureRedis', () => {
  it('starts a redis-server child when nothing answers, and stops it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lev-redis-'));
    const logger = pino({ level: 'silent' });
    const r = await ensureRedis({
      url: undefined,
      dataDir: dir,
      logger,
      localUrl: 'redis://127.0.0.1:1',
      childPort: 6391,
    });
    try {
      expect(r.url).toBe('redis://127.0.0.1:6391');
      const { Redis } = await import('ioredis');
      const client = new Redis(r.url);
      expect(await client.ping()).toBe('PONG');
      client.disconnect();
    } finally {
      await r.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('uses REDIS_URL as given', async () => {
    const r = await ensureRedis({
      url: 'redis://example:6379',
      dataDir: '/nonexistent',
      logger: pino({ level: 'silent' }),
    });
    expect(r.url).toBe('redis://example:6379');
  });
});
