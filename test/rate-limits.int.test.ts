import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../src/api/app';
import { limitSpecs } from '../src/api/rate-limits';
import { createRedis } from '../src/queue/connection';
import { startTestStack, type TestStack } from './support/stack';

/**
 * Two API processes' worth of apps (each with its own Redis connection) under one key prefix:
 * the limits count across both, as they must behind a load balancer, and refuse with the API's
 * usual error shape.
 */
let stack: TestStack;
let second: { server: Server; baseUrl: string; close(): Promise<void> };

beforeAll(async () => {
  stack = await startTestStack();
  const redis = createRedis(stack.config.redis.url!, 'client');
  const server = createApp({ ...stack.deps, redis }).listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  second = {
    server,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      redis.disconnect();
    },
  };
});
afterAll(async () => {
  await second.close();
  await stack.close();
});

const apps = () => [stack.baseUrl, second.baseUrl];

const login = (base: string, email: string) =>
  fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'not the password' }),
  });

async function keysUnder(pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await stack.conn.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

it('counts failed sign-ins for one address and account across both processes', async () => {
  const { limit } = limitSpecs['login-failures'];
  const statuses: number[] = [];
  for (let i = 0; i < limit; i++) {
    statuses.push((await login(apps()[i % 2]!, 'someone@example.org')).status);
  }
  expect(new Set(statuses)).toEqual(new Set([401]));
  for (const base of apps()) {
    const refused = await login(base, 'someone@example.org');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-policy')).toContain(`${limit}`);
    expect(await refused.json()).toEqual({
      error: { code: 'rate_limited', message: 'Too many sign-in attempts. Wait 15 minutes.' },
    });
  }
  // Another account from the same address is still let through to the password check.
  expect((await login(second.baseUrl, 'other@example.org')).status).toBe(401);

  // The counts sit under the app's prefix, and hold no email address.
  const keys = await keysUnder(`${stack.config.redis.prefix}:rl:*`);
  expect(keys.some((k) => k.startsWith(`${stack.config.redis.prefix}:rl:login-failures:`))).toBe(
    true,
  );
  expect(keys.some((k) => k.startsWith(`${stack.config.redis.prefix}:rl:login-attempts:`))).toBe(
    true,
  );
  expect(keys.join('\n')).not.toContain('example.org');
});

it('the sign-in page shares the same count as the API', async () => {
  const res = await fetch(`${stack.baseUrl}/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'someone@example.org', password: 'wrong' }).toString(),
    redirect: 'manual',
  });
  expect(res.status).toBe(429);
  expect(await res.text()).toContain('<html');
});

it('counts resumable upload creations per address across both processes', async () => {
  const { limit } = limitSpecs['upload-start'];
  const statuses: number[] = [];
  for (let i = 0; i < limit; i++) {
    const res = await fetch(`${apps()[i % 2]!}/api/v1/uploads`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' },
    });
    statuses.push(res.status);
  }
  // Refused for want of a token, but counted: a flood stops before it reaches storage.
  expect(statuses.every((s) => s !== 429)).toBe(true);
  const refused = await fetch(`${second.baseUrl}/api/v1/uploads`, {
    method: 'POST',
    headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' },
  });
  expect(refused.status).toBe(429);
  expect(await refused.json()).toEqual({
    error: { code: 'rate_limited', message: 'Too many uploads started. Wait 15 minutes.' },
  });
  // HEAD and PATCH (resuming) are never limited by this count.
  const head = await fetch(`${stack.baseUrl}/api/v1/uploads/nothing-here`, {
    method: 'HEAD',
    headers: { 'tus-resumable': '1.0.0' },
  });
  expect(head.status).not.toBe(429);
});
