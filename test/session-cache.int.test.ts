import { createUser } from '../src/db/users.queries';
import { startTestStack, type TestStack } from './support/stack';
import { findDemoCampaign } from './support/test-database';

/**
 * Session lookups for reads are shared for a second (src/api/read-cache.ts); ending a
 * session, changing the password, resetting it or disabling the account in this process must
 * still shut out a session whose lookup is cached at that moment.
 */
let stack: TestStack;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  stack = await startTestStack();
  const demo = await findDemoCampaign(stack.deps.db);
  await createUser(stack.deps.db, {
    email: 'cache-boss@example.org',
    role: 'admin',
    password: PASSWORD,
    campaignIds: [],
  });
  for (const n of ['a', 'b', 'c']) {
    await createUser(stack.deps.db, {
      email: `cache-${n}@example.org`,
      role: 'moderator',
      password: PASSWORD,
      campaignIds: [demo.id],
    });
  }
});
afterAll(() => stack.close());

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(email: string): Promise<Session> {
  const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

const call = (s: Session, method: string, p: string, body?: unknown) =>
  fetch(`${stack.baseUrl}/api/v1${p}`, {
    method,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

const queueStatus = async (s: Session) => (await call(s, 'GET', '/review/queue')).status;

describe('cached session lookups', () => {
  it('shut out a disabled account at once', async () => {
    const boss = await signIn('cache-boss@example.org');
    const a = await signIn('cache-a@example.org');
    expect(await queueStatus(a)).toBe(200);
    const { id } = await stack.deps.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'cache-a@example.org')
      .executeTakeFirstOrThrow();
    expect((await call(boss, 'POST', `/staff/users/${id}/disable`)).status).toBe(200);
    expect(await queueStatus(a)).toBe(401);
  });

  it('shut out the other sessions at once after a password change', async () => {
    const first = await signIn('cache-b@example.org');
    const second = await signIn('cache-b@example.org');
    expect(await queueStatus(second)).toBe(200);
    const changed = await call(first, 'POST', '/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'another long enough password',
    });
    expect(changed.status).toBe(200);
    expect(await queueStatus(second)).toBe(401);
    expect(await queueStatus(first)).toBe(200);
  });

  it('shut out a signed-out session at once, and keep the others', async () => {
    const one = await signIn('cache-c@example.org');
    const two = await signIn('cache-c@example.org');
    expect(await queueStatus(one)).toBe(200);
    expect(await queueStatus(two)).toBe(200);
    expect((await call(one, 'POST', '/auth/logout')).status).toBe(200);
    expect(await queueStatus(one)).toBe(401);
    expect(await queueStatus(two)).toBe(200);
  });
});
