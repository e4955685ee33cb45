import { createUser } from '../src/db/users.queries';
import { startTestStack, type TestStack } from './support/stack';

/**
 * The first admin (and any account made with must-change) is sent to change the password
 * before any other staff page; the form checks the current password and the repeat.
 */
let stack: TestStack;
const FIRST = 'first-run password 1';

beforeAll(async () => {
  stack = await startTestStack();
  await createUser(stack.deps.db, {
    email: 'new-admin@example.org',
    role: 'admin',
    password: FIRST,
    mustChangePassword: true,
  });
});
afterAll(() => stack.close());

async function signIn(password: string) {
  const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'new-admin@example.org', password }),
  });
  expect(res.status).toBe(200);
  return {
    cookie: res.headers.getSetCookie()[0]?.split(';')[0] ?? '',
    csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
  };
}

function postForm(cookie: string, fields: Record<string, string>) {
  return fetch(`${stack.baseUrl}/staff/password?lang=cy`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

it('sends a must-change account to the password page, then lets it in once changed', async () => {
  const s = await signIn(FIRST);
  const queue = await fetch(`${stack.baseUrl}/staff/`, {
    headers: { cookie: s.cookie },
    redirect: 'manual',
  });
  expect(queue.status).toBe(303);
  expect(queue.headers.get('location')).toMatch(/^\/staff\/password/);

  const page = await fetch(`${stack.baseUrl}/staff/password?lang=cy`, {
    headers: { cookie: s.cookie },
  });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<html lang="cy"');
  expect(html).toContain('Newid eich cyfrinair');

  const next = 'a brand new passphrase';
  const noCsrf = await postForm(s.cookie, {
    currentPassword: FIRST,
    newPassword: next,
    confirmPassword: next,
  });
  expect(noCsrf.status).toBe(403);
  const wrong = await postForm(s.cookie, {
    _csrf: s.csrf,
    currentPassword: 'nope',
    newPassword: next,
    confirmPassword: next,
  });
  expect(wrong.status).toBe(400);
  expect(await wrong.text()).toContain('href="#currentPassword"');
  const mismatch = await postForm(s.cookie, {
    _csrf: s.csrf,
    currentPassword: FIRST,
    newPassword: next,
    confirmPassword: `${next}!`,
  });
  expect(mismatch.status).toBe(400);
  const short = await postForm(s.cookie, {
    _csrf: s.csrf,
    currentPassword: FIRST,
    newPassword: 'short',
    confirmPassword: 'short',
  });
  expect(short.status).toBe(400);

  const done = await postForm(s.cookie, {
    _csrf: s.csrf,
    currentPassword: FIRST,
    newPassword: next,
    confirmPassword: next,
  });
  expect(done.status).toBe(303);
  expect(done.headers.get('location')).toMatch(/^\/staff\//);
  const after = await fetch(`${stack.baseUrl}/staff/`, {
    headers: { cookie: s.cookie },
    redirect: 'manual',
  });
  expect(after.status).toBe(200);

  const user = await stack.deps.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', 'new-admin@example.org')
    .executeTakeFirstOrThrow();
  expect(user.must_change_password).toBe(false);
  await signIn(next);
});
